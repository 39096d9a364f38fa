"""The graph page: offline, coloured by class, and hostile names shown as text."""

import re

import networkx as nx

from newskg.export.page import COLOURS, render_page
from newskg.pipeline import BuildResult


def test_seed_page_makes_no_outside_request(seed_build: BuildResult) -> None:
    page = (seed_build.out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "new vis.Network" in page and "newskg-legend" in page
    for colour in COLOURS.values():
        assert colour in page


def test_hostile_labels_cannot_break_out_of_the_page() -> None:
    network = nx.MultiDiGraph()
    hostile = '</script><script>alert("x")</script> & <b>'
    network.add_node("urn:x", label=hostile, kind="Person", iri="urn:x", names=hostile)
    page = render_page(network)
    assert "<script>alert" not in page and "</script><script>" not in page
    assert "\\u003c/script\\u003e" in page
