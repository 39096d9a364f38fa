"""Lines of an article that are not running prose: headlines, datelines and photo captions.

Their names and dates are read with less trust: a headline's title-cased words look like
names ("Water Season Ends Early"), a dateline's day ("Wed") is not something that happened,
and a caption describes a picture, not the news.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span

from newskg.knowledge.lexicon import load_lexicon
from newskg.nlp.texts import doc_text, span_text

_MIN_HEADLINE_WORDS = 4
_MAX_SHORT_LINE_WORDS = 10
_BULLETS = "-–—•*·"
_LINES_KEY = "newskg_line_kinds"
_CAPTION_OPENING = re.compile(r"(?:file |main |top )?(?:photo|picture|image|pictured|caption)s?\s*:", re.IGNORECASE)
_SPACED_DASH = re.compile(r"[ \t][-–—][ \t]")


def is_headline(sentence: Span) -> bool:
    """Whether a sentence lies in a line in title case with no closing full stop ("Rains Cut Harvest as
    Prices Rise"), however the parser split that line. Words in capitals do not count: a byline or a
    signature ("May 2 | Jane Roe", "Jane Roe - chief, ABC", "Jane Roe - Chief Engineer") is not a headline."""
    return _line_kind(sentence) == "headline" and not _signature(sentence)


def _signature(sentence: Span) -> bool:
    """ "Jane Roe - Chief Engineer": a line opening with a person's name alone before a spaced dash."""
    text = doc_text(sentence.doc)
    start = text.rfind("\n", 0, sentence.start_char) + 1
    end = text.find("\n", start)
    match = _SPACED_DASH.search(text, start, len(text) if end < 0 else end)
    name = text[start : match.start()].strip() if match else ""
    return bool(name) and any(ent.label_ == "PERSON" and ent.text.startswith(name) for ent in sentence.doc.ents)


def is_caption(sentence: Span) -> bool:
    """Whether a sentence lies in a photo caption: a line that ends in a bracketed photo credit
    ("... (Jane Roe, Press Office Photo via Wire)") or opens with one ("Photo: ...", "Pictured: ...")."""
    return _line_kind(sentence) == "caption"


def is_furniture(sentence: Span) -> bool:
    """Whether a sentence lies in a line that is not news prose: a headline, a caption, or a short line with
    no closing stop that is not a list item (a dateline "Wed, 17 June", a byline, "Published in X, May 2")."""
    return _line_kind(sentence) != "prose"


def _line_kind(sentence: Span) -> str:
    """The kind of the line a sentence starts in; the lines of a Doc are read once, whatever its length."""
    doc = sentence.doc
    lines = doc.user_data.get(_LINES_KEY)
    if lines is None:
        lines = doc.user_data[_LINES_KEY] = _lines(doc_text(doc))
    starts, kinds = lines
    own = span_text(sentence)
    first = sentence.start_char + len(own) - len(own.lstrip())
    return kinds[bisect_right(starts, first) - 1]


def _lines(text: str) -> tuple[list[int], list[str]]:
    """Where each line starts, and its kind."""
    starts, kinds, offset = [], [], 0
    for line in text.split("\n"):
        starts.append(offset)
        kinds.append(_kind(line.strip()))
        offset += len(line) + 1
    return starts, kinds


def _kind(line: str) -> str:
    if not line:
        return "prose"
    closed = line[-1] in ".!?\"”'’:;"
    if (
        line.endswith(")")
        and "(" in line
        and any(word in line[line.rindex("(") :].lower() for word in load_lexicon().credits)
    ):
        return "caption"
    if _CAPTION_OPENING.match(line):
        return "caption"
    if closed or line[0] in _BULLETS:
        return "prose"
    words = [
        w for w in re.findall(r"[^\W\d_]+", line) if w.lower() not in load_lexicon().stop_words and not w.isupper()
    ]
    if len(words) >= _MIN_HEADLINE_WORDS and sum(word[0].isupper() for word in words) >= 0.75 * len(words):
        return "headline"
    return "short" if len(line.split()) <= _MAX_SHORT_LINE_WORDS else "prose"


_WORD = r"(?:[A-Z][\w'’.]*|\d{1,4})"
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w'’.]*(?:[ /]{_WORD}){{0,3}}(?:,[ \t]?[A-Z][\w'’.]*(?:[ /]{_WORD}){{0,3}})?"
    r"(?:[ \t]?\([^()\n]{1,40}\))?[ \t]?(?:--?|–|—)(?:[ \t]+(?=[A-Z\"“‘'])|[ \t]*$)",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the datelines opening a line are ("OSLO, May 2 (Wire) - ", "Bergen (AP) -- ", "Tromso - "):
    a dateline's place is where the story was filed and its date when, not where or when things happened."""
    return [(match.start(), match.end()) for match in _DATELINE.finditer(text)]
