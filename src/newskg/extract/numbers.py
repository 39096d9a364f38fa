"""Numbers as written in news text, to exact decimal values.

"12,345" -> 12345, "120.000" -> 120000, "1.5 million" -> 1500000, "$13.2m" ->
13200000, "seven" -> 7, "half a million" -> 500000, "one and a half million"
-> 1500000, "a thousand" -> 1000.
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
}
FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
OTHER_WORDS = {"dozen": 12}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) - {"m", "b", "k"} | frozenset(FRACTIONS)

MAX_DIGITS = 28  # Decimal's default precision: a figure of more digits cannot be computed on exactly; dropped
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(\.\d+)?$")
_DIGITS_SCALE = re.compile(r"^([\d.,]+)\s*(m|mn|mln|bn|b|k|tn|million|billion|thousand|trillion)$", re.IGNORECASE)


def parse_digits(text: str) -> Decimal | None:
    """Digits with thousands separators (comma, or dot before exactly three digits) and decimals; None for
    more than MAX_DIGITS digits, which no figure of the news holds and no sum here would keep exact."""
    text = text.strip()
    if sum(char.isdigit() for char in text[: 3 * MAX_DIGITS]) > MAX_DIGITS:
        return None
    match = _DIGITS.match(text)
    if not match:
        return None
    whole, fraction = match[1], match[2] or ""
    if "." in whole:
        whole = whole.replace(".", "")
    try:
        return normalise(Decimal(whole.replace(",", "") + fraction))
    except InvalidOperation:
        return None


def parse_number(text: str) -> Decimal | None:
    """The value of a number phrase in digits, words or both; None if it is not one."""
    text = text.strip().lower().replace("-", " ")
    if not text:
        return None
    direct = parse_digits(text)
    if direct is not None:
        return direct
    scaled = _DIGITS_SCALE.match(text)
    if scaled:
        base = parse_digits(scaled[1])
        return None if base is None else normalise(base * SCALES[scaled[2].lower()])
    return _parse_words(text.split())


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
        if word in SCALES or word == "dozen":
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
