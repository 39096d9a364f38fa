"""The entity network as GraphML and GEXF, for Gephi, Cytoscape and friends."""

from __future__ import annotations

import io
import re

import networkx as nx

# Characters XML 1.0 cannot hold at all; they are written as visible escapes such as "\x01".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def graphml(network: nx.MultiDiGraph) -> bytes:
    """The network as GraphML, nodes and edges in a stable order, every text valid XML."""
    buffer = io.BytesIO()
    nx.write_graphml(_ordered(network), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf(network: nx.MultiDiGraph) -> bytes:
    """The network as GEXF for Gephi, in the same stable order and with the same XML-safe texts."""
    buffer = io.BytesIO()
    nx.write_gexf(_ordered(network), buffer, encoding="utf-8")
    return buffer.getvalue()


def _ordered(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from((node, _clean(data)) for node, data in sorted(network.nodes(data=True)))
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ordered.add_edges_from((u, v, key, _clean(data)) for u, v, key, data in edges)
    return ordered


def _clean(data: dict[str, object]) -> dict[str, object]:
    return {key: _xml_text(value) if isinstance(value, str) else value for key, value in data.items()}


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
