"""SPARQL on a large graph: rdflib against Oxigraph for every query in queries/, and newskg serve under load.

    python benchmarks/bench_sparql.py GRAPH.trig [--clients 8] [--requests 400]

Loads one build's graph (make one of a million statements or more with
benchmarks/corpus.py and newskg build) into rdflib and into Oxigraph, in this
process, and times each query on both (medians of three; ratios rdflib/Oxigraph): on
Oxigraph both the engine alone (every solution read) and `newskg query`'s path
(in a forked process, its answer serialised and read back as rdflib terms).
Then serves the Oxigraph store with newskg serve on 127.0.0.1 and sends it
concurrent queries: queries per second and p50/p99 latency.
"""

from __future__ import annotations

import argparse
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from timing import median_seconds  # beside this script
from waitress.server import create_server

from newskg.errors import QueryError
from newskg.query import run
from newskg.rdf.namespaces import PREFIXES
from newskg.rdf.store import with_union
from newskg.serve import Endpoint

QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))
LIGHT = "SELECT ?s ?l WHERE { ?s a schema:Person ; rdfs:label ?l } LIMIT 20"


def _load(path: Path) -> tuple[Dataset, ox.Store, float, float]:
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="trig")
    rdflib_seconds = time.perf_counter() - started
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    with_union(store)
    return dataset, store, rdflib_seconds, time.perf_counter() - started


def _count(store: ox.Store, text: str) -> int:
    """The rows (or statements) of a query's answer on Oxigraph's own engine."""
    answer = store.query(text, prefixes=PREFIXES)
    return int(bool(answer)) if isinstance(answer, ox.QueryBoolean) else sum(1 for _ in answer)


def _queries(dataset: Dataset, store: ox.Store, limit: float) -> None:
    """Oxigraph first (medians of three), then rdflib; `run` evaluates each query in a forked child killed at
    the limit, so a query given up on does not slow every later one."""
    print("| query | rows | rdflib s | Oxigraph engine s | newskg query s | ratio |", flush=True)
    print("| --- | --- | --- | --- | --- | --- |", flush=True)
    for path in QUERIES:
        text = path.read_text(encoding="utf-8")
        engine = median_seconds(partial(_count, store, text))
        fast = median_seconds(partial(run, store, text, seconds=limit))
        rows = len(run(store, text, seconds=limit).result)
        slow = _given_up_or_seconds(partial(run, dataset, text, seconds=limit))
        shown = (
            f"{slow:.2f} | {engine:.3f} | {fast:.3f} | {slow / engine:.0f}"
            if slow
            else f"> {limit:.0f} | {engine:.3f} | {fast:.3f} | > {limit / engine:.0f}"
        )
        print(f"| {path.stem} | {rows} | {shown} |", flush=True)


def _given_up_or_seconds(action: Callable[[], object]) -> float | None:
    """Seconds an action took; None when it ran past its time limit."""
    try:
        return median_seconds(action, repeat=1)
    except QueryError:
        return None


def _serving(store: ox.Store, clients: int, requests: int) -> None:
    server = create_server(Endpoint(store, queries=clients), host="127.0.0.1", port=0, threads=clients)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}/query?{urllib.parse.urlencode({'query': LIGHT})}"

    def one(_: int) -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = sorted(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - started
    server.close()
    p50, p99 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"serving: {clients} clients, {requests} queries: {requests / elapsed:.0f} queries/s, "
        f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--limit", type=float, default=300.0, help="seconds a query may take (default: 300)")
    arguments = parser.parse_args()
    dataset, store, rdflib_load, oxigraph_load = _load(arguments.graph)
    print(f"{len(dataset)} statements; load: rdflib {rdflib_load:.1f} s, Oxigraph {oxigraph_load:.1f} s", flush=True)
    _queries(dataset, store, arguments.limit)
    _serving(store, arguments.clients, arguments.requests)


if __name__ == "__main__":
    main()
