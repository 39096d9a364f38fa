"""Hostile text comes out escaped and intact in every file, and cannot break the page."""

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import SDO

from newskg.cli import main
from newskg.pipeline import BuildResult, build

HOSTILE = "<script>alert('x')</script> \\ back\\slash > end \x01 bell"
HEADLINE = 'Evil "headline" <script>alert(1)</script> \\ \x02 end'
ARTICLE = (
    f"title: {HEADLINE}\n\n"
    "By Jane Doe\n\n"
    f'"We cleared the fields {HOSTILE} today," Maria Lopez said on Monday.\n\n'
    "Maria Lopez said that 40 mines were cleared near Fuzuli.\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil <name> é.txt").write_text(ARTICLE, encoding="utf-8")
    return build([folder / "evil <name> é.txt"], folder / "out")


def _headline(graph: Graph) -> str:
    (headline,) = graph.objects(None, SDO.headline)
    return str(headline)


def _quote_text(graph: Graph) -> str:
    texts = [str(t) for t in graph.objects(None, SDO.text) if isinstance(t, Literal) and "cleared the fields" in t]
    assert len(texts) == 1
    return texts[0]


@pytest.mark.parametrize(("name", "syntax"), [("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")])
def test_rdf_keeps_the_text_intact(hostile: BuildResult, name: str, syntax: str) -> None:
    graph = Graph().parse(hostile.out / name, format=syntax)
    assert HOSTILE in _quote_text(graph)
    assert _headline(graph) == HEADLINE


def test_trig_keeps_the_text_intact(hostile: BuildResult) -> None:
    dataset = Dataset(default_union=True)
    dataset.parse(hostile.out / "graph.trig", format="trig")
    assert HOSTILE in _quote_text(dataset)
    assert _headline(dataset) == HEADLINE


def test_graphml_is_valid_xml_with_visible_escapes(hostile: BuildResult) -> None:
    network = nx.read_graphml(hostile.out / "graph.graphml")
    assert network.number_of_nodes() > 0


def test_the_page_shows_text_and_runs_no_injected_script(hostile: BuildResult) -> None:
    page = (hostile.out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page


def test_an_unusual_file_name_gives_a_safe_iri(hostile: BuildResult) -> None:
    graph = Graph().parse(hostile.out / "graph.ttl", format="turtle")
    articles = {str(s) for s in graph.subjects(SDO.identifier, Literal("evil <name> é"))}
    assert articles == {"https://w3id.org/newskg/id/article/evil-name-e"}


def test_csv_output_neutralises_formulas(hostile: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    query = 'SELECT ?x WHERE { VALUES ?x { "=1+2" "+cmd" "-2+3" "@SUM(A1)" "-5" } }'
    assert main(["query", str(hostile.out), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["'=1+2", "'+cmd", "'-2+3", "'@SUM(A1)", "-5"]


def test_report_json_is_valid(hostile: BuildResult) -> None:
    report = json.loads((Path(hostile.out) / "report.json").read_text(encoding="utf-8"))
    assert report["articles_built"] == 1
