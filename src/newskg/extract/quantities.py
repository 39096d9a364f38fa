"""Quantities: a number, what it counts or measures (from the syntax), hedges and bounds.

"more than 18 hectares" -> 18 hectare (HAR), approximate, "more than";
"1,200 antipersonnel, and 300 anti-tank mines" -> 1200 "antipersonnel mine"
and 300 "anti-tank mine"; "$13.2m" -> 13200000 USD; "105-110 million tonnes"
-> a range with both bounds; "30-year occupation" -> a duration of 30 years;
"R412-million" -> 412000000 ZAR; "52,000 tons of maize" -> "tonne of maize";
"74 prisoners ... and they delivered 233" -> 233 "prisoner". Dates, clock times,
names ("5G", "Falcon 9") and bands ("in 700 MHz") are no quantities.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from spacy.tokens import Doc, Token

from newskg.extract.dates import MONTHS
from newskg.extract.entities import span_of
from newskg.extract.numbers import (
    MAX_DIGITS,
    NUMBER_WORDS,
    PARTS,
    SCALES,
    TENS,
    UNITS,
    is_year,
    normalise,
    parse_number,
)
from newskg.knowledge.gazetteer import candidates_for
from newskg.knowledge.lexicon import Lexicon, Unit, load_lexicon
from newskg.model import Quantity, Span

_RANK_WORDS = {"No", "no", "Nos"}
_RANK_MARKS = {"No.", "no.", "Nos.", "#"}
_SIGNED = re.compile(r"^[-−+]\d[\d.,]*$")
_GLUED = re.compile(r"^([^\d\s]*?)([-−+]?\d(?:[\d.,]*\d)?)([^\d\s.,]*)$")
_SCALE_ABBREVIATIONS = ("m", "b", "k", "bn", "mn", "tn")
_NAME_LABELS = {"ORG", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"}
_RANGE_WORDS = {"-", "–", "to", "or"}
_POWER = {"^", "**"}
_JOINERS = {"a", "an", "and", "half", "-"}
_HALF_AND_PARTS = frozenset({"half", *PARTS})


@dataclass(frozen=True)
class Found:
    """A quantity and the token it hangs from in the parse (its counted noun or unit)."""

    quantity: Quantity
    anchor: Token
    unit: Unit | None = None


@dataclass
class _Phrase:
    start: int
    end: int
    value: Decimal
    glued_unit: str = ""
    currency: str | None = None


def find_quantities(doc: Doc, lexicon: Lexicon, date_spans: list[Span]) -> list[Found]:
    """Every quantity in the Doc, skipping numbers inside dates and names."""
    lexicon = _with_local_dollar(doc, lexicon)
    found: list[Found] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken or not _is_number(token, lexicon) or _in_spans(token, date_spans):
            continue
        if _in_name(token) and not _currency_glued(token, lexicon):
            continue
        if _in_power(doc, token):
            continue
        phrase = _phrase_at(doc, token.i, lexicon)
        if phrase is None:
            continue
        if _day_of_month(doc, phrase) or _model_number(doc, phrase, lexicon) or _rank(doc, phrase):
            taken.update(range(phrase.start, phrase.end))
            continue
        if _score(doc, phrase):
            taken.update(range(phrase.start, phrase.end + 2))
            continue
        share = _proportion(doc, phrase, lexicon, taken)
        if share is not None:
            found.append(share)
            continue
        result = _quantity(doc, phrase, lexicon, taken, found)
        if result is not None:
            found.append(result)
    return _fill_ellipsis(found)


def _with_local_dollar(doc: Doc, lexicon: Lexicon) -> Lexicon:
    """The lexicon with a bare "$" meaning the dollar (or peso) of the country (or its states, or its people) the
    article names most, at least twice and more often than the United States, when that country has one
    ([local_dollars] in currencies.toml); else it stays the US dollar."""
    countries = Counter(
        country
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC", "FAC", "NORP") and (country := _country_of(ent.text, lexicon)) is not None
    )
    if not countries:
        return lexicon
    country, count = countries.most_common(1)[0]
    code = lexicon.local_dollars.get(country)
    if code is None or count < 2 or count <= countries["US"]:
        return lexicon
    return replace(lexicon, currencies={**lexicon.currencies, **dict.fromkeys(lexicon.local_dollar_forms, code)})


def _country_of(name: str, lexicon: Lexicon) -> str | None:
    """The country a country's or state's name means (a country first, as news means it); None for a town."""
    name = name[4:] if name.lower().startswith("the ") else name
    alias = lexicon.country_aliases.get(name.lower())
    options = candidates_for(name)
    if alias or not options:
        return alias
    return options[0].country if options[0].subtype in ("Country", "AdministrativeArea") else None


def _day_of_month(doc: Doc, phrase: _Phrase) -> bool:
    """ "29 February", "March 3": a day beside a month name is a date, even one the date finder could not place."""
    if phrase.end - phrase.start != 1 or not doc[phrase.start].text.isdecimal() or int(doc[phrase.start].text) > 31:
        return False
    beside = [doc[i] for i in (phrase.start - 1, phrase.end) if 0 <= i < len(doc)]
    return any(t.text[:1].isupper() and t.lower_.rstrip(".") in MONTHS for t in beside)


def _proportion(doc: Doc, phrase: _Phrase, lexicon: Lexicon, taken: set[int]) -> Found | None:
    """ "one in five children", "nine out of ten doctors": a share, the first number over the second (to three
    decimals, as fractions are), counting the noun after them; never a unit ("2 in 5 minutes")."""
    index = phrase.end
    if index < len(doc) and doc[index].lower_ == "in":
        index += 1
    elif index + 1 < len(doc) and doc[index].lower_ == "out" and doc[index + 1].lower_ == "of":
        index += 2
    else:
        return None
    if index >= len(doc) or not _is_number(doc[index], lexicon):
        return None
    whole = _phrase_at(doc, index, lexicon)
    if whole is None or whole.start != index or not 0 < phrase.value < whole.value:
        return None
    head = whole.end
    while head < len(doc) and doc[head].pos_ == "ADJ":
        head += 1
    if head >= len(doc) or not (doc[head].pos_ == "NOUN" or doc[head].tag_ == "NNPS"):
        return None
    if lexicon.unit_named(doc[head].lower_) is not None:
        return None
    taken.update(range(phrase.start, head + 1))
    value = normalise((phrase.value / whole.value).quantize(Decimal("0.001")))
    qualifier, start = _hedge(doc, phrase.start, lexicon)
    text = _phrase_text(doc, whole.end, doc[head])
    return _found(doc, start, head + 1, value, None, "count", text, None, None, qualifier, lexicon, doc[head])


def _score(doc: Doc, phrase: _Phrase) -> bool:
    """ "a 52-48 vote", "won 3-1", "the 2019-20 season": digits, a hyphen and fewer digits written as one word are a
    score, a tally or a span of years, not an amount (a range rises: "105-110")."""
    if phrase.end + 1 >= len(doc) or phrase.end - phrase.start != 1:
        return False
    first, dash, second = doc[phrase.start], doc[phrase.end], doc[phrase.end + 1]
    glued = not first.whitespace_ and not dash.whitespace_
    digits = first.text.isdecimal() and second.text.isdecimal()
    return glued and dash.text in ("-", "–") and digits and int(second.text) < int(first.text)


def _rank(doc: Doc, phrase: _Phrase) -> bool:
    """ "the No. 2 official", "#1 seed": a number after "No." or "#" is a rank, not an amount."""
    start = phrase.start
    before = doc[start - 1].text if start > 0 else ""
    split = before == "." and start >= 2 and not doc[start - 2].whitespace_ and doc[start - 2].text in _RANK_WORDS
    return (before in _RANK_MARKS or split) and doc[start].text[:1].isdigit()


def _model_number(doc: Doc, phrase: _Phrase, lexicon: Lexicon) -> bool:
    """ "a Falcon 9 rocket", "an iPhone 12": digits right after a proper noun with capitals are part of a name."""
    before = doc[phrase.start - 1] if phrase.start > 0 else None
    return bool(
        before is not None
        and before.pos_ == "PROPN"
        and any(c.isupper() for c in before.text)
        and before.whitespace_
        and doc[phrase.start].text[:1].isdigit()
        and before.lower_.rstrip(".") not in MONTHS
        and before.lower_ not in lexicon.currencies
        and not phrase.glued_unit
        and _unit_after(doc, phrase.end, "", lexicon)[0] is None
    )


def _is_number(token: Token, lexicon: Lexicon) -> bool:
    if _glued(_written(token, lexicon), lexicon) is not None or _SIGNED.match(token.text):
        return True
    if token.lower_ in _HALF_AND_PARTS and token.i > 0 and _period_word(token.doc[token.i - 1]):
        return False
    if _fraction_of(token):
        return True
    return token.ent_type_ != "ORDINAL" and (token.like_num or token.lower_ in NUMBER_WORDS)


def _fraction_of(token: Token) -> bool:
    """ "a fifth of the roads", "one tenth of the budget": a part word between a count and "of" is a fraction, though
    the model calls it an ordinal."""
    if token.lower_ not in PARTS:
        return False
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return after == "of" and (before in ("a", "an", "one") or before in NUMBER_WORDS)


def _period_word(token: Token) -> bool:
    """ "the first quarter", "last quarter": before "quarter" or "half", a word that makes it a period."""
    return token.ent_type_ == "ORDINAL" or token.lower_ in load_lexicon().period_words


def _glued(text: str, lexicon: Lexicon) -> tuple[str | None, str, str] | None:
    """ "R412", "USD12", "EUR4bn", "50Mbps", "6W": (currency, digits, unit or scale written on); None when
    letters on the number are neither ("5G", "A32", "12.30pm")."""
    match = _GLUED.match(text)
    if match is None or not (match[1] or match[3]):
        return None
    currency = lexicon.currencies.get(match[1].lower()) if match[1] else None
    unit = lexicon.glued_units.get(match[3])
    suffix = next((n for n in unit.names if " " not in n), "") if unit is not None else match[3].lower()
    if (match[1] and currency is None) or (suffix and suffix not in SCALES and not _unit_start(suffix, lexicon)):
        return None
    return currency, match[2], suffix


def _currency_glued(token: Token, lexicon: Lexicon) -> bool:
    """ "R8,6-billion", "INR 250 crore": a number with its currency written on or right before it is money, whatever
    name the model wraps it in."""
    glued = _glued(_written(token, lexicon), lexicon)
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return (glued is not None and glued[0] is not None) or (before in lexicon.currencies and token.like_num)


def _written(token: Token, lexicon: Lexicon) -> str:
    """ "$US1.2", which the tokenizer cuts into "$" and "US1.2": a token with the currency sign (a currency's form
    that is no word) written right before it."""
    if token.i == 0 or not token.text[:1].isalpha():
        return token.text
    before = token.doc[token.i - 1]
    if not before.whitespace_ and not before.text.isalnum() and before.text in lexicon.currencies:
        return before.text + token.text
    return token.text


def _unit_start(word: str, lexicon: Lexicon) -> bool:
    """A unit's name, or the first word of one ("sq" of "sq km")."""
    return word in lexicon.unit_first_words


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


