"""The on-disk Oxigraph store: a build writes into it, and every reading command reads from it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD

from newskg.cli import main
from newskg.pipeline.run import BuildResult, build
from newskg.query import load_graph
from newskg.rdf.store import open_graph
from tests.conftest import SEEDS

QUERIES = sorted((Path(__file__).resolve().parents[2] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, str]:
    root = tmp_path_factory.mktemp("stored")
    spec = f"oxigraph:{root / 'store'}"
    return build([SEEDS], root / "out", store=spec), spec


@pytest.mark.slow
def test_the_store_holds_the_builds_graphs(stored: tuple[BuildResult, str]) -> None:
    result, spec = stored
    written = Dataset()
    written.parse(result.out / "graph.trig")
    assert _as_stored(load_graph(spec)) == _as_stored(written)


def _as_stored(dataset: Dataset) -> set:
    """The quads, with integers of every XSD type as xsd:integer: how Oxigraph keeps them."""
    return {
        (s, p, Literal(str(o), datatype=XSD.integer) if isinstance(o, Literal) and o.datatype in _INTEGERS else o, g)
        for s, p, o, g in dataset.quads()
    }


_INTEGERS = {XSD.integer, XSD.nonNegativeInteger}


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_query_answers_the_same_from_the_store(
    stored: tuple[BuildResult, str], query: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result, spec = stored
    answers = []
    for source in (spec, str(result.out)):
        assert main(["query", source, "-f", str(query), "--format", "csv"]) == 0
        answers.append(sorted(_unordered(line) for line in capsys.readouterr().out.splitlines()))
    assert answers[0] == answers[1] and len(answers[0]) > 1


def _unordered(line: str) -> str:
    """A CSV line with GROUP_CONCAT lists, which SPARQL leaves unordered, put in order."""
    return ",".join("; ".join(sorted(cell.split("; "))) for cell in line.split(","))


def test_validate_viz_export_and_merge_read_the_store(stored: tuple[BuildResult, str], tmp_path: Path) -> None:
    result, spec = stored
    assert main(["validate", spec]) == 0
    assert main(["viz", spec, "--out", str(tmp_path / "page.html")]) == 0
    assert main(["export", spec, "--out", str(tmp_path / "tables")]) == 0
    assert main(["merge", spec, "--out", str(tmp_path / "merged.trig")]) == 0
    merged, written = Dataset(), Dataset()
    merged.parse(tmp_path / "merged.trig")
    written.parse(result.out / "graph.trig")
    assert _as_stored(merged) == _as_stored(written)


def test_a_store_that_is_not_there_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", f"oxigraph:{tmp_path / 'none'}", "ASK {}"]) == 2
    assert "no Oxigraph store there" in capsys.readouterr().err


COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def every_syntax(stored: tuple[BuildResult, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed build in every syntax the README lists as a GRAPH: the build's own files, merge's outputs,
    and its union converted to N-Triples and RDF/XML."""
    result, _ = stored
    root = tmp_path_factory.mktemp("syntaxes")
    sources = {
        "build folder": result.out,
        ".trig": result.out / "graph.trig",
        ".ttl": result.out / "graph.ttl",
        ".jsonld": result.out / "graph.jsonld",
    }
    for fmt in ("trig", "nq", "ttl", "jsonld"):
        target = root / f"merged.{fmt}"
        assert main(["merge", str(result.out), "--out", str(target), "--format", fmt]) == 0
        sources[f"merge --format {fmt}"] = target
    union = Graph().parse(result.out / "graph.ttl")
    for suffix, syntax in ((".nt", "nt"), (".rdf", "xml")):
        union.serialize(root / f"union{suffix}", format=syntax, encoding="utf-8")
        sources[suffix] = root / f"union{suffix}"
    return sources


def _count(source: str, capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["query", source, COUNT_ALL, "--format", "csv"]) == 0
    return int(capsys.readouterr().out.splitlines()[1])


SYNTAXES = [
    "build folder",
    ".trig",
    ".ttl",
    ".jsonld",
    ".nt",
    ".rdf",
    "merge --format trig",
    "merge --format nq",
    "merge --format ttl",
    "merge --format jsonld",
]


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.slow
def test_query_and_serve_see_every_statement_of_a_file_of_any_syntax(
    stored: tuple[BuildResult, str], every_syntax: dict[str, Path], syntax: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of triples keeps its statements in the default graph (the union was once made by clearing it)."""
    result, spec = stored
    expected = _count(str(result.out), capsys)
    assert expected > 1000 and _count(spec, capsys) == expected
    source = every_syntax[syntax]
    assert _count(str(source), capsys) == expected
    answer = open_graph(source).query(COUNT_ALL)
    assert isinstance(answer, ox.QuerySolutions)
    assert int(next(iter(answer))["n"].value) == expected


def test_serve_opens_the_store_read_only_in_each_querys_process(stored: tuple[BuildResult, str]) -> None:
    import json
    import urllib.parse

    from newskg.rdf.store import store_path
    from newskg.serve import Endpoint

    folder = store_path(stored[1])
    assert folder is not None
    app = Endpoint(folder, seconds=10)
    query = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    environ = {"PATH_INFO": "/query", "REQUEST_METHOD": "GET", "QUERY_STRING": urllib.parse.urlencode({"query": query})}
    statuses: list[str] = []
    for _ in range(2):
        body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
    assert statuses == ["200 OK", "200 OK"]
