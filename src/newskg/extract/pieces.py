"""Long articles in pieces: spaCy parses at most `nlp.max_length` characters at once, and
memory grows with what it holds, so a long text is cut at paragraph breaks (else sentence
ends, else spaces) into pieces that are parsed and extracted one by one, and their facts
moved back to offsets in the whole text. A figure at a cut made inside a word is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import TypeVar

from newskg.model import Article, Extraction, Quantity, Span

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))
T = TypeVar("T")


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most `limit` characters (`Limits.piece_chars`) that join back to `text`."""
    found: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        found.append((start, text[start:end]))
        start = end
    found.append((start, text[start:]))
    return found


def sections(text: str, piece_limit: int, section_limit: int) -> Iterator[list[tuple[int, str]]]:
    """The text's pieces (of at most `piece_limit` characters) in runs of at most `section_limit` characters (or
    one piece, if longer)."""
    run: list[tuple[int, str]] = []
    size = 0
    for offset, piece in pieces(text, piece_limit):
        if run and size + len(piece) > section_limit:
            yield run
            run, size = [], 0
        run.append((offset, piece))
        size += len(piece)
    if run:
        yield run


def _cut(text: str, start: int, limit: int) -> int:
    """The last break within the limit, past the middle of the window; a hard cut if there is none."""
    window = text[start : start + limit]
    for pattern in _BREAKS:
        ends = [match.end() for match in pattern.finditer(window) if match.end() > limit // 2]
        if ends:
            return start + ends[-1]
    return start + limit


def piece_article(article: Article, text: str) -> Article:
    """The article as extraction sees one piece of it."""
    return replace(article, text=text)


def shifted(value: T, offset: int) -> T:
    """Any fact with every Span in it moved `offset` characters on."""
    if offset == 0:
        return value
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(shifted(item, offset) for item in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type) and not isinstance(value, Article):
        changes = {f.name: shifted(getattr(value, f.name), offset) for f in fields(value)}
        return replace(value, **changes)  # type: ignore[return-value]
    return value


def extraction_from_pieces(article: Article, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One extraction of the whole article from its pieces' extractions (each moved to its place as it comes,
    so a long article's facts are not held twice)."""
    moved = [
        (offset, shifted(_whole_figures(article.text, offset, extraction), offset)) for offset, extraction in parts
    ]
    mentions = [replace(m, sentence=m.sentence + offset) for offset, e in moved for m in e.mentions]
    return Extraction(
        article=article,
        sentences=tuple(s for _, e in moved for s in e.sentences),
        mentions=tuple(mentions),
        roles=tuple(r for _, e in moved for r in e.roles),
        events=tuple(v for _, e in moved for v in e.events),
        statements=tuple(s for _, e in moved for s in e.statements),
    )


def _whole_figures(text: str, offset: int, extraction: Extraction) -> Extraction:
    """A piece's extraction without the figures at an edge of it cut inside a word (a run of letters or digits
    longer than half a piece, cut where it had to be): part of a number is another number, never to be kept."""
    size = len(extraction.article.text)
    start_cut, end_cut = _inside_word(text, offset), _inside_word(text, offset + size)
    if not (start_cut or end_cut):
        return extraction

    def whole(quantity: Quantity) -> bool:
        return not ((start_cut and quantity.span.start == 0) or (end_cut and quantity.span.end >= size))

    events = tuple(replace(e, quantities=tuple(filter(whole, e.quantities))) for e in extraction.events)
    return replace(extraction, events=events)


def _inside_word(text: str, at: int) -> bool:
    """Whether a cut at `at` falls between two letters or digits of `text`."""
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()
