"""Quantities from short sentences: value, what is counted, units, money, hedges, ranges."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from newskg.model import Quantity, ResolvedArticle


def quantities(analyse: Callable[..., ResolvedArticle], text: str) -> list[Quantity]:
    resolved = analyse(text)
    return sorted((q for e in resolved.extraction.events for q in e.quantities), key=lambda q: q.span.start)


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("Deminers destroyed 1,250 anti-tank mines last spring.", "1250", "anti-tank mine"),
        ("Sappers found seven unexploded shells near the school.", "7", "unexploded shell"),
        ("The army cleared 48,411 mines and munitions in the region.", "48411", "mine and munition"),
        ("The agency removed 29,185 pieces of ammunition from the site.", "29185", "ammunition"),
        ("Five booby traps were detected by the team.", "5", "booby trap"),
        ("Over 90.000 people fled the fighting.", "90000", "people"),
        ("Rescuers evacuated half a million civilians from the city.", "500000", "civilian"),
        ("The council housed a thousand families in schools.", "1000", "family"),
    ],
)
def test_counts_keep_what_they_count(analyse, text: str, value: str, unit_text: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert quantity.value == Decimal(value)
    assert quantity.unit_text == unit_text
    assert quantity.kind == "count"


def test_ellipsis_borrows_the_counted_noun(analyse) -> None:
    found = quantities(analyse, "Teams neutralized 46 anti-personnel, and 144 anti-tank mines in May.")
    assert [(q.value, q.unit_text) for q in found] == [
        (Decimal(46), "anti-personnel mine"),
        (Decimal(144), "anti-tank mine"),
    ]


@pytest.mark.parametrize(
    ("text", "value", "code", "base"),
    [
        ("Deminers cleared 18,302 hectares of farmland.", "18302", "HAR", "183020000"),
        ("The team cleared more than 3,000 square kilometres of land.", "3000", "KMK", "3000000000"),
        ("The bridge is a 4.9 km-long structure.", "4.9", "KMT", "4900"),
        ("Farmers will harvest 110 million metric tonnes of grain.", "110000000", "TNE", "110000000000"),
        ("Only 25 percent of the maps were accurate.", "25", "P1", None),
        ("Some 15 per cent of the land is still mined.", "15", "P1", None),
    ],
)
def test_units_of_measure(analyse, text: str, value: str, code: str, base: str | None) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_code) == (Decimal(value), code)
    assert quantity.base_value == (Decimal(base) if base else None)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("China gave $13.2 million to the project.", "13200000", "USD"),
        ("The donors pledged around 20 million euros for demining.", "20000000", "EUR"),
        ("The bridge cost Rs 59.0 billion to build.", "59000000000", "INR"),
        ("The fund granted CHF 690,000 to the centre.", "690000", "CHF"),
    ],
)
def test_money(analyse, text: str, value: str, currency: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.kind, quantity.value, quantity.currency) == ("money", Decimal(value), currency)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Deminers cleared more than 18 hectares of land.", "more than"),
        ("Police found about 92,000 mines in the fields.", "about"),
        ("Some 160 villagers have been injured.", "some"),
        ("Sappers neutralized nearly 380 mines last week.", "nearly"),
        ("The plant will produce up to 40 million tonnes.", "up to"),
        ("Troops handed over 15 prisoners to the enemy.", None),
        ("Only 25 percent of the maps were accurate.", None),
    ],
)
def test_hedges(analyse, text: str, qualifier: str | None) -> None:
    (quantity,) = quantities(analyse, text)
    assert quantity.qualifier == qualifier
    assert quantity.approximate is (qualifier is not None)


def test_ranges_keep_both_bounds(analyse) -> None:
    (quantity,) = quantities(analyse, "Russia could harvest about 105-110 million tonnes of grain.")
    assert (quantity.min_value, quantity.max_value) == (Decimal(105000000), Decimal(110000000))


def test_a_duration_is_not_a_count(analyse) -> None:
    (quantity,) = quantities(analyse, "Mines were planted during the 30-year occupation of the region.")
    assert (quantity.kind, quantity.value, quantity.unit_text, quantity.unit_code) == ("duration", 30, "year", "ANN")


@pytest.mark.parametrize(
    "text",
    [
        "The Geneva Convention of 1949 bans such mines.",
        "The Second Karabakh War ended in 2020.",
        "The talks were held on June 12, 2021.",
        "One of the minefields lies near the river.",
    ],
)
def test_numbers_that_are_not_quantities(analyse, text: str) -> None:
    assert quantities(analyse, text) == []


def test_span_is_exact(analyse) -> None:
    text = "Deminers cleared more than 18 hectares of farmland."
    (quantity,) = quantities(analyse, text)
    assert text[quantity.span.start : quantity.span.end] == quantity.span.text == "more than 18 hectares"


def test_model_designations_stay_in_what_is_counted(analyse) -> None:
    found = quantities(analyse, "Sappers found 370 PMN-2 anti-personnel, as well as 9 TM-57 anti-tank mines.")
    assert [(q.value, q.unit_text) for q in found] == [
        (Decimal(370), "pmn-2 anti-personnel mine"),
        (Decimal(9), "tm-57 anti-tank mine"),
    ]


def test_a_duration_of_an_event_hangs_off_that_event(analyse) -> None:
    resolved = analyse("Mines were planted during the 30 years of occupation.")
    (event,) = [e for e in resolved.extraction.events if e.quantities]
    assert event.trigger.text == "occupation" and event.quantities[0].kind == "duration"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Officials expect between 10 and 12 teams to arrive.", "10", "12"),
        ("Deminers cleared 6-8 fields near the border.", "6", "8"),
    ],
)
def test_ranges_between_and_dash(analyse, text: str, low: str, high: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.min_value, quantity.max_value) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize(
    ("text", "value", "unit_text", "qualifier"),
    [
        ("Officials said the number of refugees exceeded 45,000 by June.", "45000", "refugee", "exceeded"),
        ("The total number of casualties amounted to over 1200 last week.", "1200", "casualty", "over"),
        ("Stranded tourists reached 3,400 on Friday.", "3400", "stranded tourist", None),
        ("The death toll rose to 57 overnight.", "57", "death", None),
    ],
)
def test_a_verb_of_level_counts_its_subject(
    analyse, text: str, value: str, unit_text: str, qualifier: str | None
) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_text, quantity.qualifier) == (Decimal(value), unit_text, qualifier)
    assert quantity.span.text.split()[-1].replace(",", "") == value
