"""Facts to triples: links to entities keep to the classes the contract gives them."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SDO

from newskg.model import Article, Entity, Event, Extraction, ResolvedArticle, Span, Statement
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import SEM
from newskg.rdf.dataset import article_graph

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
