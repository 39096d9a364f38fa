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
        ("Shares in the bank rose 4pc on Monday.", "4", "P1", None),
        ("Farmers planted 312-ha of maize.", "312", "HAR", "3120000"),
        ("The team laid a nine-kilometre-long cable.", "9", "KMT", "9000"),
        ("The firm sold a 75Mbps plan to homes.", "75", "E20", None),
        ("The regulator sold 90 MHz of airwaves to the firm.", "90", "MHZ", "90000000"),
        ("They cleared more than 40sq km of forest.", "40", "KMK", "40000000"),
        ("The phone plan now gives 35GB to each user.", "35", "E34", None),
        ("Nurses gave 20mL to each child.", "20", "MLT", "0.02"),
        ("The Nova Mini 5.8GHz drone was recalled.", "5.8", "A86", "5800000000"),
        ("The hatchback has a 1.2l engine.", "1.2", "LTR", None),
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
        ("The miner reported a R412-million annual profit.", "412000000", "ZAR"),
        ("The carrier booked a R7,3-billion loss.", "7300000000", "ZAR"),
        ("The ministry paid R48 312 for the audit.", "48312", "ZAR"),
        ("The council set aside R14 000 000.00 for the pumps.", "14000000", "ZAR"),
        ("The utility raised USD45m from the bond.", "45000000", "USD"),
        ("The bank lent EUR7bn to the region.", "7000000000", "EUR"),
        ("The grid operator spent VND310 billion on lines.", "310000000000", "VND"),
        ("The state collected Rs 2,35,418 crore in taxes.", "2354180000000", "INR"),
        ("The port handed the court 2.5 billion FCFA.", "2500000000", "XOF"),
        ("The group bought the chain for $3.875bn.", "3875000000", "USD"),
        ("The road was built with $72.4m. Work starts soon.", "72400000", "USD"),
        ("The chain earned HK $2.9 billion last year.", "2900000000", "HKD"),
        ("The plan costs RM59 for students.", "59", "MYR"),
        ("The state spent Rs. 740 crore on bridges.", "7400000000", "INR"),
        ("The port cost Rp 3 trillion to build.", "3000000000000", "IDR"),
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


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("Temperatures fell to minus 7 degrees Celsius overnight.", "-7", "CEL"),
        ("Output shrank -1.8% in the quarter.", "-1.8", "P1"),
        ("Stocks were up +0.6% at noon.", "0.6", "P1"),
    ],
)
def test_negative_values(analyse, text: str, value: str, code: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_code) == (Decimal(value), code)


@pytest.mark.parametrize(
    ("text", "low", "high", "code"),
    [
        ("Forecasters expect warming of 1 to 1.5 degrees Celsius by then.", "1", "1.5", "CEL"),
        ("The shop sells a 4-9W bulb for porches.", "4", "9", "WTT"),
        ("The device hears between 18kHz and 21kHz in tests.", "18", "21", "KHZ"),
        ("Analysts expect growth of 3% to 7% this year.", "3", "7", "P1"),
        ("The drive takes two or three hours by car.", "2", "3", "HUR"),
    ],
)
def test_ranges_with_a_unit_on_one_or_both_bounds(analyse, text: str, low: str, high: str, code: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.min_value, quantity.max_value, quantity.unit_code) == (Decimal(low), Decimal(high), code)


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("Three-quarters of the harvest was lost.", "0.75", "harvest"),
        ("A quarter of the staff went on strike.", "0.25", "staff"),
        ("Volunteers delivered two dozen tents to the camp.", "24", "tent"),
        ("The agency said that 3, 418 families were moved.", "3418", "family"),
        ("The bank cut its rate by half a percentage point on Monday.", "0.5", "percentage point"),
    ],
)
def test_fractions_dozens_and_a_stray_space_in_a_number(analyse, text: str, value: str, unit_text: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_text) == (Decimal(value), unit_text)


