"""Numbers as written in news text, to exact decimal values.

"12,345" -> 12345, "120.000" -> 120000, "1.5 million" -> 1500000, "$13.2m" ->
13200000, "seven" -> 7, "half a million" -> 500000, "one and a half million"
-> 1500000, "a thousand" -> 1000; "8,6" -> 8.6 (a decimal comma), "2,40,500" ->
240500 (Indian grouping), "2 318 406.25" -> 2318406.25 (grouped by spaces),
"12 crore" -> 120000000, "3.5 lakh crore" -> 3500000000000, "-2.3" -> -2.3, "+0.4" -> 0.4, "two-thirds" -> 0.667.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "k": 1000,
    "tn": 10**12,
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}
FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
PARTS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
OTHER_WORDS = {"dozen": 12}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) - {"m", "b", "k"}
NUMBER_WORDS |= frozenset(FRACTIONS) | frozenset(OTHER_WORDS)

MAX_DIGITS = 28  # Decimal's default precision: a figure of more digits cannot be computed on exactly; dropped
_GROUPED = r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+"
_DIGITS = re.compile(rf"^([-−+]?)({_GROUPED}|\d+)(\.\d+|,\d{{1,2}})?$")
_DIGITS_SCALE = re.compile(
    r"^([-−+]?[\d., ]+?)\s*(m|mn|mln|bn|b|k|tn|million|billion|thousand|trillion|lakhs?|crores?)$", re.IGNORECASE
)


def parse_digits(text: str) -> Decimal | None:
    """Digits with a sign, thousands separators (comma, a dot or a space before exactly three digits,
    or the Indian lakh grouping) and decimals (after a dot, or a comma before one or two digits); None for
    more than MAX_DIGITS digits, which no figure of the news holds and no sum here would keep exact."""
    text = text.strip()
    if sum(char.isdigit() for char in text[: 3 * MAX_DIGITS]) > MAX_DIGITS:
        return None
    match = _DIGITS.match(text)
    if not match or (match[3] and match[3][0] == "," and not match[2].isdigit()):
        return None
    sign, whole, fraction = match[1], match[2], (match[3] or "").replace(",", ".")
    whole = whole.replace(".", "") if "." in whole else whole
    try:
        value = Decimal(whole.replace(",", "").replace(" ", "") + fraction)
    except InvalidOperation:
        return None
    return normalise(-value if sign in ("-", "−") else value)


def parse_number(text: str) -> Decimal | None:
    """The value of a number phrase in digits, words or both; None if it is not one."""
    text = text.strip().lower()
    if text[:1] not in ("-", "−", "+"):
        text = text.replace("-", " ")
    if not text:
        return None
    direct = parse_digits(text)
    if direct is not None:
        return direct
    scaled = _DIGITS_SCALE.match(text)
    if scaled:
        digits = scaled[1].strip()
        single_dot = digits.count(".") == 1 and "," not in digits and " " not in digits
        base = _decimal(digits) if single_dot else parse_digits(digits)
        return None if base is None else normalise(base * SCALES[scaled[2].lower()])
    return _parse_fraction(text.split()) or _parse_words(text.split())


def _decimal(text: str) -> Decimal | None:
    """ "2.415" before a scale word is two point four one five: nobody writes a thousands dot there."""
    try:
        return normalise(Decimal(text.replace("−", "-")))
    except InvalidOperation:
        return None


def _parse_fraction(words: list[str]) -> Decimal | None:
    """ "two thirds", "a third", "three quarters": a count of parts, to three decimals."""
    if len(words) != 2 or words[1] not in PARTS or (words[1] in FRACTIONS and words[0] in ("a", "an")):
        return None
    count = Decimal(1) if words[0] in ("a", "an", "one") else _word_value(words[0])
    if count is None or words[0] in SCALES:
        return None
    return normalise((count / PARTS[words[1]]).quantize(Decimal("0.001")))


def _parse_words(words: list[str]) -> Decimal | None:
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word == "and":
            continue
        if word in ("a", "an"):
            if (following in SCALES or following == "dozen") and current == 0:
                current = Decimal(1)
            continue
        value = _word_value(word)
        if value is None:
            return None
        seen = True
        if word in SCALES and current == 0 and total and index and words[index - 1] in SCALES:
            total *= value
        elif word in SCALES or word == "dozen":
            current = (current or Decimal(1)) * value
            if value >= 1000:
                total, current = total + current, Decimal(0)
        else:
            current += value
    return normalise(total + current) if seen else None


def _word_value(word: str) -> Decimal | None:
    if word in UNITS:
        return Decimal(UNITS[word])
    if word in TENS:
        return Decimal(TENS[word])
    if word in SCALES:
        return Decimal(SCALES[word])
    if word in FRACTIONS:
        return FRACTIONS[word]
    if word in OTHER_WORDS:
        return Decimal(OTHER_WORDS[word])
    return parse_digits(word)


def normalise(value: Decimal) -> Decimal:
    """Drop trailing zeros and the exponent, so 13.20E6 prints as 13200000."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def is_year(text: str) -> bool:
    """A bare four-digit year of modern history: 1800 to 2099."""
    return bool(re.fullmatch(r"(18|19|20)\d\d", text.strip()))
