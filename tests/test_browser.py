"""The graph page in a real browser (Debian's headless Chromium, driven by Playwright), with the network blocked."""

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from newskg.analyse import entity_network
from newskg.export.page import render_page
from newskg.pipeline import BuildResult
from newskg.rdf.dataset import union

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
HOSTILE = '<img src=x onerror="window.pwned=1"> & </script>'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from a file, every request that is not a file refused and recorded, errors kept."""

    def __init__(self, browser: Browser, path: Path) -> None:
        self.page: Page = browser.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.body.getAttribute('data-settled') === 'true'", timeout=60_000)

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


def test_the_seed_page_draws_every_node_offline_without_errors(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    expected = entity_network(union(seed_build.dataset)).number_of_nodes()
    assert visit.page.evaluate("network.body.data.nodes.length") == expected
    assert visit.outside == [] and visit.errors == []


def test_search_finds_a_node_by_another_name(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    visit.page.fill("#newskg-search", "Suleymanov")
    assert visit.page.evaluate("network.getSelectedNodes()") == ["https://w3id.org/newskg/id/person/vugar-suleymanov"]
    assert visit.page.inner_text("#newskg-found") == "1 found"


def test_filters_hide_a_class(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    visit.page.uncheck("input[data-kind=Place]")
    hidden = visit.page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.kind)")
    assert hidden and set(hidden) == {"Place"}


def test_a_hostile_label_shows_as_text(browser: Browser, tmp_path: Path) -> None:
    network = nx.MultiDiGraph()
    network.add_node("urn:x", label=HOSTILE, kind="Person", iri="urn:x", names=HOSTILE)
    (tmp_path / "page.html").write_text(render_page(network), encoding="utf-8")
    visit = Visit(browser, tmp_path / "page.html")
    point = visit.page.evaluate(
        "(() => { const p = network.getPositions(['urn:x'])['urn:x'];"
        " const d = network.canvasToDOM(p); const r = document.getElementById('mynetwork')"
        ".getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; })()"
    )
    visit.page.mouse.move(point[0], point[1])
    visit.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert HOSTILE in visit.page.inner_text("div.vis-tooltip")
    assert visit.page.evaluate("window.pwned === undefined") and visit.errors == []
