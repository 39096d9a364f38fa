"""The pages' view of a union store as an rdflib Graph answers every pattern as oxrdflib does, in its order."""

from __future__ import annotations

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SDO, XSD

from newskg.rdf.serialise import oxigraph_quads
from newskg.rdf.store_graph import KEPT, StoreGraph

EX = "https://example.org/"


def _graphs(kept: int = KEPT) -> tuple[Graph, StoreGraph]:
    """The same statements through oxrdflib (what the pages read before) and through the view."""
    graph = Graph()
    for index in range(12):  # more than a pattern's answer the view keeps
        node = URIRef(f"{EX}n{index}")
        graph.add((node, RDF.type, SDO.Person))
        graph.add((node, RDFS.label, Literal(f"Name {index}", lang="en" if index % 2 else None)))
        graph.add((node, SDO.value, Literal(index, datatype=XSD.integer)))
        graph.add((node, SDO.knows, URIRef(f"{EX}n{(index + 1) % 12}")))
    for other in (7, 2, 9, 4):  # a subject described whole: several values of one predicate, in the store's order
        graph.add((URIRef(f"{EX}n5"), SDO.knows, URIRef(f"{EX}n{other}")))
        graph.add((URIRef(f"{EX}n5"), RDF.type, URIRef(f"{EX}Class{other}")))
    graph.add((URIRef(f"{EX}n0"), SDO.text, Literal("x" * 5000)))
    graph.add((BNode("b0"), RDFS.label, Literal("blank")))
    store = ox.Store()
    store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in oxigraph_quads(graph, EX)])
    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID), StoreGraph(store, kept)


def test_every_pattern_is_answered_as_by_rdflib_and_again_the_same() -> None:
    expected, view = _graphs()
    nodes = [URIRef(f"{EX}n0"), URIRef(f"{EX}n5"), BNode("b0"), URIRef(f"{EX}none"), None]
    predicates = [RDF.type, RDFS.label, SDO.text, SDO.knows, None]
    values = [
        SDO.Person,
        URIRef(f"{EX}n1"),
        URIRef(f"{EX}n9"),
        Literal("Name 5", lang="en"),
        Literal(3, datatype=XSD.integer),
        None,
    ]
    for _ in range(2):  # the second time from what the view kept
        for subject in nodes:
            for predicate in predicates:
                for value in values:
                    pattern = (subject, predicate, value)
                    assert list(view.triples(pattern)) == list(expected.triples(pattern)), pattern
        assert view.value(URIRef(f"{EX}n5"), RDFS.label) == Literal("Name 5", lang="en")
        assert view.value(predicate=SDO.knows, object=URIRef(f"{EX}n3")) == URIRef(f"{EX}n2")
        assert (URIRef(f"{EX}n4"), RDF.type, SDO.Person) in view
        assert (URIRef(f"{EX}n4"), RDF.type, SDO.Place) not in view
        assert list(view.subjects(RDF.type, SDO.Person)) == list(expected.subjects(RDF.type, SDO.Person))
        assert len(list(view.subjects(RDF.type, SDO.Person))) == 12


def test_a_literal_where_no_store_holds_one_matches_nothing() -> None:
    _, view = _graphs()
    assert list(view.triples((Literal("Name 1"), None, None))) == []
    assert list(view.triples((None, Literal("Name 1"), None))) == []


def test_what_the_view_keeps_stays_within_its_bound_and_answers_stay_right() -> None:
    expected, view = _graphs(kept=20)
    for _ in range(2):
        for index in range(12):
            node = URIRef(f"{EX}n{index}")
            assert list(view.triples((node, None, None))) == list(expected.triples((node, None, None)))
            assert view._weight <= 20
