"""Every size and cap of a build in one value, passed from `build()` down: how much is parsed, sent to
workers, held, checked and drawn at a time. A test passes its own (small pieces, many runs) instead of
changing module constants."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """A build's sizes and caps; the defaults are the command line's."""

    piece_chars: int = 10_000  # characters parsed at once: a longer text is cut into pieces at paragraph breaks
    section_chars: int = 200_000  # characters of whole pieces a long article is resolved and kept at a time
    kept_conflicts: int = 100  # conflicting pairs of figures recorded per article (their count grows as a square)
    parse_batch: int = 4  # texts (articles or pieces) parsed together: bounds the parser's memory
    task_articles: int = 16  # articles per task sent to another process or a cluster
    tasks_ahead: int = 4  # tasks per process (or cluster thread) sent before their results are read
    min_for_pool: int = 8  # fewer articles to parse than this are parsed here: starting workers costs more
    long_article: int = 200_000  # characters past which an article is built a section at a time, on disk
    unify_apart: int = 1000  # articles from which entities are joined in a worker process
    graph_batch: int = 64  # articles per second-pass task: one SHACL run each
    batches_ahead: int = 2  # second-pass batches per worker sent before their results are read
    held_statements: int = 10_000  # statements of an on-disk graph held before they go to sorted runs
    checked_statements: int = 100_000  # statements of an on-disk graph checked together
    block_lines: int = 20_000  # statements parsed and written together (whole subjects)
    run_lines: int = 200_000  # lines held in memory before a sorted run is written to disk
    load_statements: int = 100_000  # statements loaded into an Oxigraph store in bulk at a time
    long_line: int = 4_000_000  # characters past which a statement is read by our own reader (Oxigraph's takes
    # no token over 16 MiB, up to 4 bytes a character)
    side_statements: int = 200_000  # union statements up to which a worker process beside the pool writes the union's
    # files and draws graph.graphml and timeline.html from a store in memory (about 0.5 KB a statement)
    page_nodes: int = 500  # the most central nodes graph.html draws; graph.graphml keeps them all
    figures_shown: int = 1000  # figures report.html lists (all are in quantities.csv)
    events_shown: int = 2000  # events timeline.html shows (all are in events.csv)


DEFAULT = Limits()
