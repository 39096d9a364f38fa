"""SHACL validation of a graph against ontology/shapes.ttl, with readable violations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH

from newskg.lexicon import ONTOLOGY_DIR


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
    """Check `data` against the shapes (no inference: the contract holds without it)."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", advanced=True,
                                           allow_warnings=True)
    return Validation(bool(conforms), tuple(sorted(_lines(report))))


def _lines(report: Graph) -> list[str]:
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = f" {path.n3(report.namespace_manager)}" if path is not None and not hasattr(path, "_n3") else ""
        lines.append(f"{focus}{where}: {message}")
    return lines
