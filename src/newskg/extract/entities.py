"""Mentions of people, organizations, places and named events in a parsed article.

Names come from the tagger's entities (as corrected by the pipeline), cleaned of
a leading "the", a trailing possessive and titles ("President"); pronouns and
definite descriptions ("the agency") become mentions that resolution links to
the entity they refer back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newskg.extract.layout import is_headline
from newskg.knowledge.gazetteer import places
from newskg.knowledge.lexicon import Lexicon
from newskg.knowledge.names import is_acronym
from newskg.model import Mention, Span
from newskg.nlp.texts import span_text

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


def span_of(doc: Doc, start: int, end: int, offset: int = 0) -> Span:
    """The plain span of tokens `start:end` of a Doc, in article offsets."""
    tokens = doc[start:end]
    return Span(tokens.start_char + offset, tokens.end_char + offset, span_text(tokens))


def token_span(token: Token) -> Span:
    """The plain span of one token."""
    return Span(token.idx, token.idx + len(token.text), token.text)


def name_mentions(doc: Doc, lexicon: Lexicon) -> Iterator[Mention]:
    """A mention for each named entity of a class newskg keeps; a name only a headline has is left out."""
    kept = [(ent, kind) for ent in doc.ents if (kind := lexicon.entity_labels.get(ent.label_)) is not None]
    name_words = frozenset(token.text for ent in doc.ents if len(ent) > 1 for token in ent)
    trimmed_ents = [(ent, t, kind) for ent, kind in kept if (t := _trim(ent, lexicon, kind, name_words)) is not None]
    headlines = {sentence.start for sentence in doc.sents if is_headline(sentence)}
    in_prose = {span_text(name).lower() for _, name, _ in trimmed_ents if name.sent.start not in headlines}
    for ent, trimmed, label_kind in trimmed_ents:
        if trimmed.sent.start in headlines and span_text(trimmed).lower() not in in_prose:
            continue
        kind = _kind_by_head(trimmed, lexicon, label_kind)
        inner = _possessor(trimmed)
        yield Mention(
            span=span_of(doc, trimmed.start, trimmed.end),
            kind=kind,
            form="acronym" if is_acronym(span_text(trimmed)) else "name",
            subtype=_subtype(trimmed, lexicon, kind),
            head=trimmed[-1].lower_,
            qualifier=inner or _possessor_before(trimmed),
            sentence=_sentence_index(trimmed[0]),
            gender=_gender(ent, trimmed, lexicon) if kind == "Person" else None,
        )
        if inner is not None and kind == "Organization":
            yield from _place_named(inner)


def _gender(ent: SpacySpan, name: SpacySpan, lexicon: Lexicon) -> str | None:
    """ "female" or "male" when a word just before the name says so ("Ms", "spokeswoman")."""
    doc = ent.doc
    before = next((t for t in reversed(doc[max(0, ent.start - 3) : ent.start]) if not t.is_space), None)
    words = [t.lower_ for t in doc[ent.start : name.start]] + ([before.lower_] if before is not None else [])
    return next((lexicon.genders[w] for w in reversed(words) if w in lexicon.genders), None)


def _place_named(span: Span) -> Iterator[Mention]:
    """The place inside "Georgia's Mine Action Agency", when the gazetteer knows it."""
    place = places().get(span.text)
    if place is not None:
        yield Mention(span, "Place", subtype=place.subtype, head=span.text.lower())


def _sentence_index(token: Token) -> int:
    """The sentence a token is in, named by the character offset where it starts."""
    return token.sent.start_char


def _trim(ent: SpacySpan, lexicon: Lexicon, kind: str, name_words: frozenset[str]) -> SpacySpan | None:
    """Drop a leading determiner, leading titles and honorifics of people, a trailing possessive, and what
    follows a bracket or a spaced dash ("Jane Doe - chief"), a lower-case word for a place after a place's name
    ("Gauteng province" is Gauteng); None for what is left when it is not a name:
    a person or place without a capital letter ("the bush"), or capitalised common nouns ("Boats" opening
    a sentence). A body may be named in lower case ("the defense ministry")."""
    tokens = list(ent)  # each index into a Doc makes a new Token: the name's are made once here
    start, end = 0, len(tokens)  # of `tokens`
    while start < end and (tokens[start].lower_ in ("the", "a", "an") or _ORDINAL.match(tokens[start].text)):
        start += 1
    if kind == "Person":
        while start < end - 1 and (
            tokens[start].lower_ in lexicon.titles
            or tokens[start].lower_ in lexicon.title_abbreviations
            or tokens[start].lower_ in lexicon.title_modifiers
            or tokens[start].lower_ in lexicon.honorifics
        ):
            start += 1
    cut = next((i for i in range(start, end) if tokens[i].text in "([{" or _spaced_dash(tokens[i])), end)
    end = min(end, cut)
    while end > start and (tokens[end - 1].tag_ == "POS" or tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    while (
        end - start > 1
        and kind == "Place"
        and _generic_place_word(tokens[end - 1], lexicon)
        and tokens[end - 2].is_title
    ):
        end -= 1
    if start >= end or not any(token.is_alpha for token in tokens[start:end]):
        return None
    name = ent.doc[ent.start + start : ent.start + end]
    if kind == "Person" and all(t.lower_ in lexicon.honorifics or t.is_space for t in name):
        return None
    lower = not any(char.isupper() for char in span_text(name))
    if (lower and kind != "Organization") or (not lower and _common_nouns(name, name_words)):
        return None
    return name


def _generic_place_word(token: Token, lexicon: Lexicon) -> bool:
    """ "province" of "Gauteng province": a lower-case word for a kind of place, no part of the name."""
    return token.is_lower and lexicon.name_heads.get(token.lower_) == "Place"


def _common_nouns(name: SpacySpan, name_words: frozenset[str]) -> bool:
    """ "Boats" opening a sentence: capitalised words tagged as common nouns, not an acronym, and not part of
    a longer name elsewhere in the text ("Sanders" of "Jane Sanders")."""
    if is_acronym(span_text(name)) or not all(token.tag_ in ("NN", "NNS") for token in name):
        return False
    return all(token.text not in name_words for token in name)


def _spaced_dash(token: Token) -> bool:
    """A dash with spaces around it ("X - Chief Engineer"), not one inside a name ("Jean-Paul")."""
    return token.text in ("-", "–", "—") and token.i > 0 and bool(token.whitespace_ and token.nbor(-1).whitespace_)


def _kind_by_head(name: SpacySpan, lexicon: Lexicon, kind: str) -> str:
    """A name whose last word says what it is ("... District", "... Ministry", "... War")."""
    head = name[-1].lower_
    if len(name) > 1 and name[-1].is_title and head in lexicon.event_name_heads:
        return "Event"
    if len(name) > 1 and name[-1].is_title and head in lexicon.name_heads:
        return lexicon.name_heads[head]
    return kind


def _subtype(name: SpacySpan, lexicon: Lexicon, kind: str) -> str | None:
    if kind == "Place":
        place = places().get(span_text(name))
        return place.subtype if place else None
    if kind == "Organization":
        words = f" {span_text(name).lower()} "
        for subtype, keys in lexicon.org_subtypes.items():
            if any(f" {key} " in words for key in keys):
                return subtype
    return None


def _possessor(name: SpacySpan) -> Span | None:
    """The place in "Georgia's Demining Agency": the name's possessive qualifier."""
    for token in name:
        if token.tag_ == "POS" and token.i > name.start:
            owner = name.doc[name.start : token.i]
            return span_of(name.doc, owner.start, owner.end)
    return None