@pytest.mark.parametrize(
    "text",
    [
        "Operators bid for 4G licences across the region.",
        "The ferry docked at 7.45pm on the island.",
        "The convoy left at 3 a.m. local time.",
    ],
)
def test_designations_and_clock_times_are_not_quantities(analyse, text: str) -> None:
    assert quantities(analyse, text) == []


@pytest.mark.parametrize(
    ("text", "unit_text", "code"),
    [
        ("The refinery shipped 82,000 tonnes of cement last month.", "tonne of cement", "TNE"),
        ("Rangers burned 310 hectares of dry grassland.", "hectare of grassland", "HAR"),
        ("Some 30% of the budget went to schools.", "percent of budget", "P1"),
        ("The tanker spilled 900 barrels.", "barrel", "BLL"),
    ],
)
def test_a_measure_keeps_what_it_measures(analyse, text: str, unit_text: str, code: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.unit_text, quantity.unit_code) == (unit_text, code)


def test_a_frequency_after_in_names_a_band(analyse) -> None:
    found = quantities(analyse, "The carrier bought 120 MHz of spectrum in 600 MHz and 28 GHz bands.")
    assert [(q.value, q.unit_code) for q in found] == [(Decimal(120), "MHZ")]


@pytest.mark.parametrize(
    ("text", "values", "unit_text"),
    [
        ("Guards freed 41 hostages, and the army rescued 118.", ["41", "118"], "hostage"),
        ("The party won 27 council seats, up from 9 in the last vote.", ["27", "9"], "council seat"),
    ],
)
def test_a_bare_number_counts_what_the_count_before_it_counted(
    analyse, text: str, values: list[str], unit_text: str
) -> None:
    found = quantities(analyse, text)
    assert [(q.value, q.unit_text) for q in found] == [(Decimal(v), unit_text) for v in values]


def test_a_bare_number_borrows_from_the_sentence_before(analyse) -> None:
    text = "The number of migrants reached 8,300 this week. Arrivals have doubled from 4,150 in May."
    found = quantities(analyse, text)
    assert [(q.value, q.unit_text) for q in found] == [(Decimal(8300), "migrant"), (Decimal(4150), "migrant")]


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("Officials said nearly 9,500 have fled across the border.", "9500", "people fled"),
        ("Of the 12 buses that crashed, 7 were school buses.", "7", "school bus"),
        ("Three people died and 14 others were hurt in the blast.", "14", "other hurt"),
        ("The flood pushed the death toll to 31 on Friday.", "31", "death"),
        ("The quake cut 9,000 phone lines and killed at least 17.", "17", "people killed"),
    ],
)
def test_a_bare_subject_or_toll(analyse, text: str, value: str, unit_text: str) -> None:
    found = {q.value: q.unit_text for q in quantities(analyse, text)}
    assert found[Decimal(value)] == unit_text


def test_a_part_of_a_figure_before_keeps_its_unit(analyse) -> None:
    found = quantities(analyse, "The judge gave him nine years in jail, five of them suspended.")
    assert [(q.value, q.unit_code) for q in found] == [(Decimal(9), "ANN"), (Decimal(5), "ANN")]


@pytest.mark.parametrize(
    "text",
    [
        "One walked home and the two argued later.",
        "Ministers met on 29 February to vote.",
        "One of the ministers resigned.",
        "Pick 4, 221 or 9 on the card.",
        "The bank posted a first quarter loss.",
        "Sales rose in the second half.",
        "The office at 575 Elmfield Road was sold.",
    ],
)
def test_pronoun_numbers_and_days_are_not_quantities(analyse, text: str) -> None:
    assert quantities(analyse, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Engineers tested a Falcon 9 rocket at the base.",
        "Three weeks ago the army left the town.",
        "Not one school is open today.",
        "He said there was only one way to win the vote.",
    ],
)
def test_names_relative_times_and_idioms_are_not_quantities(analyse, text: str) -> None:
    assert quantities(analyse, text) == []


def test_cases_of_a_disease_count_cases(analyse) -> None:
    (quantity,) = quantities(analyse, "Doctors confirmed 310 cases of measles in the province.")
    assert (quantity.value, quantity.unit_text) == (Decimal(310), "case")


