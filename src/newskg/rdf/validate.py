"""SHACL validation of a graph against ontology/shapes.ttl, plus the offsets check, with readable violations.

The `shacl` engine (Rust, fed N-Triples text) decides whether a graph conforms; only when it finds a
violation is the graph checked again by pySHACL, whose report gives the violations' wording. Both engines
give the same verdicts on every kind of fault the shapes describe (tests/test_engines.py holds them to it).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import shacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from newskg.knowledge.lexicon import ONTOLOGY_DIR
from newskg.rdf.namespaces import NIF
from newskg.rdf.serialise import oxigraph_quads, statement_line
from newskg.result import Validation

_LABEL = str(RDFS.label)
_STRING, _CONTEXT = str(NIF.isString), str(NIF.referenceContext)
_ANCHOR, _BEGIN, _END = str(NIF.anchorOf), str(NIF.beginIndex), str(NIF.endIndex)
_OFFSETS = (_STRING, _CONTEXT, _ANCHOR, _BEGIN, _END)
_OFFSET_NODES = frozenset(ox.NamedNode(predicate) for predicate in _OFFSETS)
_UNNAMED = "urn:x-newskg:checked"  # the graph name the statements are given on their way to N-Triples


@cache
def shapes() -> Graph:
    """The project's SHACL shapes."""
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@cache
def _engine() -> shacl.Shapes:
    """The shapes compiled once for the `shacl` engine."""
    return shacl.Shapes.from_file(str(ONTOLOGY_DIR / "shapes.ttl"))


def validate(data: Graph, focus: Collection[Node] | None = None, texts: Mapping[str, str] | None = None) -> Validation:
    """Check `data` against the shapes (no inference: the contract holds without it) and its offsets.

    With `focus`, only what is found of those nodes counts (the rest of `data` is there to be
    pointed to); `texts` gives the contexts' texts by IRI where `data` does not hold them."""
    try:
        quads = oxigraph_quads(data.triples((None, None, None)), _UNNAMED)
    except (TypeError, ValueError):  # a term Oxigraph cannot hold: pySHACL alone, as it reads anything rdflib does
        return _found(_pyshacl_lines(data, focus), _offset_violations(_rdflib_offsets(data), focus, texts))
    return _checked(quads, [statement_line(quad) for quad in quads], lambda: data, focus, texts)


def validate_run(data: Graph, focus: Collection[Node], texts: Mapping[str, str]) -> Validation:
    """`validate` by pySHACL alone, for a run of a long article's graph with what lies beyond it (see
    `newskg.pipeline.on_disk`): pySHACL can be told to target only the run's nodes, while the `shacl` engine
    also reports every node beyond the run, whose statements lie in other runs (31,000 results and 260 MB
    for a run of a 0.5 MB article's graph)."""
    return _found(_pyshacl_lines(data, focus), _offset_violations(_rdflib_offsets(data), focus, texts))


def _checked(
    quads: list[ox.Quad],
    lines: list[str],
    graph: Callable[[], Graph],
    focus: Collection[Node] | None,
    texts: Mapping[str, str] | None,
) -> Validation:
    """The shapes' check of the statements (as quads and as their N-Triples lines) by the `shacl` engine, then
    by pySHACL on `graph()` (the same statements) for the wording if it found a violation; and the offsets'."""
    only = None if focus is None else {f"<{node}>" for node in focus if isinstance(node, URIRef)}
    offsets = _offset_violations(_oxigraph_offsets(quads), focus, texts)
    try:
        report = _engine().validate_text("\n".join(lines), format="ntriples", max_results=1 if only is None else None)
    except ValueError:  # text the engine does not take (a lone surrogate): pySHACL decides alone
        return _found(_pyshacl_lines(graph(), focus), offsets)
    flagged = [result for result in report.results if only is None or result.focus_node in only]
    if not flagged:
        return _found([], offsets)
    return _found(_pyshacl_lines(graph(), focus) or [_unconfirmed(result) for result in flagged], offsets)


def _unconfirmed(result: shacl.Result) -> str:
    """A violation the `shacl` engine found and pySHACL did not, kept so the check is never the weaker."""
    where = f" {result.path}" if result.path else ""
    return f"{result.focus_node.strip('<>')}{where}: {result.message or result.component} (found by the shacl engine)"


def _found(shaped: list[str], offsets: Iterable[str]) -> Validation:
    found = shaped + list(offsets)
    return Validation(not found, tuple(sorted(found)))


