"""How long the graph page takes to open and settle in headless Chromium, medians of N runs.

    python benchmarks/bench_page.py [--repeat N]

Measures the seed's page and a page of the 500 most central nodes of a synthetic
5,000-node graph (what `newskg viz --max-nodes 500` draws), from navigation to the
page's `data-settled` mark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright

from newskg.analyse import most_central
from newskg.export.page import render_page
from newskg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _synthetic(size: int) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    kinds = ("Person", "Organization", "Place", "Event")
    for index in range(size):
        network.add_node(f"urn:n{index}", label=f"Node {index}", kind=kinds[index % 4], iri=f"urn:n{index}", names="")
    for index in range(1, size):
        network.add_edge(f"urn:n{index}", f"urn:n{(index * 7) % index}", key="actor", label="actor")
    return network


def _open(browser: Browser, path: Path) -> float:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-settled') === 'true'", timeout=120_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seed = build([ROOT / "seeds"], Path(folder) / "seed").out / "graph.html"
        large = Path(folder) / "large.html"
        started = time.perf_counter()
        large.write_text(render_page(most_central(_synthetic(5000), 500)), encoding="utf-8")
        rendered = time.perf_counter() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for name, path in (("seed page", seed), ("5,000-node graph, 500 drawn", large)):
                times = [_open(browser, path) for _ in range(arguments.repeat)]
                print(f"{name}: open and settle, median {statistics.median(times):.2f} s over {arguments.repeat}")
            browser.close()
    print(f"rendering the 500-node page from the 5,000-node network: {rendered:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