def test_a_bare_dollar_is_the_dollar_of_the_country_the_article_is_about(analyse) -> None:
    text = "Australia will spend $4 billion on roads. Australia last did so in the 1990s."
    assert [q.currency for q in quantities(analyse, text)] == ["AUD"]


@pytest.mark.parametrize(
    "text",
    [
        "Australia and the United States will spend $4 billion on roads.",
        "Australia will spend $4 billion on roads.",
        "Australia will spend US$4 billion on roads. Australia last did so in the 1990s.",
    ],
)
def test_a_dollar_stays_american_without_a_clear_other_country(analyse, text: str) -> None:
    assert [q.currency for q in quantities(analyse, text)] == ["USD"]


def test_money_ranges_with_a_sign_on_each_bound(analyse) -> None:
    (quantity,) = quantities(analyse, "Flats sell for $420,000 to $1.5 million in the area.")
    assert (quantity.min_value, quantity.max_value, quantity.currency) == (Decimal(420000), Decimal(1500000), "USD")


def test_from_one_figure_to_another_is_a_change_not_a_range(analyse) -> None:
    found = quantities(analyse, "Inflation rose from 2.1% to 3.4% in a year.")
    assert [(q.value, q.max_value) for q in found] == [(Decimal("2.1"), None), (Decimal("3.4"), None)]


def test_an_amount_with_cents_alone_in_brackets_is_money_in_the_currency_before(analyse) -> None:
    text = "The city approved a R14 million grant. It paid for the roads (2 118 406.50) in March."
    found = quantities(analyse, text)
    assert [(q.value, q.currency) for q in found] == [(Decimal(14000000), "ZAR"), (Decimal("2118406.5"), "ZAR")]


def test_digits_after_number_words_start_a_new_number(analyse) -> None:
    found = quantities(analyse, "The brewery fills six million 330ml cans a year.")
    assert [(q.value, q.unit_code) for q in found] == [(Decimal(6000000), None), (Decimal(330), "MLT")]


def test_a_country_s_people_count_towards_its_dollar(analyse) -> None:
    found = quantities(analyse, "Canadians will pay $3 billion more in taxes, Canada's finance minister said.")
    assert [q.currency for q in found] == ["CAD"]


def test_money_with_its_currency_written_on_counts_inside_a_name_the_model_found(analyse) -> None:
    found = quantities(analyse, "The town owes Eskom R8,6-billion in unpaid bills.")
    assert [(q.value, q.currency) for q in found] == [(Decimal(8600000000), "ZAR")]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit_text"),
    [
        ("Organisers expect 300-400 people at the rally.", "300", "400", "people"),
        ("The mine plans to hire 2,000 to 3,000 workers.", "2000", "3000", "worker"),
    ],
)
def test_a_range_counts_what_its_second_bound_counts(analyse, text: str, low: str, high: str, unit_text: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.min_value, quantity.max_value, quantity.unit_text) == (Decimal(low), Decimal(high), unit_text)


def test_a_money_range_after_between_with_a_sign_on_each_bound(analyse) -> None:
    (quantity,) = quantities(analyse, "Seats at the final cost between $20 and $35.")
    assert (quantity.min_value, quantity.max_value, quantity.currency) == (Decimal(20), Decimal(35), "USD")


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("Rescuers pulled forty-two miners from the shaft.", "42", "miner"),
        ("Some twenty-five villages were flooded overnight.", "25", "village"),
        ("A fifth of the country's roads are unpaved.", "0.2", "road"),
        ("Nearly two-thirds of households lack clean water.", "0.667", "household"),
    ],
)
def test_hyphenated_number_words_and_fractions_the_model_calls_ordinals(
    analyse, text: str, value: str, unit_text: str
) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_text) == (Decimal(value), unit_text)


