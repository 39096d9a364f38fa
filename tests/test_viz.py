"""newskg viz: a page around one entity, or the most central nodes; large pages drawn still."""

import re
from pathlib import Path

import networkx as nx
import pytest

from newskg.analyse import most_central, named, neighbourhood
from newskg.cli import main
from newskg.export.page import STATIC_FROM, render_page
from newskg.pipeline import BuildResult


def _drawn(page: str) -> int:
    nodes = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.DOTALL)
    assert nodes is not None
    return nodes.group(1).count('"id":')


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


def test_a_large_page_is_laid_out_and_still() -> None:
    page = render_page(_synthetic(STATIC_FROM + 10))
    assert 'var options = {"physics": {"enabled": false}' in page
    assert _drawn(page) == STATIC_FROM + 10 and '"x":' in page
    assert 'var options = {"physics": {"enabled": false}' not in render_page(_synthetic(10))


def test_selection_helpers() -> None:
    network = _synthetic(40)
    assert named(network, "name 3") == ["urn:n3"]
    assert set(neighbourhood(network, ["urn:n1"], 1)) == {"urn:n0", "urn:n1", "urn:n2", "urn:n3"}
    assert set(neighbourhood(network, ["urn:n4", "urn:n39"], 0)) == {"urn:n4", "urn:n39"}
    assert most_central(network, 3).number_of_nodes() == 3