def _pyshacl_lines(data: Graph, focus: Collection[Node] | None) -> list[str]:
    """pySHACL's violations of `data`, as readable lines (its report's wording)."""
    import pyshacl  # only a graph found to violate the shapes needs it, and importing it is slow

    _, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    return _lines(report, focus)


def _rdflib_graph(lines: list[str]) -> Graph:
    """N-Triples lines as an rdflib Graph."""
    return Graph().parse(data="\n".join(lines), format="nt")


@dataclass(frozen=True)
class Checked:
    """Some graphs' check: their digests, those not known to conform before, and what was found."""

    digests: tuple[str, ...]
    fresh: frozenset[str]
    violations: frozenset[str]


Stated = tuple[list[ox.Quad], list[str]]  # a graph's statements, as Oxigraph quads and as their N-Triples lines


def check_graphs(graphs: list[Stated], context: Graph, conforming: frozenset[str]) -> Checked:
    """Check graphs together with `context` (what they point to), skipping those whose content (by digest)
    conformed before; one SHACL run for all of them, on their N-Triples lines as the files take them."""
    digests = tuple(digest(sorted(lines)) for _, lines in graphs)
    fresh = [graph for known, graph in zip(digests, graphs, strict=True) if known not in conforming]
    if not fresh:
        return Checked(digests, frozenset(), frozenset())
    around = oxigraph_quads(context, _UNNAMED)
    quads = [*around, *(quad for graph, _ in fresh for quad in graph)]
    lines = [*map(statement_line, around), *(line for _, graph in fresh for line in graph)]
    found = _checked(quads, lines, lambda: _rdflib_graph(lines), None, None)
    return Checked(digests, frozenset(set(digests) - conforming), frozenset(found.violations))


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


def digest(lines: Iterable[str]) -> str:
    """A digest of a graph's statements, one sorted line each, and of the shapes they are checked against."""
    hasher = hashlib.sha256(_shapes_digest().encode())
    for line in lines:
        hasher.update(f"{line}\n".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


@cache
def _shapes_digest() -> str:
    return hashlib.sha256((ONTOLOGY_DIR / "shapes.ttl").read_bytes()).hexdigest()


Offset = tuple[str, str, str, bool]  # a statement of the offsets check: subject, predicate, object, is a literal


def _oxigraph_offsets(quads: Iterable[ox.Quad]) -> Iterator[Offset]:
    """The statements of Oxigraph quads that the offsets check reads."""
    for quad in quads:
        subject, value = quad.subject, quad.object
        if quad.predicate in _OFFSET_NODES and not isinstance(subject, ox.Triple) and not isinstance(value, ox.Triple):
            yield subject.value, quad.predicate.value, value.value, isinstance(value, ox.Literal)


def _rdflib_offsets(data: Graph) -> Iterator[Offset]:
    """The statements of an rdflib graph that the offsets check reads."""
    for predicate in _OFFSETS:
        for subject, _, value in data.triples((None, URIRef(predicate), None)):
            yield str(subject), predicate, str(value), isinstance(value, Literal)


def _offset_violations(
    statements: Iterable[Offset], only: Collection[Node] | None, texts: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Every NIF string (of `only`, if given) whose anchor is not the text between its offsets, in one pass;
    offsets that are not whole numbers, and contexts of more than one text, are left to the shapes."""
    anchors: list[tuple[str, str]] = []
    found: dict[str, str | None] = {}
    values: defaultdict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)
    for subject, predicate, value, literal in statements:
        if predicate == _ANCHOR:
            anchors.append((subject, value))
        elif predicate == _STRING:
            found[subject] = None if subject in found else value
        else:
            values[subject][predicate] = (value, literal)
    known: Mapping[str, str | None] = found if texts is None else texts
    wanted = None if only is None else {str(node) for node in only}
    for node, anchor in anchors:
        if wanted is not None and node not in wanted:
            continue
        held = values[node]
        text = known.get(held.get(_CONTEXT, ("", False))[0])
        begin, end = _offset(held.get(_BEGIN)), _offset(held.get(_END))
        if text is None or begin is None or end is None:
            continue
        if text[begin:end] != anchor:
            yield f"{node}: nif:anchorOf is not the text between nif:beginIndex and nif:endIndex of its context"


def _offset(value: tuple[str, bool] | None) -> int | None:
    """An offset's number: a literal written as a whole number, else None."""
    if value is None or not value[1]:
        return None
    try:
        return int(value[0])
    except ValueError:
        return None


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
