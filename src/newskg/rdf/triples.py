"""Resolved facts to triples, by the data contract: one named graph per article.

Every fact is linked to the NIF sentence it came from; every mention is a NIF
phrase pointing at its entity; every quantity hangs off its event. No blank
nodes, so the same input always gives the same triples.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from newskg.model import Entity, Event, Quantity, ResolvedArticle, Role, Span, Statement, TimeExpr
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import COARSE, ITSRDF, NIF, NKG, SEM

_DATE_TYPES = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}


class Triples(Protocol):
    """Where an article's triples go: an rdflib Graph, or a graph made on disk (`newskg.pipeline.on_disk`)."""

    def add(self, triple: tuple[Node, Node, Node]) -> object: ...


@dataclass
class ArticleWriter:
    """Writes one resolved article into a graph."""

    graph: Triples
    iris: Iris
    resolved: ResolvedArticle

    @property
    def article_id(self) -> str:
        return self.resolved.extraction.article.id

    def write(self, activity: URIRef) -> None:
        """All triples of the article: metadata, text, entities, roles, events, statements."""
        self.write_article(activity)
        self.write_facts()

    def write_article(self, activity: URIRef) -> None:
        """The article's metadata and text."""
        self._article(self.iris.article(self.article_id), activity)

    def write_facts(self) -> None:
        """The triples of the facts: entities, roles, events, statements, conflicting figures (of a long article,
        one section's)."""
        node = self.iris.article(self.article_id)
        for entity in self.resolved.entities:
            self._entity(node, entity)
        for role in self.resolved.extraction.roles:
            self._role(role)
        for event in self.resolved.extraction.events:
            self._event(event)
        for statement in self.resolved.extraction.statements:
            self._statement(statement)
        for first, second in self.resolved.conflicts:
            one, other = self.iris.quantity(self.article_id, first), self.iris.quantity(self.article_id, second)
            self._add(one, NKG.conflictsWith, other)
            self._add(other, NKG.conflictsWith, one)

    def _add(self, subject: URIRef, predicate: URIRef, value: URIRef | Literal | None) -> None:
        if value is not None:
            self.graph.add((subject, predicate, value))

    def _article(self, node: URIRef, activity: URIRef) -> None:
        article = self.resolved.extraction.article
        self._add(node, RDF.type, SDO.NewsArticle)
        self._add(node, SDO.identifier, Literal(article.id))
        self._add(node, SDO.headline, Literal(article.title) if article.title else None)
        self._add(node, SDO.url, _iri_or_none(article.url))
        if article.published:
            self._add(node, SDO.datePublished, Literal(article.published.isoformat(), datatype=XSD.date))
        if self.resolved.author:
            self._add(node, SDO.author, self.iris.entity(self.resolved.author))
        self._add(node, PROV.wasGeneratedBy, activity)
        context = self.iris.context(article.id, len(article.text))
        self._add(context, RDF.type, NIF.Context)
        self._add(context, NIF.isString, Literal(article.text))
        self._add(context, NIF.beginIndex, _index(0))
        self._add(context, NIF.endIndex, _index(len(article.text)))
        self._add(context, NIF.sourceUrl, _iri_or_none(article.url))
        self._add(node, SDO.text, context)

    def _entity(self, article: URIRef, entity: Entity) -> None:
        node = self.iris.entity(entity.key)
        self._add(article, SDO.mentions, node)
        describe_entity(self.graph, self.iris, entity)
        for span in entity.mentions:
            phrase = self._phrase(span)
            self._add(phrase, ITSRDF.taIdentRef, node)

    def _phrase(self, span: Span) -> URIRef:
        phrase = self.iris.phrase(self.article_id, span)
        self._add(phrase, RDF.type, NIF.Phrase)
        self._string(phrase, span)
        self._add(phrase, NIF.referenceContext, self._context())
        return phrase

    def _context(self) -> URIRef:
        return self.iris.context(self.article_id, len(self.resolved.extraction.article.text))

    def _string(self, node: URIRef, span: Span) -> None:
        self._add(node, NIF.anchorOf, Literal(span.text))
        self._add(node, NIF.beginIndex, _index(span.start))
        self._add(node, NIF.endIndex, _index(span.end))

    @cached_property
    def _sentences(self) -> tuple[list[int], list[Span]]:
        """The article's sentences in text order, with their starts: found by bisection, not by a scan."""
        ordered = sorted(self.resolved.extraction.sentences, key=lambda s: (s.start, s.end))
        return [s.start for s in ordered], ordered

    def _holding(self, start: int, end: int) -> list[Span]:
        """The sentences overlapping the characters [start, end)."""
        starts, ordered = self._sentences
        first = max(bisect_right(starts, start) - 1, 0)
        found = []
        for sentence in ordered[first : bisect_left(starts, max(end, start + 1))]:
            if sentence.start < max(end, start + 1) and start < sentence.end:
                found.append(sentence)
        return found

    def _sentence(self, span: Span) -> URIRef:
        """The NIF sentence holding `span` (written on first use)."""
        sentence = next((s for s in self._holding(span.start, span.start + 1)), span)
        node = self.iris.sentence(self.article_id, sentence)
        self._add(node, RDF.type, NIF.Sentence)
        self._string(node, sentence)
        self._add(node, NIF.referenceContext, self._context())
        return node

    def _entity_node(self, span: Span | None, kinds: tuple[str, ...] = ()) -> URIRef | None:
        """The node of the entity a span names; None when it names none, or one of another class than `kinds`
        (a place mention resolved to a person is no event's place)."""
        key = self.resolved.entity_at(span)
        if key is None or (kinds and self._kinds.get(key) not in kinds):
            return None
        return self.iris.entity(key)

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {entity.key: entity.kind for entity in self.resolved.entities}

    def _role(self, role: Role) -> None:
        person = self._entity_node(role.person)
        if person is None:
            return
        self._add(person, SDO.jobTitle, Literal(role.title))
        self._add(person, SDO.affiliation, self._entity_node(role.org))

    def _event(self, event: Event) -> None:
        node = self.iris.event(self.article_id, event.trigger)
        for kind in (SDO.Event, SEM.Event, NKG[event.event_type]):
            self._add(node, RDF.type, kind)
        self._add(node, RDFS.label, Literal(event.label))
        self._add(node, NKG.trigger, self._phrase(event.trigger))
        for actor in _nodes(self._entity_node(span) for span in event.actors):
            self._add(node, SEM.hasActor, actor)
        for place in _nodes(self._entity_node(span, ("Place",)) for span in event.places):
            self._add(node, SEM.hasPlace, place)
        self._time(node, event.time)
        if event.negated:
            self._add(node, NKG.negated, Literal(True))
        self._add(node, NKG.modality, Literal(event.modality) if event.modality else None)
        sentence = self._sentence(event.trigger)
        self._add(node, PROV.wasDerivedFrom, sentence)
        speaker = self._entity_node(event.speaker)
        self._add(node, PROV.wasAttributedTo, speaker)
        for quantity in event.quantities:
            if not event.negated:
                self._quantity(node, quantity, speaker)

    def _time(self, node: URIRef, time: TimeExpr | None) -> None:
        if time is None:
            return
        self._add(node, SEM.hasTimeStamp, _date_literal(time.point))
        self._add(node, SEM.hasBeginTimeStamp, _date_literal(time.begin))
        self._add(node, SEM.hasEndTimeStamp, _date_literal(time.end))

    def _quantity(self, event: URIRef, quantity: Quantity, speaker: URIRef | None) -> None:
        node = self.iris.quantity(self.article_id, quantity.span)
        self._add(event, NKG.quantity, node)
        if quantity.currency:
            self._add(node, RDF.type, SDO.MonetaryAmount)
            self._add(node, SDO.currency, Literal(quantity.currency))
        else:
            self._add(node, RDF.type, SDO.QuantitativeValue)
            self._add(node, SDO.unitText, Literal(quantity.unit_text))
            self._add(node, SDO.unitCode, Literal(quantity.unit_code) if quantity.unit_code else None)
        if quantity.kind == "duration":
            self._add(node, RDF.type, NKG.Duration)
        self._add(node, RDFS.label, Literal(quantity.span.text))
        self._add(node, SDO.value, _number(quantity.value))
        if quantity.max_value is not None:
            self._add(node, SDO.value, _number(quantity.max_value))
            self._add(node, SDO.minValue, _number(quantity.min_value or quantity.value))
            self._add(node, SDO.maxValue, _number(quantity.max_value))
        self._add(node, NKG.approximate, Literal(quantity.approximate))
        self._add(node, NKG.qualifier, Literal(quantity.qualifier) if quantity.qualifier else None)
        if quantity.base_value is not None and quantity.base_unit_code:
            self._add(node, NKG.baseValue, _number(quantity.base_value))
            self._add(node, NKG.baseUnitCode, Literal(quantity.base_unit_code))
        self._add(node, PROV.wasDerivedFrom, self._sentence(quantity.span))
        self._add(node, PROV.wasAttributedTo, speaker)

    def _statement(self, statement: Statement) -> None:
        speaker = self._entity_node(statement.speaker, ("Person", "Organization"))
        if speaker is None:
            return
        node = self.iris.statement(self.article_id, statement.text)
        self._add(node, RDF.type, SDO.Quotation)
        self._add(node, SDO.creator, speaker)
        self._add(node, SDO.text, Literal(statement.text.text))
        self._add(node, SDO.isPartOf, self.iris.article(self.article_id))
        if statement.medium is not None and statement.medium in self._triggers:
            self._add(node, SDO.recordedAt, self.iris.event(self.article_id, statement.medium))
        for sentence in self._holding(statement.evidence.start, statement.evidence.end):
            self._add(node, PROV.wasDerivedFrom, self._sentence(sentence))

    @cached_property
    def _triggers(self) -> set[Span]:
        return {event.trigger for event in self.resolved.extraction.events}


