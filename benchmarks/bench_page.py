"""How long the graph page takes to become interactive in headless Chromium, medians of N runs.

    python benchmarks/bench_page.py [--repeat N] [--articles N]

Measures the seed's page, the page of a build of a synthetic corpus (benchmarks/corpus.py,
500 of its nodes drawn, with their details) and a page of the 500 most central nodes of
a synthetic 5,000-node graph (what `newskg viz --max-nodes 500` draws): from navigation
to the page's `data-settled` mark (by the page's own clock), and to the details panel
answering a click on the most connected node (by this process's clock, Playwright's round
trips included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from corpus import write
from playwright.sync_api import Browser, sync_playwright

from newskg.export.entity_network import most_central
from newskg.export.page import render_page
from newskg.pipeline.run import build

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


def _open(browser: Browser, path: Path) -> tuple[float, float]:
    """Seconds from navigation to the page settled (the page's clock), and to the panel showing the clicked
    top node (this process's clock, so with Playwright's round trips)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("document.body.getAttribute('data-settled') === 'true'", timeout=120_000)
    # the page's script runs at the end of its body and marks it settled when done: the document is
    # interactive then, by the page's own clock from the start of navigation
    settled = page.evaluate("performance.getEntriesByType('navigation')[0].domInteractive") / 1000
    x, y = page.evaluate(
        """(() => {
          const data = JSON.parse(document.getElementById('newskg-data').textContent);
          const top = data.nodes.reduce((a, b) => (b.value > a.value ? b : a));
          const box = document.getElementById('mynetwork').getBoundingClientRect();
          const at = network.canvasToDOM(network.getPositions([top.id])[top.id]);
          return [at.x + box.left, at.y + box.top];
        })()"""
    )
    page.mouse.click(x, y)
    page.wait_for_selector("#newskg-panel:not([hidden])", timeout=120_000)
    answered = time.perf_counter() - start
    page.close()
    return settled, answered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=int, default=80, help="synthetic articles built (default: 80)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seed = build([ROOT / "seeds"], Path(folder) / "seed").out / "graph.html"
        articles = write(Path(folder) / "corpus.jsonl", arguments.articles)
        corpus = build([articles], Path(folder) / "corpus").out / "graph.html"
        large = Path(folder) / "large.html"
        started = time.perf_counter()
        large.write_text(render_page(most_central(_synthetic(5000), 500)), encoding="utf-8")
        rendered = time.perf_counter() - started
        pages = (
            ("seed page", seed),
            (f"{arguments.articles} synthetic articles, 500 nodes drawn", corpus),
            ("5,000-node graph, 500 drawn", large),
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for name, path in pages:
                times = [_open(browser, path) for _ in range(arguments.repeat)]
                settled = statistics.median(t[0] for t in times)
                answered = statistics.median(t[1] for t in times)
                size = path.stat().st_size / 1e6
                print(
                    f"{name} ({size:.1f} MB): settled {settled:.2f} s, a click answered {answered:.2f} s "
                    f"after navigation (medians over {arguments.repeat})"
                )
            browser.close()
    print(f"rendering the 500-node page from the 5,000-node network: {rendered:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
