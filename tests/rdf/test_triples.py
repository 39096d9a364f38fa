"""Facts to triples: links to entities keep to the classes the contract gives them; each literal in its
datatype's form, each statement once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SDO

from newskg.model import Article, Entity, Event, Extraction, Quantity, ResolvedArticle, Span, Statement, TimeExpr
from newskg.rdf.dataset import article_graph, article_quads
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import SEM
from newskg.rdf.quads import rdflib_triple
from newskg.rdf.serialise import statement_line

TEXT = "Ana Lee met Ana Lee in Rome, the city said."


def _article() -> ResolvedArticle:
    first, second, rome = Span(0, 7, "Ana Lee"), Span(12, 19, "Ana Lee"), Span(23, 27, "Rome")
    city = Span(29, 37, "the city")
    event = Event(Span(0, 27, TEXT[:27]), "Meeting", "meet", Span(8, 11, "met"), actors=(first,), places=(second, rome))
    said = Statement(city, Span(0, 27, TEXT[:27]), Span(0, len(TEXT), TEXT), direct=False)
    extraction = Extraction(
        Article(id="a", text=TEXT, source="a.txt"),
        sentences=(Span(0, len(TEXT), TEXT),),
        mentions=(),
        events=(event,),
        statements=(said,),
    )
    entities = (
        Entity("person/ana-lee", "Person", "Ana Lee", mentions=(first, second)),
        Entity("place/rome", "Place", "Rome", mentions=(rome, city)),
    )
    entity_of = {(s.start, s.end): e.key for e in entities for s in e.mentions}
    return ResolvedArticle(extraction, entities, entity_of)


def test_a_place_mention_resolved_to_a_person_is_no_place_and_a_place_says_nothing() -> None:
    iris = Iris()
    graph = article_graph(iris, _article(), URIRef("urn:x:activity"))
    event = iris.event("a", Span(8, 11, "met"))
    assert set(graph.objects(event, SEM.hasPlace)) == {iris.entity("place/rome")}
    assert set(graph.objects(event, SEM.hasActor)) == {iris.entity("person/ana-lee")}
    assert not set(graph.subjects(None, SDO.Quotation))


FIGURES = "Sappers cleared about 2.50 to 4 hectares near Rome in June 2021."
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


def test_an_articles_quads_hold_each_literal_in_its_datatypes_form_and_each_statement_once() -> None:
    hectares, rome = Span(16, 40, "about 2.50 to 4 hectares"), Span(46, 50, "Rome")
    cleared = Quantity(hectares, Decimal("2.50"), "hectares", max_value=Decimal("4"), approximate=True)
    event = Event(
        Span(0, len(FIGURES), FIGURES),
        "Clearance",
        "clear",
        Span(8, 15, "cleared"),
        places=(rome, rome),
        time=TimeExpr(Span(54, 63, "June 2021"), begin="2021", end="2021-06"),
        quantities=(cleared,),
    )
    article = Article(id="b", text=FIGURES, source="b.txt", published=date(2021, 7, 1))
    extraction = Extraction(article, sentences=(Span(0, len(FIGURES), FIGURES),), mentions=(), events=(event,))
    place = Entity("place/rome", "Place", "Rome", mentions=(rome,), geo=(41.9, 1e-05))
    resolved = ResolvedArticle(extraction, (place,), {(46, 50): "place/rome"})
    quads = article_quads(Iris(), resolved, URIRef("urn:x:activity"))
    lines = [statement_line(quad) for quad in quads]
    assert len(lines) == len(set(lines))  # the sentence, written for the event and its figure, is there once
    objects = {quad.object for quad in quads if isinstance(quad.object, ox.Literal)}
    for text, datatype in [
        ("2.50", "decimal"),
        ("4", "integer"),
        ("true", "boolean"),
        ("2021", "gYear"),
        ("2021-06", "gYearMonth"),
        ("2021-07-01", "date"),
        ("41.9", "decimal"),
        ("0.00001", "decimal"),
        ("46", "nonNegativeInteger"),
    ]:
        assert ox.Literal(text, datatype=ox.NamedNode(XSD_NS + datatype)) in objects
    assert ox.Literal("Rome") in objects
    assert set(article_graph(Iris(), resolved, URIRef("urn:x:activity"))) == {
        rdflib_triple((quad.subject, quad.predicate, quad.object)) for quad in quads
    }
