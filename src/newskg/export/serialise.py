"""RDF files of a build: TriG and N-Quads (named graphs), Turtle (the union) and JSON-LD (compact).

TriG and Turtle are written by Oxigraph's serializer, fed the statements in a
sorted order, and JSON-LD directly, with nodes and values sorted: the same graph
always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from newskg.rdf.namespaces import PREFIXES

_DEFAULT_GRAPH_PREFIX = "urn:x-rdflib:"


def trig(dataset: Dataset) -> str:
    """TriG of the named graphs, and of the default graph's own triples if it has any (a build's has none:
    its default graph is the union of the named ones)."""
    return _serialise(_quads(dataset), ox.RdfFormat.TRIG)


def nquads(dataset: Dataset) -> str:
    """N-Quads of the same statements as `trig`, one per line."""
    return (ox.serialize(_quads(dataset), format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def _quads(dataset: Dataset) -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    for graph in dataset.graphs():
        name = str(graph.identifier)
        target = ox.DefaultGraph() if name.startswith(_DEFAULT_GRAPH_PREFIX) else ox.NamedNode(name)
        quads.extend(ox.Quad(_subject(s), _iri(p), _term(o), target) for s, p, o in graph)
    return sorted(quads, key=_order)


def turtle(graph: Graph) -> str:
    """Turtle of one graph (or of a dataset's union of graphs)."""
    triples = [ox.Triple(_subject(s), _iri(p), _term(o)) for s, p, o in graph.triples((None, None, None))]
    return _serialise(sorted(triples, key=_order), ox.RdfFormat.TURTLE)


def _order(statement: ox.Quad | ox.Triple) -> tuple[str, ...]:
    graph = str(statement.graph_name) if isinstance(statement, ox.Quad) else ""
    return (graph, str(statement.subject), str(statement.predicate), str(statement.object))


def _serialise(statements: Iterable[ox.Quad] | Iterable[ox.Triple], syntax: ox.RdfFormat) -> str:
    """Serialise with the contract's prefixes, declared in alphabetical order."""
    body = (ox.serialize(statements, format=syntax, prefixes=PREFIXES) or b"").decode("utf-8")
    lines = body.split("\n")
    start = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    header = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(PREFIXES.items())]
    return "\n".join([*header, "", *lines[start:]])


def _subject(node: Node) -> ox.NamedNode | ox.BlankNode:
    """A subject: an IRI in newskg's graphs, or a blank node merged from another dataset."""
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else _iri(node)


def _iri(node: Node) -> ox.NamedNode:
    """A predicate (or a subject newskg made): always an IRI."""
    if not isinstance(node, URIRef):
        raise TypeError(f"newskg writes no {type(node).__name__} subjects or predicates")
    return ox.NamedNode(str(node))


def _term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib IRI, literal or (from another dataset) blank node as an Oxigraph term."""
    if isinstance(node, URIRef | BNode):
        return _subject(node)
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"newskg writes no {type(node).__name__} terms")


def jsonld(graph: Graph) -> str:
    """Compact JSON-LD: one node object per subject, terms as prefixed names under an @context.

    Written directly from the triples (rdflib's serializer is slow and orders values as
    its sets iterate); nodes are sorted by @id and values by their JSON text.
    """
    nodes: dict[str, dict[str, list]] = {}
    for subject, predicate, obj in graph.triples((None, None, None)):
        node = nodes.setdefault(f"_:{subject}" if isinstance(subject, BNode) else str(subject), {})
        key = "@type" if predicate == RDF.type else _curie(str(predicate))
        node.setdefault(key, []).append(_curie(str(obj)) if key == "@type" else _value(obj))
    document = {
        "@context": dict(sorted(PREFIXES.items())),
        "@graph": [
            {"@id": iri, **{key: _sorted(values) for key, values in sorted(node.items())}}
            for iri, node in sorted(nodes.items())
        ],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _value(node: Node) -> object:
    if isinstance(node, BNode):
        return {"@id": f"_:{node}"}
    if isinstance(node, URIRef):
        return {"@id": _curie(str(node))}
    if isinstance(node, Literal):
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype is not None and node.datatype != XSD.string:
            return {"@value": str(node), "@type": _curie(str(node.datatype))}
        return str(node)
    raise TypeError(f"newskg writes no {type(node).__name__} terms")


def _sorted(values: list) -> list:
    return sorted(values, key=lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False))
