"""SHACL validation of a graph against ontology/shapes.ttl, plus the offsets check, with readable violations."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from newskg.knowledge.lexicon import ONTOLOGY_DIR
from newskg.rdf.namespaces import NIF
from newskg.result import Validation

_LABEL = str(RDFS.label)


@cache
def shapes() -> Graph:
    """The project's SHACL shapes."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def validate(data: Graph, focus: Collection[Node] | None = None, texts: Mapping[str, str] | None = None) -> Validation:
    """Check `data` against the shapes (no inference: the contract holds without it) and its offsets.

    With `focus`, only what is found of those nodes counts (the rest of `data` is there to be
    pointed to); `texts` gives the contexts' texts by IRI where `data` does not hold them."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    found = _lines(report, focus) + list(_offset_violations(data, focus, texts))
    return Validation(not found, tuple(sorted(found)))


@dataclass(frozen=True)
class Checked:
    """Some graphs' check: their digests, those not known to conform before, and what was found."""

    digests: tuple[str, ...]
    fresh: frozenset[str]
    violations: frozenset[str]


def check_graphs(graphs: list[Graph], context: Graph, conforming: frozenset[str]) -> Checked:
    """Check graphs together with `context` (what they point to), skipping those whose content (by digest)
    conformed before; one SHACL run for all of them."""
    digests = tuple(_digest(graph) for graph in graphs)
    fresh = [graph for digest, graph in zip(digests, graphs, strict=True) if digest not in conforming]
    if not fresh:
        return Checked(digests, frozenset(), frozenset())
    checked = Graph()
    for graph in [context, *fresh]:
        for triple in graph:
            checked.add(triple)
    return Checked(digests, frozenset(set(digests) - conforming), frozenset(validate(checked).violations))


def combined(checks: list[Checked]) -> Checked:
    """Several checks as one."""
    return Checked(
        tuple(digest for check in checks for digest in check.digests),
        frozenset().union(*(check.fresh for check in checks)),
        frozenset().union(*(check.violations for check in checks)),
    )


class BuildCheck:
    """A build's check, gathered as its graphs are made and checked a batch at a time (`check_graphs`),
    so its memory does not grow with the build; the union's one-label rule is checked by `labels`, fed
    every statement once (see `newskg.rdf.serialise.write_union`)."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self._fresh: set[str] = set()
        self._violations: set[str] = set()
        self._labels = _LabelCheck()

    def add(self, checked: Checked) -> None:
        """A batch's check."""
        self.known.update(checked.digests)
        self._fresh |= checked.fresh
        self._violations |= checked.violations

    def labels(self, quads: list[ox.Quad]) -> None:
        """A run of the union's statements, whole subjects, each statement once."""
        self._labels.add(quads)

    def result(self) -> tuple[Validation, set[str]]:
        """The build's check, and the digests of its graphs now known to conform (for the next build)."""
        violations = self._violations | set(self._labels.violations)
        conforms = not violations
        return Validation(conforms, tuple(sorted(violations))), self.known if conforms else self.known - self._fresh


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
    return digest(sorted(f"{s} {p} {o.n3() if isinstance(o, Literal) else o}" for s, p, o in graph))


def digest(lines: Iterable[str]) -> str:
    """A digest of a graph's statements, one sorted line each, and of the shapes they are checked against."""
    hasher = hashlib.sha256(_shapes_digest().encode())
    for line in lines:
        hasher.update(f"{line}\n".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


@cache
def _shapes_digest() -> str:
    return hashlib.sha256((ONTOLOGY_DIR / "shapes.ttl").read_bytes()).hexdigest()


def _offset_violations(
    data: Graph, only: Collection[Node] | None, texts: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Every NIF string (of `only`, if given) whose anchor is not the text between its offsets, in one pass."""
    if texts is None:
        texts = {str(context): str(text) for context, text in data.subject_objects(NIF.isString)}
    for node, anchor in data.subject_objects(NIF.anchorOf):
        if only is not None and node not in only:
            continue
        text = texts.get(str(data.value(node, NIF.referenceContext)))
        begin, end = data.value(node, NIF.beginIndex), data.value(node, NIF.endIndex)
        if text is None or not isinstance(begin, Literal) or not isinstance(end, Literal):
            continue
        if text[int(begin.toPython()) : int(end.toPython())] != str(anchor):
            yield f"{node}: nif:anchorOf is not the text between nif:beginIndex and nif:endIndex of its context"


def _lines(report: Graph, only: Collection[Node] | None) -> list[str]:
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        if only is not None and focus not in only:
            continue
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f" {path.n3(report.namespace_manager)}" if path is not None else ""
        lines.append(f"{focus}{where}: {message}")
    return lines
