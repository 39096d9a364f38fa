"""The graph page: offline, coloured by class, and hostile names shown as text."""

import re
from pathlib import Path

import networkx as nx

from newskg.export.page import COLOURS, render_page
from newskg.network_queries import rank, select_in
from newskg.pipeline import BuildResult
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
    from newskg.pipeline import BuildResult as Result

    result = Result(out=Path("."), failures=['<script>alert("x")</script>.txt: is empty'])
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
