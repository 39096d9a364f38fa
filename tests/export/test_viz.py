"""newskg viz: a page around one entity (named loosely), or the most central nodes; every page laid out
beforehand, its parts packed so that the whole is in view."""

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from newskg.cli import main
from newskg.export.entity_network import closest_names, most_central, named, neighbourhood
from newskg.export.layout import STEP, _forces, layout
from newskg.export.page import render_page
from newskg.pipeline.run import BuildResult


def page_data(page: str) -> dict:
    """The JSON document a page draws from."""
    found = re.search(r'<script type="application/json" id="newskg-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    return json.loads(found.group(1))


def _drawn(page: str) -> int:
    return len(page_data(page)["nodes"])


def test_focus_by_any_name(seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "view.html"
    assert main(["viz", str(seed_build.out), "--focus", "Suleymanov", "--depth", "1", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Vugar Suleymanov" in page and "Mine Action Agency" in page
    assert _drawn(page) < _drawn((seed_build.out / "graph.html").read_text(encoding="utf-8"))
    assert "drew" in capsys.readouterr().err


def test_unknown_focus_is_a_usage_error(
    seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["viz", str(seed_build.out), "--focus", '"}) DROP', "--out", str(tmp_path / "v.html")]) == 2
    assert "no entity is named" in capsys.readouterr().err


def test_max_nodes(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "top.html"
    assert main(["viz", str(seed_build.out), "--max-nodes", "5", "--out", str(out)]) == 0
    assert _drawn(out.read_text(encoding="utf-8")) == 5


def _synthetic(size: int) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph()
    for index in range(size):
        network.add_node(f"urn:n{index}", label=f"Name {index}", kind="Place", iri=f"urn:n{index}", names="")
    for index in range(1, size):
        network.add_edge(f"urn:n{index}", f"urn:n{index // 2}", key="place", label="place")
    return network


def _fragmented(parts: int, alone: int) -> nx.MultiDiGraph:
    """Many small parts and lone nodes, as the most connected nodes of a corpus are."""
    network = nx.MultiDiGraph()
    for index in range(parts * 3 + alone):
        network.add_node(f"urn:n{index:04}", label=f"Name {index}", kind="Place", iri=f"urn:n{index:04}", names="")
    for part in range(parts):
        first = f"urn:n{part * 3:04}"
        network.add_edge(first, f"urn:n{part * 3 + 1:04}", key="place", label="place")
        network.add_edge(first, f"urn:n{part * 3 + 2:04}", key="place", label="place")
    return network


@pytest.mark.slow
def test_a_fragmented_network_is_packed_into_one_view_with_its_lone_nodes_gathered() -> None:
    network = _fragmented(120, 140)
    positions, alone = layout(network)
    assert set(positions) == set(network) and len(alone) == 140
    assert len(set(positions.values())) == len(positions)  # no two nodes in one place
    xs, ys = [x for x, _ in positions.values()], [y for _, y in positions.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width < 3 * STEP * len(network) ** 0.5 and height < width  # a screen's shape, not a line or a cloud
    gathered = [positions[node] for node in alone]
    assert min(y for _, y in gathered) > max(positions[node][1] for node in network if node not in alone)


def test_every_page_is_laid_out_the_same_each_time() -> None:
    network = _fragmented(5, 3)
    page = render_page(network)
    nodes = page_data(page)["nodes"]
    assert all("x" in node and "y" in node for node in nodes)
    assert page_data(page)["options"]["physics"] == {"enabled": False}
    assert render_page(network) == page
    assert [node["alone"] for node in nodes].count(True) == 3


def test_a_part_of_a_shape_met_before_is_placed_as_forceatlas2_places_it_by_its_names() -> None:
    """Parts of one shape share one force layout, computed once by node numbers: the same positions, bit for
    bit, as networkx gives the part by its names, and the same page for two parts of one shape as for one."""
    edges = [("urn:hub", "urn:x"), ("urn:hub", "urn:y"), ("urn:hub", "urn:z"), ("urn:y", "urn:z")]
    named = nx.Graph()
    named.add_nodes_from(sorted({node for edge in edges for node in edge}))
    named.add_edges_from(sorted(edges))
    expected = nx.forceatlas2_layout(named, seed=0, max_iter=100, strong_gravity=True)
    number = {node: index for index, node in enumerate(named)}
    shape = tuple(sorted(tuple(sorted((number[a], number[b]))) for a, b in edges))
    for _ in range(2):  # computed, then remembered
        found = _forces(len(named), shape)
        assert found == tuple(tuple(float(v) for v in expected[node]) for node in named)
    twice = nx.MultiDiGraph()
    for first, second in edges:
        twice.add_edge(first, second, key="place", label="place")
        twice.add_edge(first + "2", second + "2", key="place", label="place")
    positions, _ = layout(twice)
    offset = positions["urn:hub2"][0] - positions["urn:hub"][0], positions["urn:hub2"][1] - positions["urn:hub"][1]
    for node in named:
        moved = positions[node][0] + offset[0], positions[node][1] + offset[1]
        assert moved == pytest.approx(positions[node + "2"], abs=0.11)


def test_focus_matches_names_loosely_and_by_iri() -> None:
    network = nx.MultiDiGraph()
    network.add_node("urn:a", label="Ağdam District Office", kind="Place", iri="urn:a", names="Aghdam; AGDAM-Office")
    network.add_node("urn:b", label="Mine Action Agency", kind="Organization", iri="urn:b", names="ANAMA")
    assert named(network, "agdam office") == ["urn:a"]  # accents, case and punctuation aside
    assert named(network, "  AĞDAM district office ") == ["urn:a"]
    assert named(network, "mine act") == ["urn:b"]  # the starts of its words
    assert named(network, "urn:b") == ["urn:b"]
    assert named(network, "agency mine") == ["urn:b"]
    assert named(network, "action mines") == []


def test_a_missed_focus_suggests_the_closest_names(
    seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["viz", str(seed_build.out), "--focus", "Suleimanov", "--out", str(tmp_path / "v.html")]) == 2
    error = capsys.readouterr().err.strip()
    assert "no entity is named 'Suleimanov'; the closest names: Suleymanov" in error
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    assert closest_names(most_central(nx.MultiDiGraph(), 1), "x") == []


def test_selection_helpers() -> None:
    network = _synthetic(40)
    assert named(network, "name 3") == ["urn:n3"]
    assert set(neighbourhood(network, ["urn:n1"], 1)) == {"urn:n0", "urn:n1", "urn:n2", "urn:n3"}
    assert set(neighbourhood(network, ["urn:n4", "urn:n39"], 0)) == {"urn:n4", "urn:n39"}
    assert most_central(network, 3).number_of_nodes() == 3


def test_the_command_a_page_gives_for_a_node_not_drawn_draws_it(seed_build: BuildResult, tmp_path: Path) -> None:
    iri = "https://w3id.org/newskg/id/person/vugar-suleymanov"
    out = tmp_path / "focus.html"
    assert main(["viz", str(seed_build.out), "--focus", iri, "--out", str(out)]) == 0
    drawn = {node["id"] for node in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert iri in drawn and 1 < len(drawn) < _drawn((seed_build.out / "graph.html").read_text(encoding="utf-8"))
