"""A long article's graph made, written and checked on disk a run of subjects at a time is the graph made in
memory: the same files, byte for byte, and the same check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SDO

from newskg.limits import Limits
from newskg.model import Article, Entity, Event, Extraction, ResolvedArticle, Sectioned, Span
from newskg.pipeline import second_pass as graphs
from newskg.pipeline import sections
from newskg.pipeline.on_disk import GraphFileWriter, check_graph_file
from newskg.pipeline.run import build
from newskg.pipeline.workers import resolved
from newskg.rdf import serialise
from newskg.rdf.namespaces import NIF
from newskg.rdf.serialise import graph_blocks, graph_text
from newskg.result import BuildFailure, FailureKind

PARAGRAPH = (
    "On June 12, 2021, Maria Lopez, the director of the Northern Demining Agency, said that sappers "
    "defused 40 mines near Fuzuli. The agency cleared 12 hectares in Aghdam in May 2021.\n\n"
)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(PARAGRAPH * 30, encoding="utf-8")
    (folder / "short.txt").write_text(PARAGRAPH, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_long_articles_graph_made_on_disk_gives_the_same_files(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = build([inputs], tmp_path / "held", use_cache=False)
    # runs of a few subjects (many runs per graph), the article's text read back as a long line
    small = Limits(long_article=1_000, block_lines=40, checked_statements=40, long_line=500)
    checked: list[str] = []
    monkeypatch.setattr(
        graphs, "check_graph_file", lambda graph, *rest: checked.append(graph.name) or check_graph_file(graph, *rest)
    )
    made = build([inputs], tmp_path / "on-disk", use_cache=False, limits=small)
    assert len(checked) == 1 and checked[0].endswith("long")
    assert made.validation is not None and made.validation.conforms, made.validation
    for name in ("graph.trig", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "on-disk" / name).read_bytes() == (tmp_path / "held" / name).read_bytes(), name
    assert held.classes == made.classes


@pytest.mark.slow
def test_a_long_article_built_a_section_at_a_time_gives_the_same_files_and_is_cached(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = build([inputs], tmp_path / "held", use_cache=False, limits=Limits(piece_chars=400))  # a piece or two
    small = Limits(piece_chars=400, section_chars=1_200, long_article=1_000)  # the long article in five sections
    seen: list[int] = []
    monkeypatch.setattr(sections.LongArticleSummary, "add", _counted(sections.LongArticleSummary.add, seen))
    made = build([inputs], tmp_path / "sections", cache=tmp_path / "cache", limits=small)
    assert len(seen) == 5
    assert made.validation is not None and made.validation.conforms, made.validation
    for name in ("graph.trig", "graph.ttl", "graph.jsonld"):
        assert (tmp_path / "sections" / name).read_bytes() == (tmp_path / "held" / name).read_bytes(), name
    assert _counts(tmp_path / "sections") == _counts(tmp_path / "held") and made.classes == held.classes
    again = build([inputs], tmp_path / "again", cache=tmp_path / "cache", limits=small)
    assert again.cached == 2 and len(seen) == 5
    assert (tmp_path / "again" / "graph.trig").read_bytes() == (tmp_path / "held" / "graph.trig").read_bytes()
    (kept,) = (tmp_path / "cache").glob("*/*.sections")
    kept.unlink()  # its sections lost: the long article is parsed again
    rebuilt = build([inputs], tmp_path / "rebuilt", cache=tmp_path / "cache", limits=small)
    assert rebuilt.cached == 1 and len(seen) == 10 and kept.exists()
    assert (tmp_path / "rebuilt" / "graph.trig").read_bytes() == (tmp_path / "held" / "graph.trig").read_bytes()


def test_a_long_article_that_fails_costs_the_others_nothing_and_leaves_no_file(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def failing(article: Article, parsed: object, lexicon: object, limits: Limits) -> ResolvedArticle:
        calls.append(1)
        if len(calls) == 3:
            raise ValueError("a broken section")
        return resolved(article, parsed, lexicon, limits)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "resolved", failing)
    small = Limits(piece_chars=400, section_chars=1_200, long_article=1_000)
    made = build([inputs], tmp_path / "out", cache=tmp_path / "cache", limits=small)
    assert made.articles == ["short"]
    broken = f"{inputs / 'long.txt'}: could not be processed (ValueError: a broken section)"
    assert made.failures == [BuildFailure(FailureKind.PROCESSING, broken)]
    assert [path.name for path in (tmp_path / "cache").glob("*/*") if not path.name.endswith(".json")] == []


def _counted(add: Callable, seen: list[int]) -> Callable:
    def counted(whole: sections.LongArticleSummary, section: ResolvedArticle) -> ResolvedArticle:
        seen.append(len(section.extraction.events))
        return add(whole, section)

    return counted


def _counts(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["articles"]


def test_a_long_articles_sections_are_held_as_one_summary() -> None:
    article = Article("long", "x" * 100, "long.txt", author="Ana Ruiz")
    whole = sections.LongArticleSummary(article, kept=5)
    agency = Entity("organization/demining-agency", "Organization", "Demining Agency", mentions=(Span(0, 5, "x"),))
    fuller = Entity(
        "organization/demining-agency", "Organization", "the Demining Agency", ("DA",), ("GovernmentOrganization",)
    )
    pairs = tuple((Span(n, n + 1, "1"), Span(n + 1, n + 2, "2")) for n in range(4))
    whole.add(_section(article, (agency,), pairs, events=2))
    whole.add(_section(article, (fuller,), pairs[:2], events=3))
    summary = whole.summary()
    (joined,) = summary.entities
    assert joined.mentions == () and "DA" in joined.alt_labels and joined.subtypes == ("GovernmentOrganization",)
    assert len(summary.conflicts) == 5 and summary.more_conflicts
    assert summary.sectioned == Sectioned(2, 5, 0, 0, 0) and summary.author == "person/ana-ruiz"
    assert summary.extraction.events == () and summary.extraction.article is article


def _section(article: Article, entities: tuple[Entity, ...], conflicts: tuple, events: int) -> ResolvedArticle:
    happened = tuple(Event(Span(n, n + 1, "x"), "Clearance", "cleared", Span(n, n + 1, "x")) for n in range(events))
    return ResolvedArticle(Extraction(article, (), (), events=happened), entities, conflicts=conflicts)


def test_a_graph_written_a_run_at_a_time_is_its_whole_block() -> None:
    graph = Graph()
    for n in range(10):
        graph.add((URIRef(f"urn:x:s{n}"), SDO.name, Literal(f"name {n}\n{{ }}")))
        graph.add((URIRef(f"urn:x:s{n}"), SDO.about, URIRef(f"urn:x:s{n + 1}")))
    quads = serialise.oxigraph_quads(graph, "urn:x:g")
    lines = sorted(serialise.statement_line(quad) for quad in quads)
    assert "".join(graph_blocks(lines, "urn:x:g", Limits(block_lines=3))) == graph_text(quads)


def test_a_graph_on_disk_is_checked_with_what_lies_beyond_each_run(tmp_path: Path) -> None:
    sink = GraphFileWriter("urn:x:g", tmp_path)
    context, text = URIRef("urn:x:context"), "Sappers cleared mines."
    for triple in [
        (context, RDF.type, NIF.Context),
        (context, NIF.isString, Literal(text)),
        *_phrase(URIRef("urn:x:p1"), context, 0, 7, "Sappers"),
        *_phrase(URIRef("urn:x:p2"), context, 8, 15, "cleared"),
        *_phrase(URIRef("urn:x:p3"), context, 0, 5, "mines"),  # its anchor is not the text at its offsets
        *_phrase(URIRef("urn:x:p4"), context, 8, 15, "cleared")[1:],  # not typed: no shape finds it
        *[t for t in _phrase(URIRef("urn:x:p5"), context, 16, 21, "mines") if t[1] != NIF.endIndex],
    ]:
        sink.add(_terms(triple))
    checked = check_graph_file(sink.close(), Graph(), frozenset(), tmp_path, Limits(checked_statements=2))
    offsets, missing = sorted(checked.violations)
    assert offsets == "urn:x:p3: nif:anchorOf is not the text between nif:beginIndex and nif:endIndex of its context"
    assert missing.startswith("urn:x:p5 nif:endIndex: ")


def _phrase(node: URIRef, context: URIRef, begin: int, end: int, anchor: str) -> list[tuple]:
    return [
        (node, RDF.type, NIF.Phrase),
        (node, NIF.anchorOf, Literal(anchor)),
        (node, NIF.beginIndex, Literal(begin)),
        (node, NIF.endIndex, Literal(end)),
        (node, NIF.referenceContext, context),
    ]


def _terms(triple: tuple) -> tuple:
    """An rdflib triple as the Oxigraph terms a graph on disk takes."""
    (quad,) = serialise.oxigraph_quads([triple], "urn:x:g")
    return quad.subject, quad.predicate, quad.object


def test_statements_of_a_graph_on_disk_are_sorted_and_each_once(tmp_path: Path) -> None:
    sink = GraphFileWriter("urn:x:g", tmp_path, Limits(held_statements=2, run_lines=2))
    for n in (3, 1, 2, 1, 3):
        sink.add(_terms((URIRef(f"urn:x:s{n}"), SDO.name, Literal(str(n)))))
    assert list(sink.close().statements()) == [f'<urn:x:s{n}> <https://schema.org/name> "{n}" .' for n in (1, 2, 3)]


TRICKY = ["plain", 'a "quoted" \\ back\nslash\t\r', "\x00\x01\x7f control", "é ü 😀 \u2028 \ufeff", "ends with \\"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_long_line_is_read_as_oxigraph_reads_it(text: str) -> None:
    objects = [ox.Literal(text), ox.Literal(text, language="en"), ox.Literal(text, datatype=ox.NamedNode("urn:x:t"))]
    lines = [serialise.statement_line(ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), o)) for o in objects]
    lines.append(serialise.statement_line(ox.Triple(ox.BlankNode("b1"), ox.NamedNode("urn:x:p"), ox.Literal(text))))
    expected = list(ox.parse(input="\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert serialise.subject_runs(lines, limits=Limits(long_line=0)).__next__() == expected


@pytest.mark.slow
def test_an_article_text_over_oxigraphs_16_mib_token_limit_is_written_and_read_back() -> None:
    text = 'Sappers cleared 40 mines near the "river".\n' * 400_000  # 17.6 MB
    quad = ox.Quad(ox.NamedNode("urn:x:context"), ox.NamedNode(str(NIF.isString)), ox.Literal(text))
    lines = ['<urn:x:a> <urn:x:p> "before" .', serialise.statement_line(quad), '<urn:x:z> <urn:x:p> "after" .']
    (run,) = serialise.subject_runs(lines)
    assert [q.object.value for q in run] == ["before", text, "after"]
    assert text.replace("\n", "\\n").replace('"', '\\"') in "".join(graph_blocks(lines, "urn:x:g"))