@pytest.mark.parametrize(
    ("text", "unit_texts"),
    [
        (
            "Officials counted 1,340 displaced families. A further 600 are expected this week.",
            ["displaced family", "displaced family"],
        ),
        ("Some 120 houses were destroyed and 45 damaged.", ["house", "house"]),
        ("Some 900 families left on Monday. Another 300 have fled since.", ["family", "people fled"]),
    ],
)
def test_a_figure_added_to_one_before_counts_the_same_thing_unless_its_verb_says_people(
    analyse, text: str, unit_texts: list[str]
) -> None:
    assert [q.unit_text for q in quantities(analyse, text)] == unit_texts


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("He paid a $20 fee to enter.", "20", "USD"),
        ("The council approved a $US1.2 billion budget.", "1200000000", "USD"),
        ("The loan of INR 250 crore was cleared on Monday.", "2500000000", "INR"),
        ("Spending will rise to ₹48.2 lakh crore.", "48200000000000", "INR"),
        ("The state lost $A1.1 billion in revenue.", "1100000000", "AUD"),
    ],
)
def test_money_after_an_article_a_split_sign_or_a_code_and_a_compound_scale(
    analyse, text: str, value: str, currency: str
) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.currency) == (Decimal(value), currency)


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("Growth slowed to −1.2% in June.", "-1.2", "P1"),
        ("Temperatures hit 45C inland.", "45", "CEL"),
        ("The town shivered through minus 3C overnight.", "-3", "CEL"),
    ],
)
def test_a_unicode_minus_and_a_celsius_c_written_on(analyse, text: str, value: str, code: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_code) == (Decimal(value), code)


def test_a_lower_case_c_written_on_a_number_is_no_celsius(analyse) -> None:
    found = quantities(analyse, "Earnings per share fell 3% to 412c.")
    assert [q.unit_code for q in found if q.value == 412] in ([], [None])


def test_ranges_from_one_figure_to_another_is_a_range(analyse) -> None:
    (quantity,) = quantities(analyse, "Highs will range from 18 to 24 degrees Celsius.")
    assert (quantity.min_value, quantity.max_value, quantity.unit_code) == (Decimal(18), Decimal(24), "CEL")


@pytest.mark.parametrize(
    ("text", "unit_text"),
    [
        ("Of the 1,200 workers, 800 were laid off.", "worker"),
        ("Police arrested 40 protesters on Friday; 12 more were held on Saturday.", "protester"),
    ],
)
def test_a_part_of_a_whole_named_before_it_or_more_of_it_counts_the_same(analyse, text: str, unit_text: str) -> None:
    assert [q.unit_text for q in quantities(analyse, text)] == [unit_text, unit_text]


def test_of_those_before_a_bare_subject_borrows_the_count_before(analyse) -> None:
    found = quantities(analyse, "The storm damaged 3,400 homes. Of those, 800 were destroyed.")
    assert [(q.value, q.unit_text) for q in found] == [(Decimal(3400), "home"), (Decimal(800), "home")]


@pytest.mark.parametrize(
    "text",
    [
        "The bill passed by a 52-48 vote.",
        "The 2019-20 season was cut short.",
        "He is the No. 2 official in the party.",
    ],
)
def test_scores_spans_of_years_and_ranks_are_not_quantities(analyse, text: str) -> None:
    assert quantities(analyse, text) == []


def test_a_rising_hyphenated_pair_is_still_a_range(analyse) -> None:
    (quantity,) = quantities(analyse, "Officials expect 300-400 people at the hall.")
    assert (quantity.min_value, quantity.max_value) == (Decimal(300), Decimal(400))


@pytest.mark.parametrize(
    ("text", "value", "unit_text"),
    [
        ("Nearly 1 in 4 adults smoke.", "0.25", "adult"),
        ("Nine out of ten nurses backed the strike.", "0.9", "nurse"),
    ],
)
def test_one_in_four_is_a_share_of_the_noun_after_it(analyse, text: str, value: str, unit_text: str) -> None:
    (quantity,) = quantities(analyse, text)
    assert (quantity.value, quantity.unit_text) == (Decimal(value), unit_text)


def test_a_number_in_a_duration_is_no_share(analyse) -> None:
    found = quantities(analyse, "The side scored 2 in 5 minutes.")
    assert all(q.value != Decimal("0.4") for q in found)
