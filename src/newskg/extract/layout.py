"""Lines of an article that are not running prose: headlines, datelines and photo captions.

Their names and dates are read with less trust: a headline's title-cased words look like
names ("Water Season Ends Early"), a dateline's day ("Tue") is not something that happened,
and a caption describes a picture, not the news.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs"}
_MIN_HEADLINE_WORDS = 4
_MAX_SHORT_LINE_WORDS = 10
_BULLETS = "-–—•*·"
_CAPTION_CREDITS = ("photo", "picture", "image")
_SPACED_DASH = re.compile(r"\s[-–—]\s")


def is_headline(sentence: Span) -> bool:
    """Whether a sentence lies in a line in title case with no closing full stop ("Rains Cut Harvest as
    Prices Rise"), however the parser split that line. Words in capitals do not count: a byline or a
    signature ("May 2 | Jane Roe", "Jane Roe - CFO, ABC") is not a headline."""
    line = _line_of(sentence)
    if not line or line[-1] in ".!?\"”'’:;" or _signature(sentence, line):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", line) if w.lower() not in _SMALL_WORDS and not w.isupper()]
    if len(words) < _MIN_HEADLINE_WORDS:
        return False
    return sum(word[0].isupper() for word in words) >= 0.75 * len(words)


def _signature(sentence: Span, line: str) -> bool:
    """ "Jane Roe - Chief Engineer": a person's name alone before a spaced dash, then what the person is."""
    match = _SPACED_DASH.search(line)
    if match is None:
        return False
    name = line[: match.start()].strip()
    return any(ent.label_ == "PERSON" and ent.text.startswith(name) for ent in sentence.doc.ents if name)


def is_caption(sentence: Span) -> bool:
    """Whether a sentence lies in a photo caption: a line that ends in a bracketed photo credit
    ("... (Jane Roe, Press Office Photo via Wire)")."""
    line = _line_of(sentence).lower()
    if not line.endswith(")") or "(" not in line:
        return False
    credit = line[line.rindex("(") :]
    return any(word in credit for word in _CAPTION_CREDITS)


def is_furniture(sentence: Span) -> bool:
    """Whether a sentence lies in a line that is not news prose: a headline, a caption, or a short line with
    no closing stop that is not a list item (a dateline "Tue, 28 June", a byline, "Published in X, May 2")."""
    if is_headline(sentence) or is_caption(sentence):
        return True
    line = _line_of(sentence)
    if not line or line[-1] in ".!?\"”'’:;" or line[0] in _BULLETS:
        return False
    return len(line.split()) <= _MAX_SHORT_LINE_WORDS


def _line_of(sentence: Span) -> str:
    """The line of the text a sentence starts in, stripped."""
    text = sentence.doc.text
    start = text.rfind("\n", 0, sentence.start_char) + 1
    end = text.find("\n", sentence.start_char)
    return text[start : len(text) if end < 0 else end].strip()
