"""A build's graph files, written as its graphs come, one at a time: memory stays flat in the build's size.

graph.trig takes each named graph's block as it comes (they come in name order);
the union graph's statements go to sorted runs on disk (`SortedLines`), from
which graph.ttl and graph.jsonld are written together, in one pass over them,
with every statement once, seen on the way by the build's observers (its label
check, class counts and the pages' store). Each batch's SHACL check is handed
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
    statements gathered in `union` and read back once for both union files; each observer sees them.
    Return {file: staged temporary}."""

    def trig(stream: IO[str]) -> None:
        stream.write(header())
        for batch in batches:
            for graph in batch.graphs:
                stream.writelines(graph.blocks(limits))
                union.add(graph.statements())
            if batch.checked is not None:
                checks.append(batch.checked)

    def both(jsonld: IO[str]) -> None:
        staged[folder / "graph.ttl"] = stage_text(
            folder / "graph.ttl",
            lambda turtle: write_union(union, turtle=turtle, jsonld=jsonld, observers=observers, limits=limits),
        )

    checks: list[Checked] = []
    staged: dict[Path, Path] = {}
    try:
        staged[folder / "graph.trig"] = stage_text(folder / "graph.trig", trig)
        staged[folder / "graph.jsonld"] = stage_text(folder / "graph.jsonld", both)
    except BaseException:
        discard(staged)
        raise
    return staged, checks
