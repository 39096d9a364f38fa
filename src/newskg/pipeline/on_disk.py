"""An article graph too large to hold at once (an article of many megabytes): its statements go to sorted
runs on disk as they are written, and the graph is serialised, digested and checked a run of subjects at a time.

A graph of a few thousand statements is made in memory (`second_pass`); one of millions would
hold gigabytes as rdflib terms, and as many again in the SHACL engine. Here the build
holds one run of subjects at a time, plus what the shapes need from beyond it: the
classes of the nodes it points to, and the statements pointing into it along the
shapes' inverse paths, which come from the graph loaded into Oxigraph on disk; the
offsets are checked against the article's text, read once.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from newskg.limits import DEFAULT, Limits
from newskg.rdf.namespaces import NIF
from newskg.rdf.serialise import graph_blocks, statement_line, subject_runs
from newskg.rdf.sorted_lines import SortedLines
from newskg.rdf.store import rdflib_term
from newskg.rdf.terms import Triple
from newskg.rdf.validate import Checked, digest, shapes, validate_run

_TYPE, _TEXT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(NIF.isString))


@dataclass(frozen=True)
class GraphFile:
    """One named graph, ready for the files, as a file of its statements: sorted, unique N-Triples lines."""

    name: str
    path: Path

    def blocks(self, limits: Limits) -> Iterator[str]:
        """Its TriG block, a run of subjects at a time."""
        return graph_blocks(self.statements(), self.name, limits)

    def statements(self) -> Iterator[str]:
        """Its statements as N-Triples lines, in order."""
        with self.path.open(encoding="utf-8", newline="\n") as lines:
            yield from (line[:-1] for line in lines)


class GraphFileWriter:
    """Takes a graph's statements as Oxigraph terms (as `rdf.triples.ArticleWriter` adds them) into sorted
    runs under `folder` (`limits.held_statements` at a time); `close` gives the graph as a `GraphFile` there."""

    def __init__(self, name: str, folder: Path, limits: Limits = DEFAULT) -> None:
        self.name, self.folder, self.held = name, folder, limits.held_statements
        self._runs = SortedLines(folder, limits.run_lines)
        self._held: list[str] = []

    def add(self, triple: Triple) -> None:
        self._held.append(statement_line(ox.Triple(*triple)))
        if len(self._held) >= self.held:
            self._flush()

    def close(self) -> GraphFile:
        self._flush()
        path = self.folder / "graph.nt"
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(f"{line}\n" for line in self._runs)
        self._runs.remove()
        return GraphFile(self.name, path)

    def _flush(self) -> None:
        self._runs.add(self._held)
        self._held = []


def check_graph_file(
    graph: GraphFile, context: Graph, conforming: frozenset[str], folder: Path, limits: Limits = DEFAULT
) -> Checked:
    """Check a graph file with `context` (what it points to), a run of subjects at a time
    (`limits.checked_statements`), unless its digest conformed before; an Oxigraph store under `folder`
    answers what a run needs from beyond it."""
    known = digest(graph.statements())
    if known in conforming:
        return Checked((known,), frozenset(), frozenset())
    inverse = [ox.NamedNode(str(path)) for path in shapes().objects(None, SH.inversePath)]
    index, texts = _index(graph, folder / "index", {_TYPE, *inverse}, limits)
    violations: set[str] = set()
    for run in subject_runs(graph.statements(), limits.checked_statements, limits):
        subjects = {URIRef(quad.subject.value) for quad in run if isinstance(quad.subject, ox.NamedNode)}
        checked = _Run(subjects)
        for triple in context:
            checked.add(triple)
        for quad in _with_beyond(run, index, inverse):
            checked.add(_triple(quad))
        violations.update(validate_run(checked, subjects, texts).violations)
    return Checked((known,), frozenset({known}), frozenset(violations))


class _Run(Graph):
    """A run's statements with what lies beyond it, where the shapes find their targets among the run's own
    subjects only: pyshacl finds a shape's targets by class (`subjects(rdf:type, C)`) and by
    sh:targetSubjectsOf (`subject_objects(p)`), so the nodes beyond the run, there to be pointed to,
    are not checked for statements the run does not hold (and their false violations not made)."""

    def __init__(self, focus: set[URIRef]) -> None:
        super().__init__()
        self.focus = focus

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Generator[Node, None, None]:
        for node in super().subjects(predicate, object, unique):
            if predicate != RDF.type or node in self.focus:
                yield node

    def subject_objects(self, predicate: Any = None, unique: bool = False) -> Generator[tuple[Node, Node], None, None]:
        for node, value in super().subject_objects(predicate, unique):
            if node in self.focus:
                yield node, value


def _index(
    graph: GraphFile, folder: Path, predicates: set[ox.NamedNode], limits: Limits
) -> tuple[ox.Store, dict[str, str]]:
    """The graph's statements of some predicates in an Oxigraph store on disk, and its contexts' texts."""
    index = ox.Store(str(folder))
    texts: dict[str, str] = {}
    for run in subject_runs(graph.statements(), limits.block_lines, limits):
        index.bulk_extend([quad for quad in run if quad.predicate in predicates])
        texts.update(
            (quad.subject.value, quad.object.value)
            for quad in run
            if quad.predicate == _TEXT
            and isinstance(quad.subject, ox.NamedNode)
            and isinstance(quad.object, ox.Literal)
        )
    return index, texts


def _with_beyond(run: list[ox.Quad], index: ox.Store, inverse: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    """A run's statements, the classes of the nodes it points to, and what points into it along the shapes'
    inverse paths."""
    yield from run
    subjects = {quad.subject for quad in run}
    for node in {quad.object for quad in run if isinstance(quad.object, ox.NamedNode)} - subjects:
        yield from index.quads_for_pattern(node, _TYPE, None)
    for subject in subjects:
        for predicate in inverse:
            yield from index.quads_for_pattern(None, predicate, subject)


def _triple(quad: ox.Quad) -> tuple[Node, Node, Node]:
    return rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)  # type: ignore[return-value]
