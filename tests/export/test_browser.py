"""The graph page in a real browser (Debian's headless Chromium, driven by Playwright), with the network blocked:
on the seed, on a build of a few articles written here, and on a synthetic corpus of several hundred nodes."""

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from newskg.cli import main
from newskg.export.entity_network import entity_network
from newskg.export.page import render_page
from newskg.pipeline.run import BuildResult, build
from newskg.rdf.dataset import union

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402  (benchmarks/corpus.py: synthetic articles)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
HOSTILE = '<img src=x onerror="window.pwned=1"> & </script>'
SULEYMANOV = "https://w3id.org/newskg/id/person/vugar-suleymanov"
ARTICLES = {
    "harbour.txt": "url: https://news.example/harbour\npublished: 2022-03-04\ntitle: Harbour cleared\n\n"
    "The Georgia Demining Agency cleared 40 mines near Batumi on 2 March 2022, its director Nino Beridze said.\n",
    "bridge.txt": "url: https://news.example/bridge\npublished: 2023-09-10\ntitle: Bridge rebuilt\n\n"
    "The Reconstruction Fund of Armenia rebuilt a bridge in Gyumri on 5 September 2023. "
    "Aram Petrosyan, the fund's chairman, said 120 workers had taken part.\n",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def few(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed and two short articles of other dates and places."""
    folder = tmp_path_factory.mktemp("few-articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build([ROOT / "seeds", folder], tmp_path_factory.mktemp("few-build"))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A synthetic corpus whose network is larger than the 500 nodes the page draws."""
    articles = corpus.write(tmp_path_factory.mktemp("synthetic") / "corpus.jsonl", 60)
    return build([articles], tmp_path_factory.mktemp("large-build"))


class Visit:
    """A page opened from a file (with an optional #fragment), every request that is not a file refused and
    recorded, errors kept."""

    def __init__(self, browser: Browser, path: Path, fragment: str = "", graph: bool = True) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri() + fragment)
        if graph:
            self.settled()

    def settled(self) -> None:
        self.page.wait_for_function("document.body.getAttribute('data-settled') === 'true'", timeout=60_000)

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def data(self) -> dict:
        return self.page.evaluate("JSON.parse(document.getElementById('newskg-data').textContent)")

    def on_screen(self, node: str) -> dict:
        """Where a node is drawn in the window, its drawn width in pixels, and whether it is inside the graph's
        box, uncovered by the panel."""
        return self.page.evaluate(
            """(id) => {
              const box = document.getElementById('mynetwork').getBoundingClientRect();
              const panel = document.getElementById('newskg-panel');
              const right = panel.hidden ? box.right : panel.getBoundingClientRect().left;
              const at = network.canvasToDOM(network.getPositions([id])[id]);
              const x = at.x + box.left, y = at.y + box.top;
              const bounds = network.getBoundingBox(id);
              return {x: x, y: y, width: (bounds.right - bounds.left) * network.getScale(),
                      inside: x > box.left && x < right && y > box.top && y < box.bottom,
                      hit: network.getNodeAt(at) === id};
            }""",
            node,
        )

    def click(self, node: str) -> None:
        where = self.on_screen(node)
        self.page.mouse.click(where["x"], where["y"])

    def selected(self) -> list[str]:
        return self.page.evaluate("network.getSelectedNodes()")

    def heading(self) -> str:
        return self.page.inner_text("#newskg-details h2").strip()

    def shown(self) -> list[dict]:
        return self.page.evaluate("network.body.data.nodes.get({filter: n => !n.hidden})")


@pytest.mark.slow
def test_the_seed_page_draws_every_node_offline_without_errors(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    expected = entity_network(union(seed_build.dataset)).number_of_nodes()
    assert visit.page.evaluate("network.body.data.nodes.length") == expected
    assert visit.page.inner_text("#newskg-count") == f"{expected} of {expected} nodes shown"
    assert visit.outside == [] and visit.errors == []


def test_clicking_a_node_opens_its_details_with_the_sentence_and_the_mention_marked(
    browser: Browser, seed_build: BuildResult
) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    assert visit.page.is_hidden("#newskg-panel")
    visit.click(SULEYMANOV)
    assert visit.selected() == [SULEYMANOV] and visit.heading() == "Vugar Suleymanov"
    panel = visit.page.inner_text("#newskg-details")
    assert "chairman of the board" in panel and "Suleymanov" in panel  # role, other name
    sentences = visit.page.locator(".newskg-sentence").all_inner_texts()
    assert any("said in an interview with Turkey's Anadolu news agency" in s for s in sentences)
    assert all(s.strip().endswith("mine-clearance-azerbaijan-2021") for s in sentences)  # each names its article
    assert "Vugar Suleymanov" in visit.page.locator(".newskg-sentence mark").all_inner_texts()
    visit.page.mouse.move(5, 300)  # the panel stays until closed, and its text can be selected and copied
    assert visit.page.is_visible("#newskg-panel")
    assert visit.page.evaluate("getComputedStyle(document.getElementById('newskg-panel')).userSelect") == "text"
    assert unquote(visit.page.evaluate("location.hash")) == f"#node={SULEYMANOV}"
    visit.page.click("#newskg-close")
    assert visit.page.is_hidden("#newskg-panel") and visit.selected() == []
    visit.click(SULEYMANOV)
    visit.page.keyboard.press("Escape")
    assert visit.page.is_hidden("#newskg-panel") and visit.errors == []


def test_an_event_shows_its_figure_and_date_on_the_graph_and_in_the_panel(
    browser: Browser, seed_build: BuildResult
) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    events = [n for n in visit.data()["nodes"] if n["kind"] == "Event" and "18,302 hectares" in n["label"]]
    label = events[0]["label"] if events else ""
    assert label.count("18,302 hectares") == 1 and label.splitlines()[-1] == "2020-11-10 – 2021-10-15"
    visit.click(events[0]["id"])
    panel = visit.page.inner_text("#newskg-details")
    assert "When: 2020-11-10 – 2021-10-15" in panel and "18,302 hectares" in panel
    assert "18,302 hectares" in visit.page.locator(".newskg-sentence mark").all_inner_texts()


def test_walking_to_a_neighbour_selects_it(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    visit.click(SULEYMANOV)
    neighbours = visit.page.locator("#newskg-details .newskg-walk[data-node]")
    target = neighbours.first.get_attribute("data-node")
    assert target and target != SULEYMANOV
    neighbours.first.click()
    assert visit.selected() == [target] and visit.on_screen(target)["inside"]
    assert visit.heading() == visit.data()["details"][target]["label"]


def test_search_finds_a_node_by_another_name_and_its_link_opens_it(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    visit.page.fill("#newskg-search", "suleymanov")
    assert visit.selected() == [SULEYMANOV]
    assert visit.page.inner_text("#newskg-found") == "1 found"
    visit.page.click("#newskg-results button")
    assert visit.heading() == "Vugar Suleymanov" and visit.on_screen(SULEYMANOV)["inside"]


def test_filters_hide_a_class(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    visit.page.uncheck("input[data-kind=Place]")
    hidden = visit.page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.kind)")
    assert hidden and set(hidden) == {"Place"}
    total = visit.page.evaluate("network.body.data.nodes.length")
    assert visit.page.inner_text("#newskg-count") == f"{total - len(hidden)} of {total} nodes shown"


def test_nodes_without_edges_are_gathered_and_hidden_by_a_switch(browser: Browser, seed_build: BuildResult) -> None:
    visit = Visit(browser, seed_build.out / "graph.html")
    alone = {n["id"] for n in visit.data()["nodes"] if n["alone"]}
    assert alone and all(visit.on_screen(node)["inside"] for node in alone)
    visit.page.uncheck("#newskg-alone")
    assert {n["id"] for n in visit.page.evaluate("network.body.data.nodes.get({filter: n => n.hidden})")} == alone


@pytest.mark.slow
def test_filter_by_article(browser: Browser, few: BuildResult) -> None:
    visit = Visit(browser, few.out / "graph.html")
    options = visit.page.locator("#newskg-article option").all_inner_texts()
    assert "Harbour cleared (2022-03-04)" in options and "Bridge rebuilt (2023-09-10)" in options
    visit.page.select_option("#newskg-article", label="Harbour cleared (2022-03-04)")
    labels = {n["label"].splitlines()[0] for n in visit.shown()}
    assert {"Georgia Demining Agency", "Batumi", "Nino Beridze"} <= labels
    assert not labels & {"Gyumri", "Aram Petrosyan", "Vugar Suleymanov"}
    assert visit.page.inner_text("#newskg-count").startswith(f"{len(visit.shown())} of ")


def test_filter_events_by_date(browser: Browser, few: BuildResult) -> None:
    visit = Visit(browser, few.out / "graph.html")
    visit.page.fill("#newskg-from", "2023-01-01")
    visit.page.fill("#newskg-to", "2023-12-31")
    events = [n for n in visit.shown() if n["kind"] == "Event"]
    assert events and all(n["end"] >= "2023-01-01" and n["begin"] <= "2023-12-31" for n in events)
    assert any(
        n["kind"] == "Event" for n in visit.page.evaluate("network.body.data.nodes.get({filter: n => n.hidden})")
    )


@pytest.mark.slow
def test_a_timeline_link_selects_the_event_and_zooms_to_it(browser: Browser, few: BuildResult) -> None:
    visit = Visit(browser, few.out / "timeline.html", graph=False)
    link = visit.page.locator("a[href*='#node=']").first
    event = unquote(str(link.get_attribute("href")).split("#node=", 1)[1])
    with visit.page.expect_navigation():
        link.click()
    visit.settled()
    assert visit.selected() == [event] and visit.on_screen(event)["inside"]
    assert visit.page.evaluate("network.getScale()") >= 1
    assert visit.heading() == visit.data()["details"][event]["label"]
    visit.page.wait_for_timeout(500)  # nothing moves the view afterwards
    assert visit.selected() == [event] and visit.on_screen(event)["inside"]


def test_a_link_to_a_node_not_drawn_says_how_to_draw_it(
    browser: Browser, seed_build: BuildResult, tmp_path: Path
) -> None:
    out = tmp_path / "top.html"
    assert main(["viz", str(seed_build.out), "--max-nodes", "5", "--out", str(out)]) == 0
    visit = Visit(browser, out, "#node=" + SULEYMANOV.replace(":", "%3A").replace("/", "%2F"))
    assert visit.heading() == "Not in this view"
    assert f"newskg viz . --focus '{SULEYMANOV}'" in visit.page.inner_text("#newskg-details")
    assert visit.page.evaluate("network.getScale()") > 0.1 and visit.errors == []


def test_a_hostile_label_shows_as_text(browser: Browser, tmp_path: Path) -> None:
    network = nx.MultiDiGraph()
    network.add_node("urn:x", label=HOSTILE, kind="Person", iri="urn:x", names=HOSTILE, sources=HOSTILE)
    network.add_node("urn:y", label="href " + HOSTILE, kind="Place", iri="urn:y", names="")
    network.add_edge("urn:x", "urn:y", key="place", label="place")
    (tmp_path / "page.html").write_text(render_page(network), encoding="utf-8")
    visit = Visit(browser, tmp_path / "page.html")
    where = visit.on_screen("urn:x")
    visit.page.mouse.move(where["x"], where["y"])
    visit.page.wait_for_selector("#newskg-hover", state="visible", timeout=10_000)
    assert visit.page.inner_text("#newskg-hover") == HOSTILE
    visit.click("urn:x")
    assert visit.heading() == HOSTILE and HOSTILE in visit.page.inner_text("#newskg-details")
    assert visit.page.evaluate("window.pwned === undefined") and visit.errors == []


@pytest.mark.slow
def test_a_large_page_draws_every_node_visible_and_clickable(browser: Browser, large: BuildResult) -> None:
    visit = Visit(browser, large.out / "graph.html")
    nodes = visit.data()["nodes"]
    total = len(entity_network(union(large.dataset)))
    assert len(nodes) == 500 < total
    assert visit.page.inner_text("#newskg-count").startswith(
        f"500 of 500 nodes shown (the 500 most connected of {total}"
    )
    places = {node["id"]: visit.on_screen(node["id"]) for node in nodes}
    assert all(where["inside"] for where in places.values())
    assert min(where["width"] for where in places.values()) >= 8  # pixels: a dot to see and to click
    assert all(where["hit"] for where in places.values())  # each node is the one under its centre
    for node in nodes[::97]:
        visit.click(node["id"])
        assert visit.selected() == [node["id"]] and visit.heading() == node["label"].splitlines()[0]
        visit.page.click("#newskg-close")
    assert visit.errors == []


@pytest.mark.slow
def test_a_large_page_shows_evidence_follows_timeline_links_and_filters(browser: Browser, large: BuildResult) -> None:
    visit = Visit(browser, large.out / "graph.html")
    data = visit.data()
    person = next(n for n in data["nodes"] if n["kind"] == "Person" and not n["alone"])
    visit.click(person["id"])
    sentence = visit.page.locator(".newskg-sentence").first.inner_text()
    assert person["label"].split()[-1] in sentence and re.search(r"article-\d+-\d+", sentence)
    drawn = {n["id"] for n in data["nodes"]}
    timeline = (large.out / "timeline.html").read_text(encoding="utf-8")
    event = next(e for e in map(unquote, re.findall(r'#node=([^"]+)"', timeline)) if e in drawn)
    visit.page.goto((large.out / "graph.html").as_uri() + "#node=" + event.replace("/", "%2F").replace(":", "%3A"))
    visit.settled()
    assert visit.selected() == [event] and visit.on_screen(event)["inside"]
    article = data["articles"][data["nodes"][0]["articles"][0]]["id"]
    visit.page.select_option("#newskg-article", label=next(
        o for o in visit.page.locator("#newskg-article option").all_inner_texts() if o.startswith(article)
    ))  # fmt: skip
    shown = visit.shown()
    assert 0 < len(shown) < 500 and all(data["articles"][i]["id"] for n in shown for i in n["articles"])
    assert all(any(data["articles"][i]["id"] == article for i in n["articles"]) for n in shown)


@pytest.mark.slow
def test_hostile_article_text_in_the_panel_is_shown_as_text(browser: Browser, tmp_path: Path) -> None:
    article = (
        f"title: {HOSTILE}\n\n"
        f'"We cleared the fields {HOSTILE} today," Maria Lopez of the Demining Agency said in Baku on 3 May 2021.\n'
    )
    (tmp_path / "evil.txt").write_text(article, encoding="utf-8")
    result = build([tmp_path / "evil.txt"], tmp_path / "out")
    visit = Visit(browser, result.out / "graph.html")
    person = next(n["id"] for n in visit.data()["nodes"] if n["label"] == "Maria Lopez")
    visit.click(person)
    panel = visit.page.inner_text("#newskg-details")
    assert f"We cleared the fields {HOSTILE} today" in panel and f"— {HOSTILE}" in panel  # the quote, its article
    options = visit.page.locator("#newskg-article option").all_inner_texts()
    assert HOSTILE in options[1]
    assert visit.page.locator("#newskg-details img, #newskg-article img").count() == 0
    assert visit.page.evaluate("window.pwned === undefined") and visit.errors == []
