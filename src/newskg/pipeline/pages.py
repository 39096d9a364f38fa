"""A build's pages, drawn from the union graph's store: graph.html and report.html, which need the build's
result and ranking, and graph.graphml and timeline.html, which need only the graph (so a worker process can
draw them beside the building process, from a store of its own: `graph_files.side_files`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from newskg.export.entity_network import network_of
from newskg.export.network import write_graphml
from newskg.export.network_sparql import Ranking
from newskg.export.page import render_page
from newskg.export.report_page import render_report
from newskg.export.timeline import render_timeline
from newskg.limits import Limits
from newskg.pipeline.output import stage_all
from newskg.rdf.store import UnionStore
from newskg.result import BuildResult

GRAPH_PAGES = ("graph.graphml", "timeline.html")  # drawn from the graph alone

Writer = Callable[[IO[bytes]], object]


def stage_result_pages(store: UnionStore, ranking: Ranking, result: BuildResult, limits: Limits) -> dict[Path, Path]:
    """graph.html (the ranking's nodes) and report.html staged in the output folder: {file: staged temporary}."""
    graph = store.graph
    nodes = [ranked.node for ranked in ranking.nodes]
    return stage_all(
        result.out,
        {
            "graph.html": text(lambda: render_page(network_of(graph, nodes), graph, ranking.total)),
            "report.html": text(
                lambda: render_report(result, graph, ranking.entities, result.classes, limits.figures_shown)
            ),
        },
    )


def stage_graph_pages(store: UnionStore, out: Path, work: Path, limits: Limits) -> dict[Path, Path]:
    """graph.graphml and timeline.html staged in `out` (sorting in `work`): {file: staged temporary}."""
    return stage_all(
        out,
        {
            "graph.graphml": lambda stream: write_graphml(store.graph, store.select, stream, work),
            "timeline.html": text(lambda: render_timeline(store.graph, shown=limits.events_shown)),
        },
    )


def text(render: Callable[[], str]) -> Writer:
    """A writer of the UTF-8 text `render` gives."""
    return lambda stream: stream.write(render().encode("utf-8"))
