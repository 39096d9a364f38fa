"""The entity network as GraphML, for Gephi, Cytoscape and friends."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from newskg.export.files import write_atomic


def write_graphml(network: nx.MultiDiGraph, path: Path) -> None:
    """Write the network, nodes and edges in a stable order."""
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(network.nodes(data=True)))
    ordered.add_edges_from(sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    write_atomic(path, lambda stream: nx.write_graphml(ordered, stream, encoding="utf-8"))
