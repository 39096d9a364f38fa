"""Reported speech: direct quotes and indirect statements, each with its speaker.

Quotes are paired by their marks within a paragraph, so a quote may span
sentences; the speaker is the subject of the reporting verb after the quote
(`"...," he added`) or before it (`X said: "..."`). Indirect speech is a
reporting verb's clause (`X said that ...`) or a sentence with "according to X".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newskg.extract.entities import token_span
from newskg.lexicon import Lexicon
from newskg.model import Mention, Span, Statement

_QUOTE_MARKS = re.compile(r"[\"“”]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_MIN_QUOTE = 12


def find_statements(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> list[Statement]:
    """Direct quotes first, then indirect speech outside them."""
    text = doc.text
    quotes = list(quote_spans(text))
    direct = list(_direct(doc, text, quotes, lexicon, mentions))
    quoted = [Span(start, end, "") for start, end in quotes]
    indirect = [s for s in _indirect(doc, lexicon, mentions) if not _overlaps(s.text, quoted)]
    return sorted(direct + indirect, key=lambda s: s.text.start)


def quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each quotation in `text`, paired within paragraphs."""
    for paragraph in _paragraphs(text):
        start, end = paragraph
        opening: int | None = None
        for mark in _QUOTE_MARKS.finditer(text, start, end):
            char = mark.group()
            if opening is None and char != "”":
                opening = mark.end()
            elif opening is not None and char != "“":
                if mark.start() - opening >= _MIN_QUOTE:
                    yield opening, mark.start()
                opening = None
        if opening is not None and end - opening >= _MIN_QUOTE:
            yield opening, end


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _direct(
    doc: Doc, text: str, quotes: list[tuple[int, int]], lexicon: Lexicon, mentions: dict[int, Mention]
) -> Iterator[Statement]:
    starts = [token.idx for token in doc]
    for start, end in quotes:
        found = _speaker_around(doc, starts, (start, end), lexicon, mentions)
        if found is None:
            continue
        speaker, verb = found
        inner = text[start:end].rstrip(" ,")
        first, last = min(start, verb.sent.start_char), max(end, verb.sent.end_char)
        yield Statement(
            speaker=speaker,
            text=Span(start, start + len(inner), inner),
            evidence=Span(first, last, text[first:last]),
            direct=True,
            medium=_medium(verb, lexicon),
        )


def _speaker_around(
    doc: Doc, starts: list[int], quote: tuple[int, int], lexicon: Lexicon, mentions: dict[int, Mention]
) -> tuple[Span, Token] | None:
    """The speaker of a quote and the reporting verb after it (or before it) in its sentences."""
    start, end = quote
    closing, opening = _token_near(doc, starts, end), _token_near(doc, starts, start)
    after = [t for t in closing.sent if t.idx > end]
    before = [t for t in opening.sent if t.idx < start]
    for tokens in (after, list(reversed(before))):
        for token in tokens:
            if token.pos_ == "VERB" and token.lemma_ in lexicon.speech_verbs:
                speaker = _subject(token, mentions)
                if speaker is not None:
                    return speaker, token
    return None


def _medium(verb: Token, lexicon: Lexicon) -> Span | None:
    """Where it was said: the interview or statement in "said in an interview with X"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "at")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            event_type = lexicon.event_type_of(noun.lemma_.lower(), False)
            if event_type is not None and event_type.name == "Interview":
                return token_span(noun)
    return None


def _token_near(doc: Doc, starts: list[int], char: int) -> Token:
    """The first token at or after a character offset (the last token past the end)."""
    return doc[min(bisect_left(starts, char), len(doc) - 1)]


def _subject(verb: Token, mentions: dict[int, Mention]) -> Span | None:
    """The speaker: the verb's subject, or the name in apposition to a title subject.

    A participle or second verb ("X thanked them, stating: ...", "X came and said ...")
    speaks with the subject of the clause it hangs from.
    """
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for token in [child, *(c for c in child.children if c.dep_ == "appos"), *child.subtree]:
                mention = mentions.get(token.i)
                if mention is not None and mention.kind in ("Person", "Organization"):
                    return mention.span
            return None
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
        return _subject(verb.head, mentions)
    return None


def _indirect(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> Iterator[Statement]:
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_ in lexicon.speech_verbs:
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            speaker = _subject(token, mentions)
            if clause is None or speaker is None:
                continue
            tokens = sorted(clause.subtree, key=lambda t: t.i)
            if tokens[0].lower_ == "that":
                tokens = tokens[1:]
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            sentence = token.sent
            yield Statement(
                speaker,
                Span(start, end, doc[tokens[0].i : tokens[-1].i + 1].text),
                Span(sentence.start_char, sentence.end_char, sentence.text),
                direct=False,
                medium=_medium(token, lexicon),
            )
    yield from _according_to(doc, lexicon, mentions)


def _according_to(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> Iterator[Statement]:
    phrases = [phrase.split() for phrase in lexicon.attributions]
    firsts = {phrase[0] for phrase in phrases}
    for token in (t for t in doc if t.lower_ in firsts):
        words = next((p for p in phrases if [t.lower_ for t in doc[token.i : token.i + len(p)]] == p), None)
        if words is not None:
            last = doc[token.i + len(words) - 1]
            objects = [c for c in last.children if c.dep_ in ("pobj", "dobj")]
            source = next((mentions[t.i] for o in objects for t in o.subtree if t.i in mentions), None)
            if source is None:
                continue
            sentence = token.sent
            text = Span(sentence.start_char, sentence.end_char, sentence.text)
            yield Statement(source.span, text, text, direct=False)


def _overlaps(span: Span, quoted: list[Span]) -> bool:
    return any(span.start < q.end and q.start < span.end for q in quoted)
