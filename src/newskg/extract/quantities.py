"""Quantities: a number, what it counts or measures (from the syntax), hedges and bounds.

"more than 18 hectares" -> 18 hectare (HAR), approximate, "more than";
"1,200 antipersonnel, and 300 anti-tank mines" -> 1200 "antipersonnel mine"
and 300 "anti-tank mine"; "$13.2m" -> 13200000 USD; "105-110 million tonnes"
-> a range with both bounds; "30-year occupation" -> a duration of 30 years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from spacy.tokens import Doc, Token

from newskg.extract.entities import span_of
from newskg.extract.numbers import MAX_DIGITS, NUMBER_WORDS, SCALES, is_year, normalise, parse_number
from newskg.lexicon import Lexicon, Unit
from newskg.model import Quantity, Span

_GLUED = re.compile(r"^([\d.,]*\d)([a-z²]+)$", re.IGNORECASE)
_CLASSIFIERS = {"piece", "unit", "item", "type", "kind", "number", "total", "batch", "set", "pair", "case"}
_NAME_LABELS = {"ORG", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"}
_RANGE_WORDS = {"-", "–", "to"}
_POWER = {"^", "**"}
_JOINERS = {"a", "an", "and", "half", "-"}
_PHRASAL_OVER = {"hand", "take", "turn", "pass", "give", "carry", "hold", "win", "look", "think", "get", "fork"}


@dataclass(frozen=True)
class Found:
    """A quantity and the token it hangs from in the parse (its counted noun or unit)."""

    quantity: Quantity
    anchor: Token


@dataclass
class _Phrase:
    start: int
    end: int
    value: Decimal
    glued_unit: str = ""


def find_quantities(doc: Doc, lexicon: Lexicon, date_spans: list[Span]) -> list[Found]:
    """Every quantity in the Doc, skipping numbers inside dates and names."""
    found: list[Found] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken or not _is_number(token) or _in_spans(token, date_spans) or _in_name(token):
            continue
        if _in_power(doc, token):
            continue
        phrase = _phrase_at(doc, token.i)
        if phrase is None:
            continue
        result = _quantity(doc, phrase, lexicon, taken)
        if result is not None:
            found.append(result)
    return _fill_ellipsis(found)


def _is_number(token: Token) -> bool:
    if token.ent_type_ == "ORDINAL":
        return False
    text = token.text.lower()
    return token.like_num or text in NUMBER_WORDS or bool(_GLUED.match(text))


def _in_power(doc: Doc, token: Token) -> bool:
    """A base or exponent of a power written out ("10^400", "10**6"): neither is a figure of its own."""
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return bool(
        (before is not None and before.text in _POWER and not before.whitespace_)
        or (after is not None and after.text in _POWER and not token.whitespace_)
    )


def _in_spans(token: Token, spans: list[Span]) -> bool:
    return any(span.start <= token.idx < span.end for span in spans)


def _in_name(token: Token) -> bool:
    return (token.ent_type_ in _NAME_LABELS and token.ent_iob_ != "B") or token.ent_type_ in ("LAW", "WORK_OF_ART")


def _phrase_at(doc: Doc, index: int) -> _Phrase | None:
    start = index
    while start > 0 and doc[start - 1].lower_ in _JOINERS | NUMBER_WORDS and _word_ok(doc, start - 1):
        start -= 1
    end = index + 1
    while end < len(doc) and _continues(doc, end):
        end += 1
    while start < end and doc[start].lower_ in ("and", "-"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("and", "a", "an", "-"):
        end -= 1
    text = doc[start:end].text
    glued = _GLUED.match(doc[end - 1].text)
    unit = ""
    if glued and parse_number(glued[1] + " " + glued[2]) is None:
        text, unit = doc[start : end - 1].text + " " + glued[1], glued[2].lower()
    value = parse_number(text)
    return None if value is None else _Phrase(start, end, value, unit)


def _word_ok(doc: Doc, index: int) -> bool:
    token = doc[index]
    return not (
        token.lower_ in ("a", "an") and index + 1 < len(doc) and doc[index + 1].lower_ not in {*SCALES, "half", "dozen"}
    )


def _continues(doc: Doc, index: int) -> bool:
    token = doc[index]
    lower = token.lower_
    if lower in SCALES and (lower not in ("m", "b", "k") or not doc[index - 1].whitespace_):
        return True
    if lower in NUMBER_WORDS or (token.like_num and not doc[index - 1].like_num):
        return lower not in ("and",) and not doc[index - 1].text.endswith(",")
    return bool(
        lower in ("and", "a") and index + 1 < len(doc) and doc[index + 1].lower_ in {*NUMBER_WORDS, "half", "a"}
    )


def _quantity(doc: Doc, phrase: _Phrase, lexicon: Lexicon, taken: set[int]) -> Found | None:
    taken.update(range(phrase.start, phrase.end))
    low, high, end = _range(doc, phrase, taken)
    currency, before_start = _currency_before(doc, phrase.start, lexicon)
    unit, unit_end = _unit_after(doc, end, phrase.glued_unit, lexicon)
    qualifier, span_start = _hedge(doc, before_start, lexicon)
    if currency is None and unit is None:
        currency_after, currency_end = _currency_after(doc, end, lexicon)
        if currency_after:
            currency, unit_end = currency_after, currency_end
    last = doc[max(unit_end, end) - 1]
    if currency:
        return _found(
            doc, span_start, max(unit_end, end), low, high, "money", "", None, currency, qualifier, lexicon, last
        )
    if unit is not None:
        kind = "duration" if unit.duration else ("percent" if unit.code == "P1" else "measure")
        anchor = _duration_of(last) if unit.duration else last
        return _found(doc, span_start, unit_end, low, high, kind, unit.name, unit, None, qualifier, lexicon, anchor)
    if is_year(doc[phrase.start].text) and phrase.end - phrase.start == 1:
        return None
    counted = _counted(doc, phrase, end) or _subject_counted(doc[phrase.end - 1], lexicon)
    if counted is None:
        return None
    text, head = counted
    last_conj = max((c.i for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"), default=head.i)
    span_end = last_conj + 1 if text.count(" and ") else head.i + 1
    if head.i < phrase.start:
        span_end = end
        qualifier = qualifier or _hedge_verb(doc[phrase.end - 1], lexicon)
    return _found(doc, span_start, span_end, low, high, "count", text, None, None, qualifier, lexicon, head)


def _found(
    doc: Doc,
    start: int,
    end: int,
    low: Decimal,
    high: Decimal | None,
    kind: str,
    unit_text: str,
    unit: Unit | None,
    currency: str | None,
    qualifier: str | None,
    lexicon: Lexicon,
    anchor: Token,
) -> Found:
    if qualifier is None:
        qualifier = _hedge_verb(anchor, lexicon)
    base_value = None
    if unit is not None and unit.factor is not None:
        with localcontext(prec=4 * MAX_DIGITS):  # exact: a figure's digits times a factor's, never rounded
            base_value = normalise(low * unit.factor)
    quantity = Quantity(
        span=span_of(doc, start, end),
        value=low,
        unit_text=unit_text,
        kind=kind,
        unit_code=unit.code if unit else None,
        currency=currency,
        qualifier=qualifier,
        approximate=qualifier is not None,
        min_value=low if high is not None else None,
        max_value=high,
        base_value=base_value if base_value != low or (unit and unit.base != unit.code) else None,
        base_unit_code=unit.base if base_value is not None and unit and unit.base != unit.code else None,
    )
    return Found(quantity, anchor)


def _duration_of(unit: Token) -> Token:
    """ "30 years of occupation" lasts the occupation: the event noun the duration is of."""
    for prep in (c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            return noun
    return unit


def _range(doc: Doc, phrase: _Phrase, taken: set[int]) -> tuple[Decimal, Decimal | None, int]:
    """ "105-110 million", "between 10 and 12": both bounds, sharing a trailing scale word."""
    end = phrase.end
    joiner = doc[end].lower_ if end < len(doc) else ""
    between = phrase.start > 0 and doc[phrase.start - 1].lower_ == "between" and joiner == "and"
    if not (joiner in _RANGE_WORDS or between) or end + 1 >= len(doc) or not _is_number(doc[end + 1]):
        return phrase.value, None, end
    second = _phrase_at(doc, end + 1)
    if second is None or (second.value <= phrase.value and not _has_scale(doc, second)):
        return phrase.value, None, end
    low = phrase.value
    if _has_scale(doc, second) and not _has_scale(doc, phrase):
        scale = SCALES[doc[second.end - 1].lower_]
        low = normalise(low * scale)
    if second.value <= low:
        return phrase.value, None, end
    taken.update(range(second.start, second.end))
    return low, second.value, second.end


def _has_scale(doc: Doc, phrase: _Phrase) -> bool:
    return doc[phrase.end - 1].lower_ in SCALES


def _currency_before(doc: Doc, start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    for width in (2, 1):
        if start - width >= 0:
            words = doc[start - width : start].text.lower()
            if words in lexicon.currencies:
                return lexicon.currencies[words], start - width
    return None, start


def _currency_after(doc: Doc, end: int, lexicon: Lexicon) -> tuple[str | None, int]:
    for width in (3, 2, 1):
        if end + width <= len(doc):
            words = doc[end : end + width].text.lower()
            if words in lexicon.currencies and not (width == 1 and len(words) <= 3):
                return lexicon.currencies[words], end + width
    return None, end


def _unit_after(doc: Doc, end: int, glued: str, lexicon: Lexicon) -> tuple[Unit | None, int]:
    """The unit of measure written right after the number ("hectares", "sq km", "-year", "%")."""
    index = end
    if glued:
        for width in (1, 0):
            words = " ".join([glued] + [t.lower_ for t in doc[index : index + width]])
            if width and index + width > len(doc):
                continue
            if lexicon.unit_named(words):
                return lexicon.unit_named(words), index + width
    while index < len(doc) and doc[index].text in ("-", "–"):
        index += 1
    for width in (3, 2, 1):
        if index + width <= len(doc):
            words = " ".join(t.lower_ for t in doc[index : index + width])
            unit = lexicon.unit_named(words)
            if unit is not None:
                return unit, index + width
    return None, end


def _hedge(doc: Doc, start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """The hedge before a number ("more than", "some"), and where it starts; a particle is none."""
    if start == 0 or doc[start - 1].dep_ == "prt":
        return None, start
    if start >= 2 and doc[start - 1].lower_ == "over" and doc[start - 2].lemma_ in _PHRASAL_OVER:
        return None, start
    for width in (3, 2, 1):
        if start - width >= 0:
            words = re.sub(r"\s+", " ", doc[start - width : start].text.lower())
            if words in lexicon.hedges:
                return words, start - width
    return None, start


def _hedge_verb(anchor: Token, lexicon: Lexicon) -> str | None:
    for token in (anchor, anchor.head):
        if token.dep_ in ("dobj", "attr", "pobj") and token.head.lemma_ in lexicon.hedge_verbs:
            return token.head.text.lower()
    return None


def _counted(doc: Doc, phrase: _Phrase, end: int) -> tuple[str, Token] | None:
    """What the number counts: its head noun with the modifiers between, and plain conjuncts.

    In a range ("6-8 fields", "between 10 and 12 teams") the first bound carries the syntax.
    """
    number = doc[phrase.end - 1]
    head = _past_designations(number.head)
    if (
        number.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos")
        and head.i >= end
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
    ):
        if head.pos_ == "PROPN" and head.ent_type_ in ("GPE", "ORG", "EVENT", "PERSON", "FAC", "LOC"):
            return None
        head = _noun_head(head)
        noun = _through_classifier(head)
        if noun is not head:
            return _phrase_text(doc, min(t.i for t in noun.subtree), noun), noun
        return _phrase_text(doc, end, head), head
    for child in number.children if phrase.value > 1 else ():
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if nouns:
                return _lemma(nouns[0]), nouns[0]
    return None


def _subject_counted(number: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """ "The number of IDPs exceeded 120,000", "injuries amounted to over 3,550", "the death toll rose to 41":
    a number a verb of level gives its subject counts that subject (or what the subject is the number of)."""
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _LEVEL_PREPOSITIONS:
        verb = verb.head
    elif number.dep_ not in ("dobj", "attr", "oprd", "npadvmod"):
        return None
    if verb.lemma_ not in lexicon.level_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)
    if subject is None:
        return None
    if subject.lemma_ in lexicon.count_nouns:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        nouns = [c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")] if of else []
        nouns = nouns or [c for c in subject.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        return (_lemma(nouns[0]), nouns[0]) if nouns else None
    first = min(
        (c.i for c in subject.children if c.dep_ in ("amod", "compound") and c.i < subject.i), default=subject.i
    )
    return _phrase_text(subject.doc, first, subject), subject


_LEVEL_PREPOSITIONS = ("to", "at", "over", "above", "around", "about", "nearly", "almost")


def _past_designations(head: Token) -> Token:
    """ "9 TM-62 anti-tank mines", "90 E-001 M type mines": past model designations to the noun."""
    while head.i + 1 < len(head.doc) and head.head.i > head.i and _designation(head):
        head = head.head
    return head


def _designation(token: Token) -> bool:
    """A code such as "TM-62", "PMN-E" or "E-001": capitals and digits, not a word."""
    text = token.text.replace("-", "")
    coded = bool(text) and text.isalnum() and text == text.upper()
    return coded and not token.like_num and token.pos_ != "NOUN"


def _noun_head(head: Token) -> Token:
    """Climb from a compound modifier ("booby" in "booby traps") or a hyphen piece to the noun it modifies."""
    while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    doc = head.doc
    while (
        head.i + 2 < len(doc)
        and doc[head.i + 1].text == "-"
        and not head.whitespace_
        and not doc[head.i + 1].whitespace_
    ):
        head = doc[head.i + 2]
    return head


def _through_classifier(head: Token) -> Token:
    """ "pieces of ammunition" counts ammunition."""
    if head.lemma_.lower() in _CLASSIFIERS:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for noun in child.children:
                    if noun.dep_ == "pobj" and noun.pos_ == "NOUN":
                        return noun
    return head


def _phrase_text(doc: Doc, end: int, head: Token) -> str:
    if head.i < end:
        return _lemma(head)
    modifiers = "".join(
        t.text_with_ws
        for t in doc[end : head.i]
        if not (t.is_punct and t.text not in "-") and t.pos_ != "DET" and not t.like_num
    )
    words = (modifiers + _lemma(head)).lower().strip().lstrip("-").strip()
    for conj in head.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and not any(c.like_num for c in conj.children):
            left = min(t.i for t in conj.subtree)
            words += (
                " and " + "".join(t.text_with_ws for t in doc[left : conj.i] if t.pos_ != "DET").lower() + _lemma(conj)
            )
    return re.sub(r"\s+", " ", words).strip()


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]
    if token.tag_ in ("NNS", "NNPS") and lemma == token.lower_ and lemma.endswith("s") and not lemma.endswith("ss"):
        lemma = lemma[:-1]
    return lemma


def _fill_ellipsis(found: list[Found]) -> list[Found]:
    """ "1,200 antipersonnel, and 300 anti-tank mines": the first counts mines too."""
    result = list(found)
    for index, item in enumerate(found):
        quantity, anchor = item.quantity, item.anchor
        hyphenated = anchor.i > 0 and anchor.doc[anchor.i - 1].text == "-"
        if (
            quantity.kind != "count"
            or quantity.value <= 1
            or (anchor.tag_ not in ("NN", "JJ", "NNP") and not hyphenated)
        ):
            continue
        donor = _donor(found[index + 1 :], anchor)
        if donor is not None:
            head = donor.quantity.unit_text.split()[-1]
            result[index] = Found(replace(quantity, unit_text=f"{quantity.unit_text} {head}"), anchor)
    return result


def _donor(later: list[Found], anchor: Token) -> Found | None:
    for other in later[:3]:
        if other.anchor.sent != anchor.sent or other.anchor.i - anchor.i > 12:
            return None
        if other.quantity.kind == "count" and other.anchor.tag_ in ("NNS", "NNPS"):
            return other
    return None
