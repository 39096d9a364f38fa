"""A build's graph files, written as its graphs come, one at a time: memory stays flat in the build's size.

graph.trig takes each named graph's block as it comes (they come in name order);
the union graph's statements go to sorted runs on disk (`SortedLines`), from
which graph.ttl and graph.jsonld are written with every statement once, seen on
the way by the build's observers (its label check and class counts). Each batch's SHACL check is handed
back with the staged files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from newskg.files import stage_text
from newskg.limits import Limits
from newskg.pipeline.output import discard
from newskg.pipeline.second_pass import GraphBatch
from newskg.rdf.serialise import Observer, header, write_union
from newskg.rdf.sorted_lines import SortedLines
from newskg.rdf.validate import Checked


def stage_graph_files(
    batches: Iterable[GraphBatch], folder: Path, union: SortedLines, observers: list[Observer], limits: Limits
) -> tuple[dict[Path, Path], list[Checked]]:
    """Stage graph.trig, graph.ttl and graph.jsonld in `folder` from `graphs` (in name order), the union's
    statements gathered in `union` (read again after); each observer sees them. Return {file: staged temporary}."""

    def trig(stream: IO[str]) -> None:
        stream.write(header())
        for batch in batches:
            for graph in batch.graphs:
                stream.writelines(graph.blocks(limits))
                union.add(graph.statements())
            if batch.checked is not None:
                checks.append(batch.checked)

    checks: list[Checked] = []
    staged: dict[Path, Path] = {}
    try:
        staged[folder / "graph.trig"] = stage_text(folder / "graph.trig", trig)
        staged[folder / "graph.ttl"] = stage_text(
            folder / "graph.ttl", lambda stream: write_union(union, turtle=stream, observers=observers, limits=limits)
        )
        staged[folder / "graph.jsonld"] = stage_text(
            folder / "graph.jsonld", lambda stream: write_union(union, jsonld=stream, limits=limits)
        )
    except BaseException:
        discard(staged)
        raise
    return staged, checks
