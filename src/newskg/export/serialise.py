"""RDF files of a build: TriG and N-Quads (named graphs), Turtle (the union) and JSON-LD (compact).

TriG and Turtle are written by Oxigraph's serializer, fed the statements in a
sorted order, and JSON-LD directly, with nodes and values sorted: the same graph
always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from newskg.rdf.namespaces import PREFIXES

_DEFAULT_GRAPH_PREFIX = "urn:x-rdflib:"


class Statements:
    """A dataset's statements, read from rdflib once for every file written from them.

    The named graphs' statements, and the default graph's own (a build's has none:
    its default graph is the union of the named ones); a plain Graph's triples are
    its default graph's.
    """

    def __init__(self, source: Graph) -> None:
        graphs = source.graphs() if isinstance(source, Dataset) else [source]
        self.quads: list[tuple[Node, Node, Node, str | None]] = []
        for graph in graphs:
            name = str(graph.identifier)
            target = None if name.startswith(_DEFAULT_GRAPH_PREFIX) or not isinstance(source, Dataset) else name
            self.quads.extend((s, p, o, target) for s, p, o in graph)

    @cached_property
    def triples(self) -> list[tuple[Node, Node, Node]]:
        """Every statement once, whatever graph it is in."""
        return list(dict.fromkeys((s, p, o) for s, p, o, _ in self.quads))

    @cached_property
    def oxigraph_quads(self) -> list[ox.Quad]:
        quads = [
            ox.Quad(_subject(s), _iri(p), _term(o), ox.NamedNode(g) if g else ox.DefaultGraph())
            for s, p, o, g in self.quads
        ]
        return sorted(quads, key=_order)


def _statements(source: Graph | Statements) -> Statements:
    return source if isinstance(source, Statements) else Statements(source)


def trig(source: Dataset | Statements) -> str:
    """TriG of a dataset's graphs."""
    return _serialise(_statements(source).oxigraph_quads, ox.RdfFormat.TRIG)


def nquads(source: Dataset | Statements) -> str:
    """N-Quads of the same statements as `trig`, one per line."""
    return (ox.serialize(_statements(source).oxigraph_quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def turtle(source: Graph | Statements) -> str:
    """Turtle of one graph, or of the union of a dataset's graphs."""
    triples = [ox.Triple(_subject(s), _iri(p), _term(o)) for s, p, o in _statements(source).triples]
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


def jsonld(source: Graph | Statements) -> str:
    """Compact JSON-LD: one node object per subject, terms as prefixed names under an @context.

    Written directly from the triples (rdflib's serializer is slow and orders values as
    its sets iterate); nodes are sorted by @id and values by their JSON text.
    """
    nodes: dict[str, dict[str, list]] = {}
    for subject, predicate, obj in _statements(source).triples:
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


@lru_cache(maxsize=65536)
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
