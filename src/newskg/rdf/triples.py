"""Resolved facts to triples, by the data contract: one named graph per article.

Every fact is linked to the NIF sentence it came from; every mention is a NIF
phrase pointing at its entity; every quantity hangs off its event. No blank
nodes, so the same input always gives the same triples.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import XSD

from newskg.model import Entity, Event, Quantity, ResolvedArticle, Role, Span, Statement, TimeExpr
from newskg.rdf.iris import ArticleIris, Iris
from newskg.rdf.namespaces import COARSE
from newskg.rdf.quads import rdflib_triple
from newskg.rdf.terms import (
    NON_NEGATIVE_INTEGER,
    O_ITSRDF,
    O_NIF,
    O_NKG,
    O_OWL,
    O_PROV,
    O_RDF,
    O_RDFS,
    O_SDO,
    O_SEM,
    O_SKOS,
    Subject,
    Triple,
    Value,
    boolean,
    decimal,
    integer,
    string,
    typed,
)

_COARSE = {kind: ox.NamedNode(str(iri)) for kind, iri in COARSE.items()}
_DATE = str(XSD.date)
_DATE_TYPES = {1: str(XSD.gYear), 2: str(XSD.gYearMonth), 3: _DATE}


class Triples(Protocol):
    """Where an article's statements go, as Oxigraph terms: a named graph's quads (`rdf.quads.QuadSink`), or a
    graph made on disk (`newskg.pipeline.on_disk`)."""

    def add(self, triple: Triple) -> object: ...


@dataclass
class ArticleWriter:
    """Writes one resolved article into a graph."""

    graph: Triples
    iris: Iris
    resolved: ResolvedArticle
    _entities: dict[str, ox.NamedNode] = field(default_factory=dict, init=False, repr=False)

    @property
    def article_id(self) -> str:
        return self.resolved.extraction.article.id

    def write(self, activity: URIRef) -> None:
        """All triples of the article: metadata, text, entities, roles, events, statements."""
        self.write_article(activity)
        self.write_facts()

    def write_article(self, activity: URIRef) -> None:
        """The article's metadata and text."""
        self._article(self._node, ox.NamedNode(str(activity)))

    @cached_property
    def _names(self) -> ArticleIris:
        return self.iris.within(self.article_id)

    @cached_property
    def _node(self) -> ox.NamedNode:
        return ox.NamedNode(self._names.node)

    def write_facts(self) -> None:
        """The triples of the facts: entities, roles, events, statements, conflicting figures (of a long article,
        one section's)."""
        node = self._node
        for entity in self.resolved.entities:
            self._entity(node, entity)
        for role in self.resolved.extraction.roles:
            self._role(role)
        for event in self.resolved.extraction.events:
            self._event(event)
        for statement in self.resolved.extraction.statements:
            self._statement(statement)
        for first, second in self.resolved.conflicts:
            one = ox.NamedNode(self._names.quantity(first))
            other = ox.NamedNode(self._names.quantity(second))
            self._add(one, O_NKG.conflictsWith, other)
            self._add(other, O_NKG.conflictsWith, one)

    def _add(self, subject: Subject, predicate: ox.NamedNode, value: Value | None) -> None:
        if value is not None:
            self.graph.add((subject, predicate, value))

    def _article(self, node: ox.NamedNode, activity: ox.NamedNode) -> None:
        article = self.resolved.extraction.article
        self._add(node, O_RDF.type, O_SDO.NewsArticle)
        self._add(node, O_SDO.identifier, string(article.id))
        self._add(node, O_SDO.headline, string(article.title) if article.title else None)
        self._add(node, O_SDO.url, _iri_or_none(article.url))
        if article.published:
            self._add(node, O_SDO.datePublished, typed(article.published.isoformat(), _DATE))
        if self.resolved.author:
            self._add(node, O_SDO.author, self._entity_term(self.resolved.author))
        self._add(node, O_PROV.wasGeneratedBy, activity)
        context = self._context
        self._add(context, O_RDF.type, O_NIF.Context)
        self._add(context, O_NIF.isString, string(article.text))
        self._add(context, O_NIF.beginIndex, _index(0))
        self._add(context, O_NIF.endIndex, _index(len(article.text)))
        self._add(context, O_NIF.sourceUrl, _iri_or_none(article.url))
        self._add(node, O_SDO.text, context)

    def _entity(self, article: ox.NamedNode, entity: Entity) -> None:
        node = self._entity_term(entity.key)
        self._add(article, O_SDO.mentions, node)
        for triple in entity_statements(self.iris, entity):
            self.graph.add(triple)
        for span in entity.mentions:
            phrase = self._phrase(span)
            self._add(phrase, O_ITSRDF.taIdentRef, node)

    def _entity_term(self, key: str) -> ox.NamedNode:
        """An entity's IRI, made once per article."""
        term = self._entities.get(key)
        if term is None:
            term = self._entities[key] = ox.NamedNode(str(self.iris.entity(key)))
        return term

    def _phrase(self, span: Span) -> ox.NamedNode:
        phrase = ox.NamedNode(self._names.phrase(span))
        self._add(phrase, O_RDF.type, O_NIF.Phrase)
        self._string(phrase, span)
        self._add(phrase, O_NIF.referenceContext, self._context)
        return phrase

    @cached_property
    def _context(self) -> ox.NamedNode:
        return ox.NamedNode(self._names.context(len(self.resolved.extraction.article.text)))

    def _string(self, node: ox.NamedNode, span: Span) -> None:
        self._add(node, O_NIF.anchorOf, string(span.text))
        self._add(node, O_NIF.beginIndex, _index(span.start))
        self._add(node, O_NIF.endIndex, _index(span.end))

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

    def _sentence(self, span: Span) -> ox.NamedNode:
        """The NIF sentence holding `span` (written on first use)."""
        sentence = next((s for s in self._holding(span.start, span.start + 1)), span)
        node = ox.NamedNode(self._names.sentence(sentence))
        self._add(node, O_RDF.type, O_NIF.Sentence)
        self._string(node, sentence)
        self._add(node, O_NIF.referenceContext, self._context)
        return node

    def _entity_node(self, span: Span | None, kinds: tuple[str, ...] = ()) -> ox.NamedNode | None:
        """The node of the entity a span names; None when it names none, or one of another class than `kinds`
        (a place mention resolved to a person is no event's place)."""
        key = self.resolved.entity_at(span)
        if key is None or (kinds and self._kinds.get(key) not in kinds):
            return None
        return self._entity_term(key)

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {entity.key: entity.kind for entity in self.resolved.entities}

    def _role(self, role: Role) -> None:
        person = self._entity_node(role.person)
        if person is None:
            return
        self._add(person, O_SDO.jobTitle, string(role.title))
        self._add(person, O_SDO.affiliation, self._entity_node(role.org))

    def _event(self, event: Event) -> None:
        node = ox.NamedNode(self._names.event(event.trigger))
        for kind in (O_SDO.Event, O_SEM.Event, O_NKG[event.event_type]):
            self._add(node, O_RDF.type, kind)
        self._add(node, O_RDFS.label, string(event.label))
        self._add(node, O_NKG.trigger, self._phrase(event.trigger))
        for actor in _nodes(self._entity_node(span) for span in event.actors):
            self._add(node, O_SEM.hasActor, actor)
        for place in _nodes(self._entity_node(span, ("Place",)) for span in event.places):
            self._add(node, O_SEM.hasPlace, place)
        self._time(node, event.time)
        if event.negated:
            self._add(node, O_NKG.negated, boolean(True))
        self._add(node, O_NKG.modality, string(event.modality) if event.modality else None)
        sentence = self._sentence(event.trigger)
        self._add(node, O_PROV.wasDerivedFrom, sentence)
        speaker = self._entity_node(event.speaker)
        self._add(node, O_PROV.wasAttributedTo, speaker)
        for quantity in event.quantities:
            if not event.negated:
                self._quantity(node, quantity, speaker)

    def _time(self, node: ox.NamedNode, time: TimeExpr | None) -> None:
        if time is None:
            return
        self._add(node, O_SEM.hasTimeStamp, _date_literal(time.point))
        self._add(node, O_SEM.hasBeginTimeStamp, _date_literal(time.begin))
        self._add(node, O_SEM.hasEndTimeStamp, _date_literal(time.end))

    def _quantity(self, event: ox.NamedNode, quantity: Quantity, speaker: ox.NamedNode | None) -> None:
        node = ox.NamedNode(self._names.quantity(quantity.span))
        self._add(event, O_NKG.quantity, node)
        if quantity.currency:
            self._add(node, O_RDF.type, O_SDO.MonetaryAmount)
            self._add(node, O_SDO.currency, string(quantity.currency))
        else:
            self._add(node, O_RDF.type, O_SDO.QuantitativeValue)
            self._add(node, O_SDO.unitText, string(quantity.unit_text))
            self._add(node, O_SDO.unitCode, string(quantity.unit_code) if quantity.unit_code else None)
        if quantity.kind == "duration":
            self._add(node, O_RDF.type, O_NKG.Duration)
        self._add(node, O_RDFS.label, string(quantity.span.text))
        self._add(node, O_SDO.value, _number(quantity.value))
        if quantity.max_value is not None:
            self._add(node, O_SDO.value, _number(quantity.max_value))
            self._add(node, O_SDO.minValue, _number(quantity.min_value or quantity.value))
            self._add(node, O_SDO.maxValue, _number(quantity.max_value))
        self._add(node, O_NKG.approximate, boolean(quantity.approximate))
        self._add(node, O_NKG.qualifier, string(quantity.qualifier) if quantity.qualifier else None)
        if quantity.base_value is not None and quantity.base_unit_code:
            self._add(node, O_NKG.baseValue, _number(quantity.base_value))
            self._add(node, O_NKG.baseUnitCode, string(quantity.base_unit_code))
        self._add(node, O_PROV.wasDerivedFrom, self._sentence(quantity.span))
        self._add(node, O_PROV.wasAttributedTo, speaker)

    def _statement(self, statement: Statement) -> None:
        speaker = self._entity_node(statement.speaker, ("Person", "Organization"))
        if speaker is None:
            return
        node = ox.NamedNode(self._names.statement(statement.text))
        self._add(node, O_RDF.type, O_SDO.Quotation)
        self._add(node, O_SDO.creator, speaker)
        self._add(node, O_SDO.text, string(statement.text.text))
        self._add(node, O_SDO.isPartOf, self._node)
        if statement.medium is not None and statement.medium in self._triggers:
            self._add(node, O_SDO.recordedAt, ox.NamedNode(self._names.event(statement.medium)))
        for sentence in self._holding(statement.evidence.start, statement.evidence.end):
            self._add(node, O_PROV.wasDerivedFrom, self._sentence(sentence))

    @cached_property
    def _triggers(self) -> set[Span]:
        return {event.trigger for event in self.resolved.extraction.events}