def _phrase_at(doc: Doc, index: int, lexicon: Lexicon) -> _Phrase | None:
    start = index
    while (
        start > 0
        and doc[start - 1].lower_ in _JOINERS | NUMBER_WORDS
        and _word_ok(doc, start - 1)
        and not doc[start].text[:1].isdigit()
    ):
        start -= 1
    end = index + 1
    while end < len(doc) and _continues(doc, end):
        end += 1
    while start < end and doc[start].lower_ in ("and", "-"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("and", "a", "an", "-"):
        end -= 1
    if end < len(doc) and (doc[end].lower_ in lexicon.clock_words or _designation_letters(doc, end, lexicon)):
        return None
    words = [t.text_with_ws for t in doc[start:end]]
    first, last = _glued(_written(doc[start], lexicon), lexicon), _glued(doc[end - 1].text, lexicon)
    currency = first[0] if first else None
    if first and first[0]:
        words[0] = first[1] + first[2] + doc[start].whitespace_
    unit = ""
    if last and last[2] and last[2] not in SCALES:
        words[-1] = (last[1] if end - 1 > start or not first else first[1]) + " "
        unit = last[2]
    text = re.sub(r"(\d), (\d{3})\b", r"\1,\2", "".join(words)).replace("−", "-").strip()
    value = parse_number(text[:-1] if text.endswith(".") else text)
    if value is not None and start > 0 and doc[start - 1].lower_ == "minus":
        value, start = -value, start - 1
    return None if value is None else _Phrase(start, end, value, unit, currency)


def _designation_letters(doc: Doc, index: int, lexicon: Lexicon) -> bool:
    """ "4G", "9R": letters written on a number that are no unit, scale or currency make it a name."""
    token = doc[index]
    lower = token.lower_
    known = lower in SCALES or lower in lexicon.currencies or _unit_start(lower, lexicon)
    return not doc[index - 1].whitespace_ and token.is_alpha and not known


def _word_ok(doc: Doc, index: int) -> bool:
    token = doc[index]
    return not (
        token.lower_ in ("a", "an")
        and index + 1 < len(doc)
        and doc[index + 1].lower_ not in {*SCALES, *PARTS, "half", "dozen"}
    )


def _continues(doc: Doc, index: int) -> bool:
    token = doc[index]
    lower = token.lower_
    lower = lower[:-1] if lower[:-1] in _SCALE_ABBREVIATIONS and lower.endswith(".") else lower
    if lower in SCALES and (lower not in ("m", "b", "k") or not doc[index - 1].whitespace_):
        return True
    if _hyphen_joins(doc, index) or _digit_group(doc, index) or _spaced_comma(doc, index):
        return True
    if lower in PARTS and (doc[index - 1].text == "-" or doc[index - 1].lower_ in NUMBER_WORDS):
        return True
    if token.text[:1].isdigit() and doc[index - 1].is_alpha:
        return False
    if lower in NUMBER_WORDS or (token.like_num and not doc[index - 1].like_num):
        return lower not in ("and",) and not doc[index - 1].text.endswith(",")
    return bool(
        lower in ("and", "a") and index + 1 < len(doc) and doc[index + 1].lower_ in {*NUMBER_WORDS, "half", "a"}
    )


def _hyphen_joins(doc: Doc, index: int) -> bool:
    """ "R412-million", "two-thirds", "forty-two": a hyphen between a number and its scale or parts word, or
    between the tens and the units of a number in words."""
    token = doc[index]
    after = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    glued = not doc[index - 1].whitespace_ and not token.whitespace_
    tens_units = doc[index - 1].lower_ in TENS and 0 < UNITS.get(after, 0) < 10
    return (
        token.text == "-"
        and glued
        and (after in SCALES or after in PARTS or tens_units)
        and after not in ("m", "b", "k")
    )


def _spaced_comma(doc: Doc, index: int) -> bool:
    """ "2, 940 people": a thousands comma with a stray space, when the two do not stand in a list of numbers."""
    if index < 2 or index + 1 >= len(doc) or doc[index].text != ",":
        return False
    before, after = doc[index - 1], doc[index + 1]
    listed = doc[index - 2].text == "," or (index + 2 < len(doc) and doc[index + 2].text == ",")
    return bool(
        re.fullmatch(r"\d{1,3}", before.text)
        and re.fullmatch(r"\d{3}", after.text)
        and not before.whitespace_
        and doc[index].whitespace_ == " "
        and not listed
    )


def _digit_group(doc: Doc, index: int) -> bool:
    """ "2 318 406.25": a group of three digits a single space after a group of one to three."""
    token, before = doc[index], doc[index - 1]
    if before.text == "," and _spaced_comma(doc, index - 1):
        return True
    return bool(
        re.fullmatch(r"\d{3}(\.\d+)?", token.text)
        and before.whitespace_ == " "
        and re.search(r"(^|[^\d.,])\d{1,3}$", before.text)
        and not is_year(before.text)
    )


def _quantity(doc: Doc, phrase: _Phrase, lexicon: Lexicon, taken: set[int], earlier: list[Found]) -> Found | None:
    taken.update(range(phrase.start, phrase.end))
    low, high, end, glued = _range(doc, phrase, taken, lexicon)
    currency, before_start = _currency_before(doc, phrase.start, lexicon)
    currency = phrase.currency or currency
    unit, unit_end = _unit_after(doc, end, glued, lexicon)
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
        if (unit.band and _names_a_band(last)) or (unit.duration and _ago(doc, unit_end)):
            return None
        kind = "duration" if unit.duration else ("percent" if unit.code == "P1" else "measure")
        anchor = _duration_of(last) if unit.duration else last
        text = unit.name if unit.duration else _measure_of(unit.name, last)
        return _found(doc, span_start, unit_end, low, high, kind, text, unit, None, qualifier, lexicon, anchor)
    if is_year(doc[phrase.start].text) and phrase.end - phrase.start == 1:
        return None
    number = _number_token(doc, phrase)
    counted = _counted(doc, phrase, end) or _subject_counted(number, lexicon)
    if counted is None:
        money = _budget_line(doc, phrase, earlier)
        if money is not None:
            return _found(doc, span_start, end, low, high, "money", "", None, money, qualifier, lexicon, number)
        borrowed = _elliptical(number, earlier, lexicon)
        if borrowed is None:
            return None
        text, unit = borrowed
        kind = "duration" if unit is not None else "count"
        return _found(doc, span_start, end, low, high, kind, text, unit, None, qualifier, lexicon, number)
    text, head = counted
    if low == 1 and (head.lemma_ in lexicon.not_counted_after_one or _negated_one(doc, phrase)):
        return None
    if head.lemma_ == "other" and head.dep_ in _SUBJECTS and head.head.pos_ == "VERB":
        text = f"{text} {head.head.lower_}"
    last_conj = max((c.i for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"), default=head.i)
    span_end = last_conj + 1 if text.count(" and ") else head.i + 1
    if head.i < phrase.start:
        span_end = end
        qualifier = qualifier or _hedge_verb(number, lexicon)
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
    return Found(quantity, anchor, unit)


def _ago(doc: Doc, index: int) -> bool:
    """ "two weeks ago" is a time, not a duration."""
    return index < len(doc) and doc[index].lower_ == "ago"


def _measure_of(name: str, unit: Token) -> str:
    """ "52,000 tonnes of maize" measures maize: the unit's name and the noun written after "of" (read in
    order, as the parse often hangs that noun elsewhere)."""
    doc, index = unit.doc, unit.i + 1
    if index >= len(doc) or doc[index].lower_ != "of":
        return name
    index += 1
    while index < len(doc) and doc[index].pos_ in ("DET", "ADJ", "NUM"):
        index += 1
    if index >= len(doc) or doc[index].pos_ not in ("NOUN", "PROPN"):
        return name
    while index + 1 < len(doc) and doc[index + 1].pos_ in ("NOUN", "PROPN"):
        index += 1
    return f"{name} of {_lemma(doc[index])}"


def _names_a_band(unit: Token) -> bool:
    """ "licences in 700 MHz, 800 MHz and 26 GHz bands": a frequency after "in", "on" or "at" names a band."""
    token = unit
    while token.dep_ in ("conj", "compound", "nmod", "amod", "appos") and token.head is not token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "on", "at")


def _duration_of(unit: Token) -> Token:
    """ "30 years of occupation" lasts the occupation: the event noun the duration is of."""
    for prep in (c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            return noun
    return unit


def _range(doc: Doc, phrase: _Phrase, taken: set[int], lexicon: Lexicon) -> tuple[Decimal, Decimal | None, int, str]:
    """ "105-110 million", "between 10 and 12", "3-6W", "5% to 10%", "$750,000 to $1 million": both bounds,
    sharing a trailing scale word or unit, or each with its own. "From 5% to 7%" is a change: two figures, but
    "ranges from 18 to 24 degrees" a range."""
    end, glued = phrase.end, phrase.glued_unit
    unit, after_unit = _unit_after(doc, end, glued, lexicon)
    middle = after_unit if unit is not None else end
    joiner = doc[middle].lower_ if middle < len(doc) else ""
    before_index = phrase.start - 1
    if before_index > 0 and doc[before_index].lower_ in lexicon.currencies:
        before_index -= 1
    before = doc[before_index].lower_ if before_index >= 0 else ""
    start = middle + 1
    if start + 1 < len(doc) and doc[start].lower_ in lexicon.currencies and _is_number(doc[start + 1], lexicon):
        start += 1
    ranged = joiner in _RANGE_WORDS or (before == "between" and joiner == "and")
    changed = before == "from" and not (before_index > 0 and doc[before_index - 1].lemma_ in lexicon.span_verbs)
    if not ranged or changed or start >= len(doc) or not _is_number(doc[start], lexicon):
        return phrase.value, None, end, glued
    second = _phrase_at(doc, start, lexicon)
    if second is None or second.start < start or (second.value <= phrase.value and not _has_scale(doc, second)):
        return phrase.value, None, end, glued
    if unit is not None and _unit_after(doc, second.end, second.glued_unit, lexicon)[0] != unit:
        return phrase.value, None, end, glued
    low = phrase.value
    if _has_scale(doc, second) and not _has_scale(doc, phrase):
        scaled = normalise(low * SCALES[doc[second.end - 1].lower_])
        low = scaled if scaled < second.value else low
    if second.value <= low:
        return phrase.value, None, end, glued
    taken.update(range(second.start, second.end))
    return low, second.value, second.end, second.glued_unit or glued


def _number_token(doc: Doc, phrase: _Phrase) -> Token:
    """The phrase's token the parse hangs the rest of the sentence from ("dozen" in "two dozen" leans on "two")."""
    last = doc[phrase.end - 1]
    if last.head.i < phrase.start or last.head.i >= phrase.end:
        return last
    return next((t for t in doc[phrase.start : phrase.end] if not phrase.start <= t.head.i < phrase.end), last)


def _has_scale(doc: Doc, phrase: _Phrase) -> bool:
    return doc[phrase.end - 1].lower_ in SCALES


def _currency_before(doc: Doc, start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """The currency written before a number; "A $" is the Australian dollar, "a $20 fee" the article and "$"."""
    for width in (2, 1):
        if width == 2 and start >= 2 and (doc[start - 2].pos_ == "DET" or doc[start - 2].text in ("a", "an")):
            continue
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
    if start >= 2 and doc[start - 1].lower_ == "over" and doc[start - 2].lemma_ in lexicon.over_verbs:
        return None, start
    for width in (3, 2, 1):
        if start - width >= 0:
            words = re.sub(r"\s+", " ", doc[start - width : start].text.lower())
            if words in lexicon.hedges:
                return words, start - width
    return None, start


def _negated_one(doc: Doc, phrase: _Phrase) -> bool:
    """ "Not one city is ready": none."""
    return phrase.start > 0 and doc[phrase.start - 1].lower_ in ("not", "no")


def _hedge_verb(anchor: Token, lexicon: Lexicon) -> str | None:
    for token in (anchor, anchor.head):
        if token.dep_ in ("dobj", "attr", "pobj") and token.head.lemma_ in lexicon.hedge_verbs:
            return token.head.text.lower()
    return None


def _counted(doc: Doc, phrase: _Phrase, end: int) -> tuple[str, Token] | None:
    """What the number counts: its head noun with the modifiers between, and plain conjuncts.

    In a range ("6-8 fields", "between 10 and 12 teams") the first bound carries the syntax.
    """
    number = _number_token(doc, phrase)
    while phrase.start <= number.head.i < end and number.head.i > number.i:
        number = number.head
    head = _past_designations(number.head)
    if (
        number.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos", "predet")
        and head.i >= end
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
    ):
        if head.pos_ == "PROPN" and head.text.istitle() and head.ent_type_ != "NORP" and head.tag_ != "NNPS":
            return None
        head = _noun_head(head)
        noun = _through_classifier(head)
        if noun is not head:
            return _phrase_text(doc, min(t.i for t in noun.subtree), noun), noun
        return _phrase_text(doc, end, head), head
    pieces = doc[phrase.start : phrase.end] if phrase.value != 1 else ()
    for child in (c for piece in pieces for c in piece.children):
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if nouns:
                return _lemma(nouns[0]), nouns[0]
    return None


def _budget_line(doc: Doc, phrase: _Phrase, earlier: list[Found]) -> str | None:
    """ "the pipes (2 318 406.25)": a grouped amount with cents alone in brackets is money, in the currency of
    the amount before it."""
    text = doc[phrase.start : phrase.end].text
    bracketed = phrase.start > 0 and doc[phrase.start - 1].text == "(" and phrase.end < len(doc)
    if not (bracketed and doc[phrase.end].text == ")" and re.fullmatch(r"\d{1,3}([ ,]\d{3})+\.\d\d", text)):
        return None
    return next((f.quantity.currency for f in reversed(earlier) if f.quantity.currency), None)


_BARE_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
_SUBJECTS = ("nsubj", "nsubjpass")


def _elliptical(number: Token, earlier: list[Found], lexicon: Lexicon) -> tuple[str, Unit | None] | None:
    """A number standing alone: "16 were passenger coaches" counts coaches; "over 22,000 have fled" and "killed
    at least 12" count people (a subject of any verb, an object of a verb of people_verbs in hedges.toml);
    "74 prisoners ... and they delivered 233", "13 seats, up from 3" (in digits), "freed 41 hostages and rescued
    18" count what the count before them counted (in the sentence, or the one before); "seven of them" what the
    figure before did; so do "a further 600 are expected" and "45 damaged" in "120 houses were destroyed and 45
    damaged", but a subject of a verb of people_verbs ("another 5,000 have fled") counts people."""
    continued = _continued(number)
    if (
        number.pos_ != "NUM"
        or number.dep_ not in _BARE_ROLES
        or any((c.pos_ == "NOUN" and c.dep_ != "appos") or (c.dep_ == "det" and not continued) for c in number.children)
        or number.lower_ in ("one", "a", "an")
    ):
        return None
    attribute = next((c for c in number.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    if number.dep_ in _SUBJECTS and attribute is not None:
        return _phrase_text(number.doc, min(t.i for t in attribute.subtree), attribute), None
    fronted = [c for c in number.head.children if c.i < number.i and number.dep_ in _SUBJECTS]
    of = [g for c in [*number.children, *fronted] if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    whole = next((g for g in of if g.pos_ == "NOUN" and g.head in fronted), None)
    if whole is not None:
        return _lemma(whole), None
    if any(g.pos_ != "PRON" for g in of):
        return None
    donor = _figure_before(number, earlier, bool(of))
    verb = number.head
    acted_on = number.dep_ == "dobj" and verb.lemma_ in lexicon.people_verbs
    of_people = number.dep_ in _SUBJECTS and verb.lemma_ in lexicon.people_verbs
    parallel = donor is not None and (
        (acted_on and donor.anchor.head.lemma_ in lexicon.people_verbs)
        or (not of_people and (continued or _parallel_subject(number, donor.anchor)))
    )
    if not of and verb.pos_ == "VERB" and (number.dep_ in _SUBJECTS or acted_on) and not parallel:
        return f"people {verb.lower_}", None
    if donor is None or not (of or parallel or number.text[:1].isdigit()):
        return None
    return donor.quantity.unit_text, donor.unit


_MORE = ("further", "additional", "extra", "more")


def _continued(number: Token) -> bool:
    """ "another 5,000", "a further 600", "an additional 300", "12 more": a figure that adds to one given before."""
    determiners = [c.lower_ for c in number.children if c.dep_ == "det"]
    more = any(c.dep_ == "amod" and c.lower_ in _MORE for c in number.children)
    after = any(c.i > number.i and c.lower_ == "more" for c in number.children)
    return determiners == ["another"] or (determiners in (["a"], ["an"]) and more) or (not determiners and after)


def _parallel_subject(number: Token, anchor: Token) -> bool:
    """ "120 houses were destroyed and 45 damaged": the number is the subject of a verb joined to the verb the
    figure before is the subject of."""
    verb, other = number.head, anchor.head
    joined = (verb.dep_ == "conj" and verb.head.i == other.i) or (other.dep_ == "conj" and other.head.i == verb.i)
    return anchor.dep_ in _SUBJECTS and joined


def _figure_before(number: Token, earlier: list[Found], durations: bool) -> Found | None:
    """The nearest count (or duration) before the number, in its sentence or the one before."""
    sentence = number.sent
    first = number.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for item in reversed(earlier):
        if item.anchor.i < first:
            return None
        if item.quantity.kind == "count" or (durations and item.quantity.kind == "duration"):
            return item
    return None


def _subject_counted(number: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """ "The number of IDPs exceeded 120,000", "injuries amounted to over 3,550", "the death toll rose to 41":
    a number a verb of level gives its subject counts that subject (or what the subject is the number of);
    "took the death toll to 23": so does a number any verb brings its object, a count noun, "to"."""
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in lexicon.level_prepositions:
        verb = verb.head
    elif number.dep_ not in ("dobj", "attr", "oprd", "npadvmod"):
        return None
    roles: tuple[str, ...] = ("nsubj", "nsubjpass") if verb.lemma_ in lexicon.level_verbs else ()
    if number.head.lower_ == "to":
        roles += ("dobj",)
    subject = next((c for c in verb.children if c.dep_ in roles and c.pos_ == "NOUN"), None)
    if subject is not None and subject.dep_ == "dobj" and subject.lemma_ not in lexicon.count_nouns:
        return None
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
    if head.lemma_.lower() in load_lexicon().classifiers:
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
        if not (t.is_punct and t.text not in "-") and t.pos_ not in ("DET", "CCONJ") and not t.like_num
    )
    words = (modifiers + _lemma(head)).lower().strip().lstrip("-").strip()
    for conj in head.children:
        if conj.dep_ == "conj" and conj.pos_ == "NOUN" and not any(_digits_in(c) for c in conj.subtree):
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


def _digits_in(token: Token) -> bool:
    return token.like_num or token.text[:1].isdigit()
