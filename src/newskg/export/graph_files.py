"""A build's graph files, written as its graphs are made, one at a time: memory stays flat in the build's size.

graph.trig takes each named graph as it comes (they come in name order); the
union graph's statements go to sorted runs on disk (`SortedLines`), from which
graph.ttl and graph.jsonld are written with every statement once. The check of
the graphs (`BuildCheck`) and the class counts see everything on the way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from newskg.export.files import discard, stage_text
from newskg.export.report import ClassCounts
from newskg.export.serialise import graph_text, header, statement_line, write_union
from newskg.export.sorted_lines import SortedLines
from newskg.rdf.validate import BuildCheck


@dataclass(frozen=True)
class GraphPart:
    """One named graph of a build: its statements, and the rdflib graph to check (None: not checked)."""

    quads: list[ox.Quad]
    checked: Graph | None


def stage_graph_files(
    graphs: Iterable[GraphPart], folder: Path, work: Path, check: BuildCheck, classes: ClassCounts
) -> dict[Path, Path]:
    """Stage graph.trig, graph.ttl and graph.jsonld in `folder` from `graphs` (in name order), with sorted
    runs kept under `work`; return {file: staged temporary}."""
    union = SortedLines(work)

    def trig(stream: IO[str]) -> None:
        stream.write(header())
        for part in graphs:
            stream.write(graph_text(part.quads))
            union.add(statement_line(quad) for quad in part.quads)
            if part.checked is not None:
                check.add(part.checked)

    staged: dict[Path, Path] = {}
    try:
        staged[folder / "graph.trig"] = stage_text(folder / "graph.trig", trig)
        staged[folder / "graph.ttl"] = stage_text(
            folder / "graph.ttl", lambda stream: write_union(union, turtle=stream, observers=[check.labels, classes])
        )
        staged[folder / "graph.jsonld"] = stage_text(
            folder / "graph.jsonld", lambda stream: write_union(union, jsonld=stream)
        )
    except BaseException:
        discard(staged)
        raise
    return staged
