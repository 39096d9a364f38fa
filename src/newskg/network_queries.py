"""The entity network (see `analyse`) read by SPARQL, for graphs too large to hold as a network at once:
its nodes and edges in a stable order, and its most connected nodes.

Each function takes a `Select`: a SELECT query to rows of rdflib terms, streamed
where the graph lives in a store (`store.UnionView.select`), or run by rdflib on
a graph in memory (`select_in`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from newskg.rdf.namespaces import PREFIXES

Select = Callable[[str], Iterator[tuple[Node | None, ...]]]

_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(PREFIXES.items()))
_CLASSES = "schema:Person schema:Organization schema:Place schema:Event"
_LINKS = ("sem:hasActor", "sem:hasPlace", "schema:affiliation", "schema:creator")
_LINKED = "|".join([*_LINKS, *(f"^{link}" for link in _LINKS)])  # either way along an edge
_NODES = f"""SELECT DISTINCT ?node WHERE {{
  VALUES ?class {{ {_CLASSES} }} ?node a ?class . FILTER(isIRI(?node))
}} ORDER BY STR(?node)"""
_EDGES = f"""SELECT DISTINCT ?from ?to ?label WHERE {{
  {{ VALUES (?link ?label) {{ (sem:hasActor "actor") (sem:hasPlace "place") (schema:affiliation "affiliation") }}
     ?from ?link ?to }}
  UNION {{ ?to schema:creator ?from . BIND("said" AS ?label) }}
  FILTER(isIRI(?from) && isIRI(?to))
  FILTER EXISTS {{ VALUES ?a {{ {_CLASSES} }} ?from a ?a }}
  FILTER EXISTS {{ VALUES ?b {{ {_CLASSES} }} ?to a ?b }}
}} ORDER BY STR(?from) STR(?to) ?label"""
_COUNT = f"""{_PREFIXES}SELECT (COUNT(DISTINCT ?node) AS ?count) WHERE {{
  VALUES ?class {{ {_CLASSES} }} ?node a ?class . FILTER(isIRI(?node))
}}"""
_RANKED = """SELECT ?node (COUNT(DISTINCT ?other) AS ?degree) (MIN(STR(?name)) AS ?label) WHERE {{
  VALUES ?class {{ {classes} }} ?node a ?class . FILTER(isIRI(?node)) {only}
  OPTIONAL {{ ?node rdfs:label ?name }}
  OPTIONAL {{
    ?node {linked} ?other . FILTER(isIRI(?other) && ?other != ?node)
    FILTER EXISTS {{ VALUES ?kind {{ {classes} }} ?other a ?kind }}
  }}
}} GROUP BY ?node ORDER BY DESC(?degree) ?label STR(?node) LIMIT {count}"""
_NOT_ONLY_EVENT = (  # a node that is an event and nothing else is drawn as an event
    "FILTER NOT EXISTS { ?node a schema:Event . FILTER NOT EXISTS { "
    "VALUES ?entity_class { schema:Person schema:Organization schema:Place } ?node a ?entity_class } }"
)


@dataclass(frozen=True)
class Ranked:
    """A node of the network, and its degree centrality (distinct neighbours over the other nodes)."""

    node: URIRef
    centrality: float


def select_in(graph: Graph) -> Select:
    """SELECT queries run by rdflib on a graph held in memory."""
    return lambda query: (tuple(row) for row in graph.query(_PREFIXES + query))  # type: ignore[arg-type]


def nodes(select: Select) -> Iterator[URIRef]:
    """Every node of the network, by IRI."""
    return (row[0] for row in select(_PREFIXES + _NODES) if isinstance(row[0], URIRef))


def edges(select: Select) -> Iterator[tuple[str, str, str]]:
    """Every edge of the network as (from, to, label), in that order."""
    return ((str(row[0]), str(row[1]), str(row[2])) for row in select(_PREFIXES + _EDGES))


def node_count(select: Select) -> int:
    """How many nodes the network has."""
    return next((int(str(row[0])) for row in select(_COUNT)), 0)


def most_connected(select: Select, count: int, events: bool = True) -> list[Ranked]:
    """The `count` nodes with the most distinct neighbours (ties by label), events among them or not."""
    total = node_count(select)
    query = _RANKED.format(classes=_CLASSES, linked=_LINKED, only="" if events else _NOT_ONLY_EVENT, count=count)
    ranked = []
    for node, degree, _ in select(_PREFIXES + query):
        if isinstance(node, URIRef) and isinstance(degree, Literal):
            ranked.append(Ranked(node, int(degree.toPython()) / (total - 1) if total > 1 else 0.0))
    return ranked