def _nodes(values: Iterable[ox.NamedNode | None]) -> list[ox.NamedNode]:
    return [value for value in dict.fromkeys(values) if value is not None]


def _index(value: int) -> ox.Literal:
    return integer(value, NON_NEGATIVE_INTEGER)


def _number(value: Decimal) -> ox.Literal:
    """A whole number as an xsd:integer, any other as an xsd:decimal (figures hold at most 28 digits, scaled at
    most by a trillion: far within what Python writes an int of)."""
    if value == value.to_integral_value():
        return integer(int(value))
    return decimal(value)


def _date_literal(value: str | None) -> ox.Literal | None:
    if not value:
        return None
    return typed(value, _DATE_TYPES[value.count("-") + 1])


def entity_statements(iris: Iris, entity: Entity) -> list[Triple]:
    """An entity's own description: classes, one label, other names, links, coordinates, the place it is in."""
    node = ox.NamedNode(str(iris.entity(entity.key)))
    found: list[Triple] = [(node, O_RDF.type, _COARSE[entity.kind])]
    found += [(node, O_RDF.type, O_SDO[subtype]) for subtype in entity.subtypes]
    if entity.kind == "Event":
        found.append((node, O_RDF.type, O_SEM.Event))
    found.append((node, O_RDFS.label, string(entity.label)))
    found += [(node, O_SKOS.altLabel, string(name)) for name in entity.alt_labels]
    found += [(node, O_OWL.sameAs, ox.NamedNode(link)) for link in entity.same_as]
    found += [(node, O_SDO.location, ox.NamedNode(str(iris.entity(place)))) for place in entity.located_in]
    if entity.geo is not None:
        geo = ox.NamedNode(f"{node.value}/geo")
        found.append((node, O_SDO.geo, geo))
        found.append((geo, O_RDF.type, O_SDO.GeoCoordinates))
        found.append((geo, O_SDO.latitude, decimal(Decimal(str(entity.geo[0])))))
        found.append((geo, O_SDO.longitude, decimal(Decimal(str(entity.geo[1])))))
    return found


def describe_entity(graph: Graph, iris: Iris, entity: Entity) -> None:
    """`entity_statements` added to an rdflib graph (as `merge` describes the entities it joins again)."""
    for triple in entity_statements(iris, entity):
        graph.add(rdflib_triple(triple))


def _iri_or_none(url: str | None) -> ox.NamedNode | None:
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in '<>" {}|\\^`'):
        return None
    return ox.NamedNode(url)
