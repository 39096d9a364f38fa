"""SHACL validation of a graph against ontology/shapes.ttl, plus the offsets check, with readable violations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

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
