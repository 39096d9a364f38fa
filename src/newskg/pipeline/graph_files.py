"""A build's graph files, written as its graphs come, one at a time: memory stays flat in the build's size.

graph.trig takes each named graph's block as it comes (they come in name order);
the union graph's statements go to sorted runs on disk (`SortedLines`), from
which graph.ttl and graph.jsonld are written together, in one pass over them,
with every statement once, seen on the way by the build's observers (its label
check, class counts and the pages' store). Beside a pool of workers, for a union
of up to `Limits.side_statements`, a worker process (`side_files`) writes those
two files, and graph.graphml and timeline.html from a store of its own in memory
(a store on disk cannot be opened in a process forked from one that has opened
one: RocksDB's threads hold its locks), while this one reads the runs again for
the observers and goes on to draw the other pages. Past that size, the pages the
worker would copy as this one writes its memory would cost more memory than it
saves time, so this process writes every file. Each batch's SHACL check is
handed back with the staged files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from newskg.files import stage_text
from newskg.limits import Limits
from newskg.pipeline.output import discard
from newskg.pipeline.pages import stage_graph_pages
from newskg.pipeline.second_pass import GraphBatch
from newskg.pipeline.workers import Beside
from newskg.rdf.serialise import Observer, header, subject_runs, write_union
from newskg.rdf.sorted_lines import SortedLines
from newskg.rdf.store import UnionStore
from newskg.rdf.validate import Checked


def stage_graph_files(
    batches: Iterable[GraphBatch],
    folder: Path,
    union: SortedLines,
    observers: list[Observer],
    limits: Limits,
    side: Path | None = None,
) -> tuple[dict[Path, Path], list[Checked], Beside[dict[Path, Path]] | None]:
    """Stage graph.trig, graph.ttl and graph.jsonld in `folder` from `graphs` (in name order), the union's
    statements gathered in `union` and read back for both union files; each observer sees them. Given a
    `side` folder and a union of up to `limits.side_statements`, a worker process stages the union files
    and `pages.GRAPH_PAGES` (see `side_files`), handed back still running. Return {file: staged temporary},
    the checks, and that worker (None when there is none)."""

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
        union.flush()  # every run on disk (before a worker starts: both read the same runs), counted
        if side is None or union.most > limits.side_statements:
            return staged | union_files(folder, union, observers, limits), checks, None
        beside = Beside(side_files, folder, union, side, limits)
    except BaseException:
        discard(staged)
        raise
    try:
        for block in subject_runs(union, limits.block_lines, limits):
            for observe in observers:
                observe(block)
    except BaseException:
        beside.cancel(discard)
        discard(staged)
        raise
    return staged, checks, beside


def union_files(folder: Path, union: SortedLines, observers: list[Observer], limits: Limits) -> dict[Path, Path]:
    """graph.ttl and graph.jsonld staged in `folder`, in one pass over the union's sorted lines, which each
    observer sees too: {file: staged temporary}."""
    staged: dict[Path, Path] = {}

    def both(jsonld: IO[str]) -> None:
        staged[folder / "graph.ttl"] = stage_text(
            folder / "graph.ttl",
            lambda turtle: write_union(union, turtle=turtle, jsonld=jsonld, observers=observers, limits=limits),
        )

    try:
        staged[folder / "graph.jsonld"] = stage_text(folder / "graph.jsonld", both)
    except BaseException:
        discard(staged)
        raise
    return staged


def side_files(folder: Path, union: SortedLines, side: Path, limits: Limits) -> dict[Path, Path]:
    """A worker process's share of the files, staged in `folder`: graph.ttl and graph.jsonld, and
    `pages.GRAPH_PAGES` drawn from a store of its own in memory filled on the same pass (sorting in `side`):
    {file: staged temporary}."""
    side.mkdir()
    store = UnionStore(None)
    staged = union_files(folder, union, [store], limits)
    try:
        return staged | stage_graph_pages(store, folder, side, limits)
    except BaseException:
        discard(staged)
        raise