def _possessor_before(name: SpacySpan) -> Span | None:
    """ "Georgia's" standing right before an organization's name, outside it."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].tag_ != "POS":
        return None
    owner = next((ent for ent in doc.ents if ent.end == name.start - 1 and ent.label_ in ("GPE", "ORG")), None)
    return span_of(doc, owner.start, owner.end) if owner is not None else None


def reference_mentions(doc: Doc, lexicon: Lexicon, named: set[int]) -> Iterator[Mention]:
    """Pronouns and definite descriptions ("the agency"), outside named entities.

    "it" is kept only as the subject of a reporting verb ("..., it added"): there it speaks
    for an organization or a country; elsewhere it is too often about anything at all.
    """
    for token in doc:
        if token.i in named:
            continue
        lower = token.lower_
        if lower in lexicon.pronouns and (token.pos_ == "PRON" or token.tag_ == "PRP$"):
            yield Mention(
                token_span(token),
                lexicon.pronouns[lower],
                form="pronoun",
                head=lower,
                sentence=_sentence_index(token),
                gender=lexicon.pronoun_genders.get(lower),
            )
        elif lower == "it" and token.dep_ == "nsubj" and token.head.lemma_ in lexicon.speech_verbs:
            yield Mention(
                token_span(token), "Organization", form="pronoun", head="its", sentence=_sentence_index(token)
            )
        elif _is_description(token, lexicon):
            start = token.i - 1
            yield Mention(
                span_of(doc, start, token.i + 1),
                lexicon.descriptions[lower],
                form="generic" if lower in lexicon.generic_descriptions else "description",
                head=lower,
                sentence=_sentence_index(token),
                gender=lexicon.genders.get(lower),
            )


def _is_description(token: Token, lexicon: Lexicon) -> bool:
    """ "the agency", "the ministry": a bare definite noun phrase naming a kind of entity."""
    if token.lower_ not in lexicon.descriptions or token.tag_ != "NN" or token.i == 0:
        return False
    if token.doc[token.i - 1].lower_ != "the":
        return False
    return not any(child.dep_ in ("prep", "compound", "amod", "appos") for child in token.children)
