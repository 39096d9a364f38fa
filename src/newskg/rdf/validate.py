"""SHACL validation of a graph against ontology/shapes.ttl, plus the offsets check, with readable violations."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH

from newskg.lexicon import ONTOLOGY_DIR
from newskg.rdf.namespaces import NIF

_LABEL = str(RDFS.label)
BATCH_GRAPHS = 64  # article graphs checked together: one SHACL run each, its memory bounded


@dataclass(frozen=True)
class Validation:
    """Whether a graph conforms, and one line per violation."""

    conforms: bool
    violations: tuple[str, ...]


@cache
def shapes() -> Graph:
    """The project's SHACL shapes."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def validate(data: Graph) -> Validation:
    """Check `data` against the shapes (no inference: the contract holds without it) and its offsets."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    offsets = list(_offset_violations(data))
    return Validation(bool(conforms) and not offsets, tuple(sorted(_lines(report) + offsets)))


class BuildCheck:
    """The check of a build's graphs as they are made, a batch at a time, so its memory does not grow
    with the build: graphs whose content (by digest) conformed before are skipped, and each batch is
    checked together with `context` (the provenance its graphs point to). The union's one-label rule
    is checked by `labels`, fed every statement once (see `newskg.export.serialise.write_union`).
    """

    def __init__(self, conforming: set[str], context: Graph, batch: int = BATCH_GRAPHS) -> None:
        self.conforming = conforming
        self.context = context
        self.batch = batch
        self.known: set[str] = set()
        self._pending: list[tuple[str, Graph]] = []
        self._violations: set[str] = set()
        self._fresh: set[str] = set()
        self._labels = _LabelCheck()

    def add(self, graph: Graph) -> None:
        """A graph of the build, checked now or with the next few."""
        digest = _digest(graph)
        self.known.add(digest)
        if digest not in self.conforming:
            self._fresh.add(digest)
            self._pending.append((digest, graph))
        if len(self._pending) >= self.batch:
            self._run()

    def labels(self, quads: list[ox.Quad]) -> None:
        """A run of the union's statements, whole subjects, each statement once."""
        self._labels.add(quads)

    def result(self) -> tuple[Validation, set[str]]:
        """The build's check, and the digests of its graphs now known to conform (for the next build)."""
        self._run()
        violations = self._violations | set(self._labels.violations)
        conforms = not violations
        return Validation(conforms, tuple(sorted(violations))), self.known if conforms else self.known - self._fresh

    def _run(self) -> None:
        if not self._pending:
            return
        checked = Graph()
        for triple in self.context:
            checked.add(triple)
        for _, graph in self._pending:
            for triple in graph:
                checked.add(triple)
        self._violations.update(validate(checked).violations)
        self._pending = []


class _LabelCheck:
    """Every node of the union with more than one rdfs:label (the graphs checked apart cannot tell)."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def add(self, quads: list[ox.Quad]) -> None:
        labelled = [
            quad.subject.value
            for quad in quads
            if quad.predicate.value == _LABEL and isinstance(quad.subject, ox.NamedNode | ox.BlankNode)
        ]
        for node, count in Counter(labelled).items():
            if count > 1:
                self.violations.append(
                    f"{node}: {count} rdfs:label values over the build's graphs; exactly one is expected"
                )


def _digest(graph: Graph) -> str:
    """A digest of a graph's content and of the shapes it is checked against."""
    lines = sorted(f"{s} {p} {o.n3() if isinstance(o, Literal) else o}" for s, p, o in graph)
    hasher = hashlib.sha256(_shapes_digest().encode())
    hasher.update("\n".join(lines).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


@cache
def _shapes_digest() -> str:
    return hashlib.sha256((ONTOLOGY_DIR / "shapes.ttl").read_bytes()).hexdigest()


def _offset_violations(data: Graph) -> Iterator[str]:
    """Every NIF string whose anchor is not the text between its offsets, found in one pass."""
    texts = {str(context): str(text) for context, text in data.subject_objects(NIF.isString)}
    for node, anchor in data.subject_objects(NIF.anchorOf):
        text = texts.get(str(data.value(node, NIF.referenceContext)))
        begin, end = data.value(node, NIF.beginIndex), data.value(node, NIF.endIndex)
        if text is None or not isinstance(begin, Literal) or not isinstance(end, Literal):
            continue
        if text[int(begin.toPython()) : int(end.toPython())] != str(anchor):
            yield f"{node}: nif:anchorOf is not the text between nif:beginIndex and nif:endIndex of its context"


def _lines(report: Graph) -> list[str]:
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f" {path.n3(report.namespace_manager)}" if path is not None else ""
        lines.append(f"{focus}{where}: {message}")
    return lines
