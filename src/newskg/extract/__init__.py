"""Extraction: a parsed article to plain facts (mentions, roles, events, quantities, statements).

Each kind of fact has its own module of small functions over the Doc; this one
runs them in order and attributes the events inside reported speech to the
speaker. Nothing it returns holds a spaCy object.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newskg.extract.dates import times_and_days
from newskg.extract.entities import name_mentions, reference_mentions
from newskg.extract.events import find_events
from newskg.extract.quantities import find_quantities
from newskg.extract.roles import find_roles
from newskg.extract.statements import find_statements, speaker_mentions
from newskg.knowledge.lexicon import Lexicon
from newskg.model import Article, Event, Extraction, Mention, Span, Statement
from newskg.nlp.texts import span_text

__all__ = ["extract"]


def extract(article: Article, doc: Doc, lexicon: Lexicon) -> Extraction:
    """Every fact of one article, traced to character offsets in its text."""
    names = list(name_mentions(doc, lexicon))
    index = _index(doc, names)
    references = list(reference_mentions(doc, lexicon, set(index)))
    mentions = sorted(names + references, key=lambda m: m.span.start)
    index = _index(doc, mentions)
    times, days = times_and_days(article.text, article.published)
    found = find_quantities(doc, lexicon, [expr.span for expr in times] + days)
    speakers = speaker_mentions(doc, lexicon, index)
    statements = find_statements(doc, lexicon, {**index, **speakers})
    bodies = sorted({m for m in speakers.values() if m not in mentions}, key=lambda m: m.span.start)
    events = _attribute(find_events(doc, lexicon, index, times, found), statements)
    roles, implied = find_roles(doc, lexicon, index)
    return Extraction(
        article=article,
        sentences=_sentences(doc),
        mentions=tuple(sorted(mentions + bodies + implied, key=lambda m: m.span.start)),
        roles=tuple(roles),
        events=tuple(events),
        statements=tuple(statements),
    )


def _index(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the mention covering it."""
    index: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        for token in span if span is not None else ():
            index[token.i] = mention
    return index


def _sentences(doc: Doc) -> tuple[Span, ...]:
    """Sentence spans with surrounding white space trimmed off."""
    spans = []
    for sentence in doc.sents:
        text = span_text(sentence)
        stripped = text.strip()
        if stripped:
            start = sentence.start_char + len(text) - len(text.lstrip())
            spans.append(Span(start, start + len(stripped), stripped))
    return tuple(spans)


def _attribute(events: list[Event], statements: list[Statement]) -> list[Event]:
    """Facts inside reported speech are the speaker's word, not the paper's."""
    attributed = []
    for event in events:
        speaker = next((s.speaker for s in statements if s.text.start <= event.trigger.start < s.text.end), None)
        attributed.append(replace(event, speaker=speaker) if speaker else event)
    return attributed
