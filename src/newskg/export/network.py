"""The entity network as GraphML and GEXF, for Gephi, Cytoscape and friends.

GraphML is written a node at a time from the graph (so a build's whole network is
never held at once), GEXF by networkx from a network in memory.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from rdflib import Graph

from newskg.export.entity_network import attributes, node_kind
from newskg.export.network_sparql import Select, edges, nodes

# Characters XML 1.0 cannot hold at all; they are written as visible escapes such as "\x01".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


NODE_KEYS = ("label", "kind", "iri", "names", "links", "sources", "when", "quantities")
_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_EDGE_KEY = f"d{len(NODE_KEYS)}"


def write_graphml(graph: Graph, select: Select, stream: IO[bytes], folder: Path | None = None) -> None:
    """The graph's entity network as GraphML, nodes by IRI and edges by their ends (each with an id of its own,
    e0, e1, ..., as strict readers want ids unique), every text valid XML
    (sorted on disk under `folder`, see `network_sparql`)."""
    stream.write(_HEAD.encode())
    for index, name in enumerate(NODE_KEYS):
        stream.write(f'<key id="d{index}" for="node" attr.name="{name}" attr.type="string"/>\n'.encode())
    stream.write(f'<key id="{_EDGE_KEY}" for="edge" attr.name="label" attr.type="string"/>\n'.encode())
    stream.write(b'<graph edgedefault="directed">\n')
    for node in nodes(select, folder):
        kind = node_kind(graph, node)
        if kind is not None:
            stream.write(_node(str(node), attributes(graph, node, kind)).encode("utf-8"))
    for number, (source, target, label) in enumerate(edges(select, folder)):
        ends = f'id="e{number}" source={_attribute(source)} target={_attribute(target)}'
        stream.write(f'<edge {ends}>\n  <data key="{_EDGE_KEY}">{_text(label)}</data>\n</edge>\n'.encode())
    stream.write(b"</graph>\n</graphml>\n")


def graphml(graph: Graph, select: Select) -> bytes:
    """`write_graphml` into bytes."""
    buffer = io.BytesIO()
    write_graphml(graph, select, buffer)
    return buffer.getvalue()


def _node(node: str, data: dict[str, str]) -> str:
    values = "".join(
        f'  <data key="d{index}">{_text(data[name])}</data>\n' for index, name in enumerate(NODE_KEYS) if name in data
    )
    return f"<node id={_attribute(node)}>\n{values}</node>\n"


def _text(text: str) -> str:
    return escape(_xml_text(text))


def _attribute(text: str) -> str:
    return quoteattr(_xml_text(text))


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
