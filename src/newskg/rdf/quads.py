"""Where an article's statements are written as Oxigraph terms: a named graph's quads, each statement once (as an
rdflib Graph keeps them), and at the boundary where an rdflib Graph is still wanted, the same statements in one."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from newskg.rdf.terms import Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class QuadSink:
    """A named graph's statements in the order first written, a statement written again dropped."""

    def __init__(self, name: str) -> None:
        self.graph = ox.NamedNode(name)
        self.quads: list[ox.Quad] = []
        self._seen: set[ox.Quad] = set()

    def add(self, triple: Triple) -> None:
        quad = ox.Quad(*triple, self.graph)
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)


def rdflib_triple(triple: Triple) -> tuple[Node, Node, Node]:
    """A statement of Oxigraph terms as rdflib's."""
    subject, predicate, value = triple
    return rdflib_term(subject), rdflib_term(predicate), rdflib_term(value)


def rdflib_term(term: object) -> Node:
    """An Oxigraph IRI or literal as rdflib's: a string literal plain, as `Literal(text)` made it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"newskg writes no {type(term).__name__} terms")
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def rdflib_graph(quads: Iterable[ox.Quad], name: str) -> Graph:
    """Statements as an rdflib Graph named `name`."""
    graph = Graph(identifier=URIRef(name))
    for quad in quads:
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return graph
