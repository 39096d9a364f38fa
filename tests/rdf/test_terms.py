"""Oxigraph terms made straight: each literal as rdflib's `Literal` gave it, each statement once in a sink, and
the same statements as rdflib's at the boundary."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from newskg.rdf import terms
from newskg.rdf.namespaces import NIF
from newskg.rdf.quads import QuadSink, rdflib_graph, rdflib_term
from newskg.rdf.serialise import oxigraph_quads

S, P = ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")

LITERALS = [
    (terms.string(""), Literal("")),
    (terms.string('a "quoted"\nline é 😀'), Literal('a "quoted"\nline é 😀')),
    (terms.boolean(True), Literal(True)),
    (terms.boolean(False), Literal(False)),
    (terms.integer(0, terms.NON_NEGATIVE_INTEGER), Literal(0, datatype=XSD.nonNegativeInteger)),
    (terms.integer(5374, terms.NON_NEGATIVE_INTEGER), Literal(5374, datatype=XSD.nonNegativeInteger)),
    (terms.integer(-7), Literal(-7, datatype=XSD.integer)),
    (terms.integer(10**30), Literal(10**30, datatype=XSD.integer)),
    *[
        (terms.decimal(Decimal(text)), Literal(Decimal(text), datatype=XSD.decimal))
        for text in ("1.50", "-0.25", "1E-7", "2.5E+3", "0.000", "123456789012345678.000000001", str(1e-05), "51.5")
    ],
    *[
        (terms.typed(text, str(datatype)), Literal(text, datatype=datatype))
        for text, datatype in (
            ("2021-03-05", XSD.date),
            ("2021-02-30", XSD.date),  # no such day: kept as written
            ("2021", XSD.gYear),
            ("0900", XSD.gYear),
            ("2021-03", XSD.gYearMonth),
            ("-0044-03", XSD.gYearMonth),
        )
    ],
]


@pytest.mark.parametrize(("made", "rdflib_literal"), LITERALS, ids=lambda value: repr(str(value))[:30])
def test_a_literal_is_the_one_rdflib_gave_the_build_before(made: ox.Literal, rdflib_literal: Literal) -> None:
    (before,) = oxigraph_quads([(URIRef(S.value), URIRef(P.value), rdflib_literal)], "urn:x:g")
    assert made == before.object
    assert str(made) == str(before.object)


def test_a_date_is_rewritten_as_rdflib_rewrites_it() -> None:
    assert terms.typed("2021-03-05Z", str(XSD.date)) == ox.Literal("2021-03-05", datatype=ox.NamedNode(str(XSD.date)))


def test_the_sink_keeps_each_statement_once_in_the_order_first_written() -> None:
    sink = QuadSink("urn:x:g")
    one, two = (S, P, terms.string("1")), (S, P, terms.integer(1))
    for triple in (one, two, one, (S, P, ox.Literal("1")), (S, P, terms.integer(int("01")))):
        sink.add(triple)
    graph = ox.NamedNode("urn:x:g")
    assert sink.quads == [ox.Quad(*one, graph), ox.Quad(*two, graph)]


def test_at_the_rdflib_boundary_a_string_is_plain_and_a_tagged_one_keeps_its_language() -> None:
    assert rdflib_term(terms.string("x")) == Literal("x")
    assert rdflib_term(terms.string("x")).datatype is None
    assert rdflib_term(ox.Literal("x", language="en")) == Literal("x", lang="en")
    assert rdflib_term(terms.decimal(Decimal("1.50"))) == Literal("1.50", datatype=XSD.decimal)
    with pytest.raises(TypeError):
        rdflib_term(ox.BlankNode("b"))


def test_quads_as_an_rdflib_graph_are_the_same_statements() -> None:
    quads = [ox.Quad(S, P, literal, ox.NamedNode("urn:x:g")) for literal, _ in LITERALS]
    graph = rdflib_graph(quads, "urn:x:g")
    assert str(graph.identifier) == "urn:x:g"
    assert sorted(oxigraph_quads(graph, "urn:x:g"), key=str) == sorted(quads, key=str)


def test_a_vocabulary_makes_each_term_once_and_a_closed_one_refuses_a_misspelling() -> None:
    assert terms.O_NIF.anchorOf is terms.O_NIF.anchorOf
    assert terms.O_NIF.anchorOf.value == str(NIF.anchorOf)
    assert terms.O_NKG["Clearance"] is terms.O_NKG["Clearance"]
    with pytest.raises(AttributeError):
        terms.O_NIF.anchorof  # noqa: B018
    with pytest.raises(AttributeError):
        terms.O_NKG["Clearence"]
