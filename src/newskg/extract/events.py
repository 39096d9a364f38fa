"""Events: trigger words from the ontology's lexicon, with arguments from the parse.

A verb or noun listed for an event type triggers an event; its subject (or
passive agent) and the people, organizations and countries it involves are the
actors, the places in its clause its places, and the dates and quantities that
depend on it its time and figures. A clause that carries a date or a quantity
but no trigger becomes a generic `Occurrence`, so no figure is left hanging.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newskg.extract.entities import token_span
from newskg.extract.quantities import Found
from newskg.lexicon import Lexicon
from newskg.model import Event, Mention, Quantity, Span, TimeExpr

GENERIC = "Occurrence"
_PARTY_PREPS = {"with", "to", "between", "by", "against", "from"}
_MODAL = {
    "will": "planned",
    "would": "possible",
    "could": "possible",
    "may": "possible",
    "might": "possible",
    "should": "planned",
    "shall": "planned",
}
_PLANNING = {"plan", "expect", "intend", "aim", "hope", "seek", "want", "propose", "prepare"}
_MAX_CLIMB = 10


@dataclass
class _Draft:
    trigger: Token
    event_type: str
    words: list[Token] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


def find_events(
    doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention], times: list[TimeExpr], found: list[Found]
) -> list[Event]:
    """The events of a Doc, each with its actors, places, time and quantities."""
    drafts = _triggers(doc, lexicon)
    for expr in times:
        anchor = _anchor_of(doc, expr.span)
        if anchor is not None:
            _draft_for(drafts, anchor, lexicon).times.append(expr)
    for item in found:
        _draft_for(drafts, item.anchor, lexicon).quantities.append(item.quantity)
    events = [_event(doc, draft, mentions, lexicon) for draft in drafts.values()]
    return [event for event in events if event is not None]


def _triggers(doc: Doc, lexicon: Lexicon) -> dict[int, _Draft]:
    drafts: dict[int, _Draft] = {}
    for token in doc:
        if token.ent_type_ in ("PERSON", "ORG", "GPE") or (token.is_stop and token.pos_ != "VERB"):
            continue
        is_verb = token.pos_ == "VERB"
        if not is_verb and token.pos_ != "NOUN":
            continue
        event_type = lexicon.event_type_of(token.lemma_.lower(), is_verb)
        if event_type is None:
            continue
        head = token.head
        if is_verb and token.dep_ == "conj" and head.i in drafts and drafts[head.i].event_type == event_type.name:
            drafts[head.i].words.append(token)
            continue
        drafts[token.i] = _Draft(token, event_type.name, [token])
    return drafts


def _anchor_of(doc: Doc, span: Span) -> Token | None:
    tokens = [token for token in doc if span.start <= token.idx < span.end]
    if not tokens:
        return None
    inside = {token.i for token in tokens}
    return next((token for token in tokens if token.head.i not in inside or token.head == token), tokens[0])


def _draft_for(drafts: dict[int, _Draft], anchor: Token, lexicon: Lexicon) -> _Draft:
    """The event a dependent belongs to: the nearest trigger above it, else its clause's verb."""
    token = anchor
    for _ in range(_MAX_CLIMB):
        owner = _owner(drafts, token)
        if owner is not None:
            return owner
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in lexicon.speech_verbs and token != anchor:
            break
        if token.head == token:
            break
        token = token.head
    owner = _owner(drafts, token)
    if owner is None:
        owner = drafts.setdefault(token.i, _Draft(token, GENERIC, [token]))
    return owner


def _owner(drafts: dict[int, _Draft], token: Token) -> _Draft | None:
    for draft in drafts.values():
        if token in draft.words:
            return draft
    return None


def _event(doc: Doc, draft: _Draft, mentions: dict[int, Mention], lexicon: Lexicon) -> Event | None:
    trigger = draft.trigger
    actors, places = _arguments(draft, mentions)
    if trigger.pos_ == "NOUN" and not (draft.times or draft.quantities or actors):
        return None
    if not (actors or places or draft.times or draft.quantities):
        return None
    sentence = trigger.sent
    return Event(
        span=Span(sentence.start_char, sentence.end_char, sentence.text),
        event_type=draft.event_type,
        label=_label(draft),
        trigger=token_span(trigger),
        actors=tuple(actors),
        places=tuple(places),
        time=_best_time(draft.times),
        quantities=tuple(sorted(draft.quantities, key=lambda q: q.span.start)),
        negated=_negated(draft),
        modality=_modality(trigger),
    )


def _arguments(draft: _Draft, mentions: dict[int, Mention]) -> tuple[list[Span], list[Span]]:
    """Actors: the trigger's own subject, agent and parties; places: the places in its clause."""
    actors: list[Span] = []
    places: list[Span] = []
    for word in draft.words:
        for token in _party_tokens(word):
            mention = mentions.get(token.i)
            if mention is not None and (mention.kind in ("Person", "Organization") or mention.subtype == "Country"):
                _add(actors, mention.span)
        for token in _clause_tokens(word):
            mention = mentions.get(token.i)
            if mention is not None and mention.kind == "Place" and mention.span not in actors:
                _add(places, mention.span)
    return actors, places


def _party_tokens(word: Token) -> Iterable[Token]:
    """Subject, agent, recipient and "with/between/by" objects of the trigger, with their conjuncts."""
    for child in word.children:
        if child.dep_ in ("nsubj", "dative") or (child.dep_ == "poss" and word.pos_ == "NOUN"):
            yield from _with_conjuncts(child)
        elif child.dep_ in ("agent", "prep") and (child.dep_ == "agent" or child.lower_ in _PARTY_PREPS):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from _with_conjuncts(obj)


def _with_conjuncts(token: Token) -> Iterable[Token]:
    yield token
    yield from (child for child in token.children if child.dep_ in ("appos", "compound"))
    for child in token.children:
        if child.dep_ == "conj":
            yield from _with_conjuncts(child)


def _clause_tokens(word: Token) -> Iterable[Token]:
    """The tokens of the word's own clause: its subtree, less clauses of their own."""
    for child in word.children:
        if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") and child.pos_ in ("VERB", "AUX"):
            continue
        yield from child.subtree


def _add(spans: list[Span], span: Span) -> None:
    if span not in spans:
        spans.append(span)


def _label(draft: _Draft) -> str:
    verbs = " and ".join(word.lemma_.lower() for word in draft.words)
    objects = [child for word in draft.words for child in word.children if child.dep_ in ("dobj", "nsubjpass")]
    if objects:
        return f"{verbs} {objects[0].lemma_.lower()}"
    return verbs


def _best_time(times: list[TimeExpr]) -> TimeExpr | None:
    """A span over a day over a month over a year; the first of equals."""

    def rank(expr: TimeExpr) -> tuple[int, int]:
        if expr.begin and expr.end:
            return (0, expr.span.start)
        value = expr.point or expr.begin or expr.end or ""
        return (4 - value.count("-") - (1 if expr.point else 0), expr.span.start)

    return min(times, key=rank) if times else None


def _negated(draft: _Draft) -> bool:
    for word in draft.words:
        if any(child.dep_ == "neg" for child in word.children):
            return True
        for child in word.children:
            if child.dep_ in ("nsubjpass", "nsubj", "dobj") and any(d.lower_ == "no" for d in child.children):
                return True
    return False


def _modality(trigger: Token) -> str | None:
    for child in trigger.children:
        if child.dep_ == "aux" and child.lower_ in _MODAL:
            return _MODAL[child.lower_]
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ in _PLANNING:
        return "planned"
    return None
