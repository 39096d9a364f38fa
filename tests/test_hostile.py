"""Hostile text comes out escaped and intact in every file, and cannot break the page."""

import hashlib
import json
import stat
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDFS, SDO

from newskg.cli import main
from newskg.errors import OutputError
from newskg.files import temporary_name, temporary_of, write_whole
from newskg.pipeline.run import BuildResult, build
from newskg.result import FailureKind

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
    digest = hashlib.sha256("evil <name> é".encode()).hexdigest()[:12]  # the slug loses characters: its digest
    assert articles == {f"https://w3id.org/newskg/id/article/evil-name-e-{digest}"}


def test_csv_output_neutralises_formulas(hostile: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    query = 'SELECT ?x WHERE { VALUES ?x { "=1+2" "+cmd" "-2+3" "@SUM(A1)" "-5" } }'
    assert main(["query", str(hostile.out), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["'=1+2", "'+cmd", "'-2+3", "'@SUM(A1)", "-5"]


def test_report_json_is_valid(hostile: BuildResult) -> None:
    report = json.loads((Path(hostile.out) / "report.json").read_text(encoding="utf-8"))
    assert report["articles_built"] == 1


LONG_ID = "x" * 130
LOOK_ALIKE_IDS = [
    "Report",
    "report",
    "a b",
    "a-b",
    "Ärger",
    "arger",
    "Отчёт 2021",
    "Доклад 2021",
    "报告 2021",
    LONG_ID + "1",
    LONG_ID + "2",
    "provenance",
]


@pytest.fixture(scope="module")
def look_alikes(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Articles whose ids slug alike (case, spaces, accents, other scripts, a shared long start, the
    provenance graph's name), each with its own text."""
    folder = tmp_path_factory.mktemp("look-alikes")
    for number, name in enumerate(LOOK_ALIKE_IDS):
        text = f"Maria Lopez said that {number + 2} mines were cleared near Fuzuli on Monday.\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return build([folder], folder / "out")


def test_ids_that_slug_alike_keep_their_own_graphs(look_alikes: BuildResult) -> None:
    assert sorted(look_alikes.articles) == sorted(LOOK_ALIKE_IDS) and not look_alikes.failures
    dataset = Dataset()
    dataset.parse(look_alikes.out / "graph.trig", format="trig")
    graphs = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert len(graphs) == len(LOOK_ALIKE_IDS) + 1  # and the provenance graph
    articles = {}
    for name, graph in graphs.items():
        if name.endswith("/graph/provenance"):
            continue
        ((node, identifier),) = graph.subject_objects(SDO.identifier)
        articles[str(identifier)] = str(node)
    assert sorted(articles) == sorted(LOOK_ALIKE_IDS)
    assert len(set(articles.values())) == len(LOOK_ALIKE_IDS)
    report = json.loads((look_alikes.out / "report.json").read_text(encoding="utf-8"))
    assert report["articles_built"] == len(LOOK_ALIKE_IDS)


def test_an_articles_iri_does_not_depend_on_the_others(look_alikes: BuildResult, tmp_path: Path) -> None:
    (tmp_path / "Report.txt").write_text("Maria Lopez said that 2 mines were cleared near Fuzuli on Monday.\n")
    alone = build([tmp_path / "Report.txt"], tmp_path / "out")
    iris = []
    for result in (alone, look_alikes):
        graph = Graph().parse(result.out / "graph.ttl", format="turtle")
        iris.append({str(s) for s in graph.subjects(SDO.identifier, Literal("Report"))})
    assert iris[0] == iris[1] and len(iris[0]) == 1


def test_two_ids_of_one_iri_are_refused_rather_than_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were two ids to give one IRI (a digest collision, crafted), the second is named as a failure."""
    monkeypatch.setattr("newskg.pipeline.first_pass.article_slug", lambda article_id: "one")
    for number, name in enumerate(("first", "second")):
        (tmp_path / f"{name}.txt").write_text(f"Maria Lopez said that {number + 2} mines were cleared near Fuzuli.\n")
    result = build([tmp_path / "first.txt", tmp_path / "second.txt"], tmp_path / "out")
    assert result.articles == ["first"]
    assert [failure.kind for failure in result.failures] == [FailureKind.SAME_ID]
    assert "second.txt: its id 'second' gives the IRI of" in result.failures[0].text


def test_a_number_of_thousands_of_digits_costs_nothing_else(tmp_path: Path) -> None:
    """Past the 4,300 digits Python writes an int in, and past any figure the news holds: no figure (a made-up
    or cut value would be wrong), and the rest of the article is built."""
    digits = "7" * 5000
    source = tmp_path / "in" / "huge.txt"
    source.parent.mkdir()
    source.write_text(f"The Harbour Authority inspected {digits} cranes in Rotterdam on March 3, 2024.\n", "utf-8")
    result = build([source.parent], tmp_path / "out")
    assert result.ok, result.failures
    read = Dataset(default_union=True)
    read.parse(tmp_path / "out" / "graph.trig", format="trig")  # as export, validate and viz read it
    assert not any("777" in str(value) for value in read.objects(predicate=SDO.value))
    assert Literal("Rotterdam") in set(read.objects(predicate=RDFS.label))


def test_a_lone_surrogate_costs_only_its_own_article(tmp_path: Path) -> None:
    text = "The agency cleared 3 mines in Baku on May 1, 2021."
    lines = [
        {"id": "fine", "text": text},
        {"id": "\ud800", "text": text + " Again."},  # JSON may spell a lone surrogate; no RDF file can hold one
        {"id": "spoilt-text", "text": text + " \udfff"},
        {"id": "spoilt-title", "text": text + " Once more.", "title": "A \ud83d title"},
    ]
    source = tmp_path / "in" / "many.jsonl"
    source.parent.mkdir()
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = build([source.parent], tmp_path / "out")
    assert result.articles == ["fine"]
    assert sorted(failure.text for failure in result.failures) == [
        f"{source}:{line}: its {field} holds a lone surrogate (U+{code}), which no RDF file can hold"
        for line, field, code in ((2, "id", "D800"), (3, "text", "DFFF"), (4, "title", "D83D"))
    ]
    assert (tmp_path / "out" / "graph.trig").exists()


def test_a_file_written_whole_never_goes_through_a_planted_symlink(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret").write_bytes(b"someone's")
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "entry").symlink_to(elsewhere / "secret")  # the target, a symlink to a file elsewhere
    write_whole(folder / "entry", lambda stream: stream.write(b"ours"), 0o600, real_folder=True)
    assert (elsewhere / "secret").read_bytes() == b"someone's"
    assert not (folder / "entry").is_symlink() and (folder / "entry").read_bytes() == b"ours"
    assert stat.S_IMODE((folder / "entry").stat().st_mode) == 0o600
    (folder / "shard").symlink_to(elsewhere)  # its folder, a symlink out of it
    with pytest.raises(OutputError, match="shard/entry: cannot write"):
        write_whole(folder / "shard" / "entry", lambda stream: stream.write(b"ours"), real_folder=True)
    assert sorted(path.name for path in elsewhere.iterdir()) == ["secret"]
    assert sorted(path.name for path in folder.iterdir()) == ["entry", "shard"]


def test_a_temporary_is_known_by_its_name_alone() -> None:
    assert temporary_of(temporary_name("graph.trig")) == "graph.trig"
    assert temporary_name("a") != temporary_name("a")
    assert [temporary_of(name) for name in ("graph.trig", "notes.tmp", ".graph.trig.old.tmp")] == [None] * 3
