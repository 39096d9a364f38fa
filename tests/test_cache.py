"""The build cache: unchanged articles are not parsed again, changed ones are, damage is rebuilt; graphs
known to conform are not checked again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import PROV, RDF, SDO

from newskg.cache import Cache
from newskg.model import Article, Extraction, ResolvedArticle
from newskg.pipeline import BuildResult, build
from newskg.rdf import validate as validate_module
from newskg.rdf.validate import BuildCheck, Validation, check_graphs

FIRST = "The Harbour Authority inspected 12 cranes in Rotterdam on March 3, 2024.\n"
SECOND = "Engineers repaired 4 bridges near Lyon on April 9, 2024, the regional council said.\n"


@pytest.fixture(autouse=True)
def _recorded_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    yield


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    return folder


def test_a_second_build_takes_every_article_from_the_cache(inputs: Path, tmp_path: Path) -> None:
    first = build([inputs], tmp_path / "out")
    again = build([inputs], tmp_path / "out")
    assert first.cached == 0 and again.cached == 2
    assert again.articles == first.articles == ["first", "second"]
    assert (tmp_path / "out" / "graph.trig").read_bytes() == _fresh(inputs, tmp_path)


def test_a_changed_article_is_parsed_again(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    (inputs / "second.txt").write_text(SECOND.replace("4 bridges", "7 bridges"), encoding="utf-8")
    again = build([inputs], tmp_path / "out")
    assert again.cached == 1
    assert "7 bridges" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_damaged_entry_is_rebuilt(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    entries = sorted((tmp_path / "out" / ".cache").glob("*/*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:40])
    again = build([inputs], tmp_path / "out")
    assert again.cached == 1 and again.ok
    assert all(Cache.read(entry) is not None for entry in entries)


def test_other_settings_do_not_share_entries(tmp_path: Path) -> None:
    article = Article(id="a", text="Some text.", source="a.txt")
    resolved = ResolvedArticle(Extraction(article, (), ()), ())
    one, other = Cache(tmp_path, "model one 1.0"), Cache(tmp_path, "model two 1.0")
    assert one.put(article, resolved)
    assert one.get(article) == resolved and other.get(article) is None
    assert one.get(Article(id="a", text="Some text.", source="a.txt", title="A title")) is None


def test_no_cache_reads_and_writes_none(inputs: Path, tmp_path: Path) -> None:
    result = build([inputs], tmp_path / "out", use_cache=False)
    assert result.cached == 0 and not (tmp_path / "out" / ".cache").exists()


def _fresh(inputs: Path, tmp_path: Path) -> bytes:
    build([inputs], tmp_path / "fresh", use_cache=False)
    return (tmp_path / "fresh" / "graph.trig").read_bytes()


def test_only_graphs_not_known_to_conform_are_checked_again(
    seed_build: BuildResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = seed_build.dataset
    assert dataset is not None
    first, known = _checked(dataset, set())
    assert first.conforms and known
    with monkeypatch.context() as patch:
        patch.setattr(validate_module.pyshacl, "validate", _not_called)
        again, same = _checked(dataset, known)
    assert again.conforms and same == known
    graph = next(g for g in dataset.graphs() if (None, RDF.type, SDO.NewsArticle) in g)
    spoiled = URIRef("urn:x:quote")
    graph.add((spoiled, RDF.type, SDO.Quotation))
    try:
        checked, _ = _checked(dataset, known)
    finally:
        graph.remove((spoiled, None, None))
    assert not checked.conforms and any("urn:x:quote" in line for line in checked.violations)


def _checked(dataset: Dataset, known: set[str]) -> tuple[Validation, set[str]]:
    """A build's check of the dataset's article graphs, with its provenance as their context."""
    graphs = [graph for graph in dataset.graphs() if len(graph)]
    provenance = next(graph for graph in graphs if (None, RDF.type, PROV.Activity) in graph)
    check = BuildCheck()
    check.add(check_graphs([graph for graph in graphs if graph is not provenance], provenance, frozenset(known)))
    return check.result()


def _not_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("a graph known to conform was checked again")


def test_an_article_moved_to_another_folder_is_still_in_the_cache(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    moved = tmp_path / "elsewhere"
    inputs.rename(moved)
    again = build([moved], tmp_path / "out")
    assert again.cached == 2
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {item["source"] for item in report["articles"].values()} == {
        str(moved / "first.txt"),
        str(moved / "second.txt"),
    }
