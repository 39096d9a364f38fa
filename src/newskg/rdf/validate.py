"""SHACL validation of a graph against ontology/shapes.ttl, plus the offsets check, with readable violations."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS, SDO, SH

from newskg.lexicon import ONTOLOGY_DIR
from newskg.rdf.namespaces import NIF


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


def validate_build(dataset: Dataset, conforming: set[str]) -> tuple[Validation, set[str]]:
    """Check a build's dataset, skipping the article graphs whose content (by digest) conformed before.

    The others are checked together with the provenance graph they point to; each entity's
    one label is checked over the union. Returns the result and the digests of the
    graphs now known to conform, for the next build.
    """
    graphs = {_digest(graph): graph for graph in dataset.graphs() if len(graph)}
    provenance = [g for g in graphs.values() if not any(True for _ in g.subjects(RDF.type, SDO.NewsArticle))]
    fresh = [graph for digest, graph in graphs.items() if digest not in conforming]
    result = Validation(True, ())
    if len(fresh) == len(graphs) - len(provenance):
        result = validate(dataset)
    elif fresh:
        checked = Graph()
        for graph in {id(g): g for g in fresh + provenance}.values():
            for triple in graph:
                checked.add(triple)
        result = validate(checked)
    labels = list(_label_violations(dataset))
    validation = Validation(result.conforms and not labels, tuple(sorted(result.violations + tuple(labels))))
    known = set(graphs) if validation.conforms else set(graphs) - {_digest(g) for g in fresh}
    return validation, known & set(graphs)


def _digest(graph: Graph) -> str:
    """A digest of a graph's content and of the shapes it is checked against."""
    lines = sorted(f"{s} {p} {o.n3() if isinstance(o, Literal) else o}" for s, p, o in graph)
    hasher = hashlib.sha256(_shapes_digest().encode())
    hasher.update("\n".join(lines).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


@cache
def _shapes_digest() -> str:
    return hashlib.sha256((ONTOLOGY_DIR / "shapes.ttl").read_bytes()).hexdigest()


def _label_violations(dataset: Dataset) -> Iterator[str]:
    """Every node of the union with more than one rdfs:label (the graphs checked one by one cannot tell)."""
    labels: dict[str, set[str]] = {}
    for subject, label in dataset.subject_objects(RDFS.label):
        labels.setdefault(str(subject), set()).add(str(label))
    for node, found in labels.items():
        if len(found) > 1:
            yield f"{node}: {len(found)} rdfs:label values over the build's graphs; exactly one is expected"


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
