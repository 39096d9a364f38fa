"""The graph page: offline, coloured by class, and hostile names shown as text."""

import re
from pathlib import Path

import networkx as nx
import pytest

from newskg.export.network_sparql import rank, select_in
from newskg.export.page import COLOURS, render_page
from newskg.pipeline.run import BuildResult
from newskg.rdf.dataset import union


def test_seed_page_makes_no_outside_request(seed_build: BuildResult) -> None:
    page = (seed_build.out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "new vis.Network" in page and "newskg-legend" in page
    for colour in COLOURS.values():
        assert colour in page


def test_hostile_labels_cannot_break_out_of_the_page() -> None:
    network = nx.MultiDiGraph()
    hostile = '</script><script>alert("x")</script> & <b>'
    network.add_node("urn:x", label=hostile, kind="Person", iri="urn:x", names=hostile)
    page = render_page(network)
    assert "<script>alert" not in page and "</script><script>" not in page
    assert "\\u003c/script\\u003e" in page


def test_the_report_page_lists_figures_conflicts_and_inputs(seed_build: BuildResult) -> None:
    page = (seed_build.out / "report.html").read_text(encoding="utf-8")
    assert "<h2>Figures</h2>" in page and "18,302 hectares" in page and "Clearance" in page
    assert "conflicting figures" in page and "The graph conforms to the shapes." in page
    assert "mine-clearance-azerbaijan-2021" in page and "Vugar Suleymanov" in page


def test_the_report_page_escapes_text() -> None:
    from rdflib import Graph

    from newskg.export.report_page import render_report
    from newskg.result import BuildFailure, FailureKind
    from newskg.result import BuildResult as Result

    result = Result(
        out=Path("."), failures=[BuildFailure(FailureKind.UNREADABLE, '<script>alert("x")</script>.txt: is empty')]
    )
    page = render_report(result, Graph(), [], {"Person": 0})
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_long_report_shows_the_first_figures_and_says_how_many_more(seed_build: BuildResult) -> None:
    from newskg.export.report_page import render_report

    assert seed_build.dataset is not None
    graph = union(seed_build.dataset)
    page = render_report(seed_build, graph, rank(select_in(graph), 15).entities, seed_build.classes, shown=3)
    assert "The first 3 of 17 figures" in page and "quantities.csv" in page
    figures = _figure_rows(page)
    assert len(figures) == 4  # the header and three figures
    every = _figure_rows(render_report(seed_build, graph, [], seed_build.classes, shown=100))
    assert len(every) == 18 and every[:4] == figures  # the first three of all, in the same order


def _figure_rows(page: str) -> list[str]:
    return [row.split("</tr>")[0] for row in page.split("<h2>Figures</h2>")[1].split("<h2>")[0].split("<tr>")[1:]]


def test_a_long_timeline_shows_the_latest_events_and_says_how_many_more(seed_build: BuildResult) -> None:
    from newskg.export.timeline import render_timeline

    assert seed_build.dataset is not None
    whole = render_timeline(union(seed_build.dataset))
    dates = re.findall(r'#node=[^"]+">([^<]+)</a>', whole)
    page = render_timeline(union(seed_build.dataset), shown=3)
    assert f"The 3 latest of {len(dates)} dated events" in page and "events.csv" in page
    assert re.findall(r'#node=[^"]+">([^<]+)</a>', page) == dates[-3:]


def test_the_timeline_lists_dated_events_in_order_with_links(seed_build: BuildResult) -> None:
    page = (seed_build.out / "timeline.html").read_text(encoding="utf-8")
    dates = re.findall(r'#node=[^"]+">([^<]+)</a>', page)
    assert dates and dates == sorted(dates) and "2021-06-12" in dates
    assert "graph.html#node=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle" in page
    assert 'class="mark"' in page


def test_the_graph_page_focuses_the_node_named_in_its_address(seed_build: BuildResult) -> None:
    page = (seed_build.out / "graph.html").read_text(encoding="utf-8")
    assert "window.location.hash.match" in page


def test_the_report_and_the_timeline_name_the_article_of_each_figure_and_event(seed_build: BuildResult) -> None:
    figures = _figure_rows((seed_build.out / "report.html").read_text(encoding="utf-8"))
    assert figures[0].endswith("<th>as written</th><th>article</th>")
    assert all(row.endswith("<td>mine-clearance-azerbaijan-2021</td>") for row in figures[1:])
    assert all('<td><a href="graph.html#node=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Farticle' in r for r in figures[1:])
    timeline = (seed_build.out / "timeline.html").read_text(encoding="utf-8")
    events = timeline.split("</th></tr>", 1)[1].split("</table>")[0].split("</tr>")[:-1]
    assert events and all(row.endswith("<td>mine-clearance-azerbaijan-2021</td>") for row in events)


def test_a_fact_of_an_article_with_a_web_address_links_to_its_sentence_there() -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import PROV, SDO

    from newskg.export.entity_network import source
    from newskg.rdf.namespaces import NIF

    graph = Graph()
    article, context, sentence, fact = (URIRef(f"urn:{name}") for name in ("a", "c", "s", "f"))
    graph.add((article, SDO.text, context))
    graph.add((article, SDO.headline, Literal("Old town cleared")))
    graph.add((article, SDO.url, URIRef("https://news.example/a")))
    graph.add((sentence, NIF.referenceContext, context))
    graph.add(
        (sentence, NIF.anchorOf, Literal("Forty mines were cleared near the old-town & port of Batumi on Monday."))
    )
    graph.add((fact, PROV.wasDerivedFrom, sentence))
    assert source(graph, fact) == (
        "Old town cleared",
        "https://news.example/a#:~:text=Forty%20mines%20were%20cleared%20near%20the%20old%2Dtown%20%26",
    )
    graph.set((article, SDO.url, URIRef("javascript:alert(1)")))
    assert source(graph, fact) == ("Old town cleared", "")
    assert source(graph, URIRef("urn:none")) == ("", "")


def test_the_report_page_groups_warnings_by_their_kind_not_their_words() -> None:
    """A conflict is listed under "Conflicting figures" by its kind; a file named like one stays with the inputs."""
    from rdflib import Graph

    from newskg.export.report_page import render_report
    from newskg.result import BuildResult as Result
    from newskg.result import BuildWarning, WarningKind

    conflict = BuildWarning(WarningKind.CONFLICT, "a.txt: 18 and 18302 cannot both be the dead")
    named = BuildWarning(WarningKind.INPUT, "conflicting figures.txt: read as Windows-1252")
    page = render_report(Result(out=Path("."), warnings=[conflict, named]), Graph(), [], {"Person": 0})
    figures, inputs = page.split("<h2>Conflicting figures</h2>")[1].split("<h2>Inputs</h2>")
    assert "18302 cannot both" in figures and "Windows-1252" not in figures
    assert "Windows-1252" in inputs and "18302 cannot both" not in inputs


@pytest.mark.slow
def test_a_builds_limits_reach_its_pages(tmp_path: Path) -> None:
    """The page caps come from the build's Limits: a few nodes drawn (with a warning of kind PAGE), the
    first figures in the report, the latest events on the timeline."""
    from newskg.limits import Limits
    from newskg.pipeline.run import build
    from newskg.result import WarningKind
    from tests.conftest import SEED

    result = build([SEED], tmp_path, use_cache=False, limits=Limits(page_nodes=5, figures_shown=2, events_shown=1))
    (page,) = [w for w in result.warnings if w.kind is WarningKind.PAGE]
    assert page.text.startswith("graph.html shows the 5 most central of ")
    assert len(_figure_rows((tmp_path / "report.html").read_text(encoding="utf-8"))) == 3  # the header and two
    assert "The 1 latest of " in (tmp_path / "timeline.html").read_text(encoding="utf-8")