def _nodes(values: Iterable[URIRef | None]) -> list[URIRef]:
    return [value for value in dict.fromkeys(values) if value is not None]


def _index(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _number(value: Decimal) -> Literal:
    """A whole number as an xsd:integer, any other as an xsd:decimal (figures hold at most 28 digits, scaled at
    most by a trillion: far within what Python writes an int of)."""
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value, datatype=XSD.decimal)


def _date_literal(value: str | None) -> Literal | None:
    if not value:
        return None
    return Literal(value, datatype=_DATE_TYPES[value.count("-") + 1])


def describe_entity(graph: Triples, iris: Iris, entity: Entity) -> None:
    """An entity's own description: classes, one label, other names, links, coordinates, the place it is in."""
    node = iris.entity(entity.key)
    graph.add((node, RDF.type, COARSE[entity.kind]))
    for subtype in entity.subtypes:
        graph.add((node, RDF.type, SDO[subtype]))
    if entity.kind == "Event":
        graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for name in entity.alt_labels:
        graph.add((node, SKOS.altLabel, Literal(name)))
    for link in entity.same_as:
        graph.add((node, OWL.sameAs, URIRef(link)))
    for place in entity.located_in:
        graph.add((node, SDO.location, iris.entity(place)))
    if entity.geo is not None:
        geo = geo_node(node)
        graph.add((node, SDO.geo, geo))
        graph.add((geo, RDF.type, SDO.GeoCoordinates))
        graph.add((geo, SDO.latitude, Literal(Decimal(str(entity.geo[0])), datatype=XSD.decimal)))
        graph.add((geo, SDO.longitude, Literal(Decimal(str(entity.geo[1])), datatype=XSD.decimal)))


def geo_node(entity: URIRef) -> URIRef:
    """The IRI of an entity's coordinates."""
    return URIRef(f"{entity}/geo")


def _iri_or_none(url: str | None) -> URIRef | None:
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in '<>" {}|\\^`'):
        return None
    return URIRef(url)
