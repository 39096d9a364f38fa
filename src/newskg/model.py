"""Plain, frozen values that the pipeline's stages hand to each other.

Nothing here knows spaCy or rdflib: extraction turns a parsed text into these
facts, resolution merges their mentions, and the RDF stage writes them out.
Offsets are Python string indices into `Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

KINDS = ("Person", "Organization", "Place", "Event")
"""The coarse entity kinds (schema.org classes of the same names), in the order that settles a tie between them."""


@dataclass(frozen=True)
class Article:
    """One input article: its text (offsets index it) and what is known of it."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    author: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the article text: `text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name, pronoun or description that refers to an entity.

    `kind` is the coarse class (Person, Organization, Place, Event); `subtype`
    a finer schema.org class when known. `form` says how it refers: a proper
    name, an acronym, a pronoun, a definite description ("the agency") or a
    generic one that names only a kind ("the organization").
    """

    span: Span
    kind: str
    form: str = "name"
    subtype: str | None = None
    head: str = ""
    qualifier: Span | None = None
    sentence: int = -1  # character offset where the mention's sentence starts
    gender: str | None = None  # "female" or "male", when a pronoun or a word before the name says so


@dataclass(frozen=True)
class TimeExpr:
    """A resolved time: ISO strings at the precision the text gives.

    `point` for a single time, `begin`/`end` for spans (either may be open).
    """

    span: Span
    point: str | None = None
    begin: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts or measures, hedges and bounds kept."""

    span: Span
    value: Decimal
    unit_text: str
    kind: str = "count"
    unit_code: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    approximate: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    base_value: Decimal | None = None
    base_unit_code: str | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened (or is planned, or did not), with its arguments.

    Actors and places are mention spans that resolution maps to entities.
    """

    span: Span
    event_type: str
    label: str
    trigger: Span
    actors: tuple[Span, ...] = ()
    places: tuple[Span, ...] = ()
    time: TimeExpr | None = None
    quantities: tuple[Quantity, ...] = ()
    negated: bool = False
    modality: str | None = None
    speaker: Span | None = None


@dataclass(frozen=True)
class Role:
    """A job title a person holds, and the organization when stated."""

    person: Span
    title: str
    evidence: Span
    org: Span | None = None


@dataclass(frozen=True)
class Statement:
    """Reported speech: who said it and what, direct or indirect."""

    speaker: Span
    text: Span
    evidence: Span
    direct: bool
    medium: Span | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article, before entity resolution."""

    article: Article
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity after resolution, with every name it was seen under."""

    key: str
    kind: str
    label: str
    alt_labels: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    same_as: tuple[str, ...] = ()
    geo: tuple[float, float] | None = None
    located_in: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()  # the external IRIs an ambiguous name might mean, none of them linked


@dataclass(frozen=True)
class Sectioned:
    """How a long article's facts are kept: a section at a time, beside its cache entry (see `sections`), with
    how many sections, events, quantities, statements and roles there are."""

    sections: int
    events: int
    quantities: int
    statements: int
    roles: int


@dataclass(frozen=True)
class ResolvedArticle:
    """An extraction whose mentions are mapped to entity keys.

    For a long article resolved a section at a time, `sectioned` is set: the extraction then
    holds the article but none of its facts, and the entities their names but not their mentions."""

    extraction: Extraction
    entities: tuple[Entity, ...]
    entity_of: dict[tuple[int, int], str] = field(default_factory=dict)
    conflicts: tuple[tuple[Span, Span], ...] = ()
    more_conflicts: bool = False  # more conflicting pairs were found than `conflicts` keeps
    author: str | None = None  # the entity key of the byline's person
    sectioned: Sectioned | None = None

    def entity_at(self, span: Span | None) -> str | None:
        """The entity key a mention span refers to, if it was resolved."""
        if span is None:
            return None
        return self.entity_of.get((span.start, span.end))
