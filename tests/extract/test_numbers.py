"""Number parsing: digits, separators, words, scales."""

from decimal import Decimal

import pytest

from newskg.extract.numbers import is_year, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("48,411", "48411"),
        ("1,234,567", "1234567"),
        ("120.000", "120000"),
        ("4.9", "4.9"),
        ("0.25", "0.25"),
        ("1.5 million", "1500000"),
        ("59.0 billion", "59000000000"),
        ("13.2m", "13200000"),
        ("2bn", "2000000000"),
        ("seven", "7"),
        ("twenty-five", "25"),
        ("two hundred thousand", "200000"),
        ("a thousand", "1000"),
        ("half a million", "500000"),
        ("one and a half million", "1500000"),
        ("a dozen", "12"),
        ("zero", "0"),
        ("two dozen", "24"),
        ("3.5 lakh crore", "3500000000000"),
        ("two thousand crore", "20000000000"),
        ("one thousand nine hundred and forty two", "1942"),
        ("7,4", "7.4"),
        ("3,25 billion", "3250000000"),
        ("2,45,310", "245310"),
        ("4,12,500 crore", "4125000000000"),
        ("7 lakh", "700000"),
        ("2 118 406.50", "2118406.5"),
        ("-4.6", "-4.6"),
        ("+0.4", "0.4"),
        ("3.875bn", "3875000000"),
        ("two thirds", "0.667"),
        ("a third", "0.333"),
        ("three quarters", "0.75"),
    ],
)
def test_parses_numbers(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "a", "mines", "first", "12a3", "and", "1,234,5", "thirds"])
def test_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "expected"), [("1949", True), ("2021", True), ("48411", False), ("300", False)])
def test_recognises_years(text: str, expected: bool) -> None:
    assert is_year(text) is expected
