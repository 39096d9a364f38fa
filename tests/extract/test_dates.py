"""Time expressions: explicit dates, month-day resolution, relative words, spans."""

from datetime import date

import pytest

from newskg.extract.dates import _COMPILED, _matches, find_times, times_and_days


def times(text: str, published: date | None = None) -> list[tuple[str | None, str | None, str | None]]:
    return [(t.point, t.begin, t.end) for t in find_times(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("It happened on March 3, 2019.", None, [("2019-03-03", None, None)]),
        ("It happened on 3 March 2019.", None, [("2019-03-03", None, None)]),
        ("It happened on 2019-03-03.", None, [("2019-03-03", None, None)]),
        ("It happened in November 2020.", None, [("2020-11", None, None)]),
        ("It happened in mid December 2013.", None, [("2013-12", None, None)]),
        ("It happened in 2007.", None, [("2007", None, None)]),
        ("The talks opened on June 12.", date(2021, 9, 1), [("2021-06-12", None, None)]),
        ("The talks opened on December 30.", date(2021, 1, 5), [("2020-12-30", None, None)]),
        ("The talks will resume on February 7.", date(2014, 1, 24), [("2014-02-07", None, None)]),
        ("The team met yesterday.", date(2018, 2, 26), [("2018-02-25", None, None)]),
        ("The minister spoke on Monday.", date(2017, 8, 23), [("2017-08-21", None, None)]),
        ("The harvest last year was poor.", date(2017, 8, 21), [("2016", None, None)]),
        ("Prices rose over the past week.", date(2017, 8, 21), [(None, "2017-08-14", "2017-08-21")]),
        ("Talks resumed last week.", date(2017, 8, 23), [(None, "2017-08-14", "2017-08-20")]),
        ("It ran from March 1, 2020, to May 5, 2021.", None, [(None, "2020-03-01", "2021-05-05")]),
        ("Deminers worked from September 19-24.", date(2022, 9, 27), [(None, "2022-09-19", "2022-09-24")]),
        ("The 1992-95 war left mines.", None, [(None, "1992", "1995")]),
        ("Funding ran from 2018 to 2022.", None, [(None, "2018", "2022")]),
        ("No deminer has died since 1996.", None, [(None, "1996", None)]),
        ("Troops advanced starting April 4, 2019.", None, [(None, "2019-04-04", None)]),
    ],
)
def test_resolves_times(text: str, published: date | None, expected: list) -> None:
    assert times(text, published) == expected


def test_month_day_without_publication_date_takes_the_latest_full_date_as_reference() -> None:
    text = "Work ran until October 15, 2021. On June 12 maps were handed over. Talks ended on November 10."
    assert times(text) == [(None, None, "2021-10-15"), ("2021-06-12", None, None), ("2020-11-10", None, None)]


def test_month_day_without_any_reference_is_left_out() -> None:
    assert times("On June 12 maps were handed over.") == []


def test_numbers_that_are_not_dates_are_not_times() -> None:
    assert times("The Geneva Convention of 1949 and 300 villages.") == []


def test_spans_are_exact_offsets() -> None:
    text = "It happened on March 3, 2019."
    (expr,) = find_times(text, None)
    assert text[expr.span.start : expr.span.end] == expr.span.text == "March 3, 2019"


def test_the_said_period_refers_back_to_the_last_span() -> None:
    text = "Deminers worked from March 1, 2020, to May 5, 2021. They cleared 40 hectares over the said period."
    assert times(text)[-1] == (None, "2020-03-01", "2021-05-05")


def test_a_period_with_nothing_to_refer_to_is_left_out() -> None:
    assert times("They cleared 40 hectares over the same period.") == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Prices rose 2% in March.", date(2019, 4, 18), [("2019-03", None, None)]),
        ("Exports fell in November, the office said.", date(2019, 4, 18), [("2018-11", None, None)]),
        ("The talks will resume in June.", date(2019, 4, 18), [("2019-06", None, None)]),
        ("Output grew from March to May.", date(2019, 6, 2), [(None, "2019-03", "2019-05")]),
        ("Rates were cut in March 2020.", None, [("2020-03", None, None)]),
    ],
)
def test_a_month_after_a_preposition_takes_the_year_of_the_news(text: str, published, expected) -> None:
    assert times(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fire started last night.", [("2019-04-17", None, None)]),
        (
            "Arrivals rose from 2,100 on 4 April to 5,600 last night.",
            [(None, "2019-04-04", None), (None, None, "2019-04-17")],
        ),
    ],
)
def test_last_night_and_the_dates_of_a_figures_two_ends(text: str, expected) -> None:
    assert times(text, date(2019, 4, 18)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks have dragged on since February last year.", [(None, "2018-02", None)]),
        ("The firm sold its stake on June 30 last year.", [("2018-06-30", None, None)]),
        ("They met on 4 May last year.", [("2018-05-04", None, None)]),
        ("One year ago today, the first case was reported.", [("2018-08-14", None, None)]),
        ("A year ago the mill was shut.", [("2018", None, None)]),
        ("The launch was due two weeks ago.", [("2019-07", None, None)]),
        ("It rained three days ago.", [("2019-08-11", None, None)]),
    ],
)
def test_a_date_counted_from_this_or_last_year_or_back_from_the_news(text: str, expected) -> None:
    assert times(text, date(2019, 8, 14)) == expected


def test_one_scan_gives_the_times_and_every_day_written_with_its_month_real_or_not() -> None:
    text = "Talks opened on 29 February 2021, went on in March 2021 and ended on April 2."
    found, days = times_and_days(text, date(2021, 5, 1))
    assert found == find_times(text, date(2021, 5, 1))
    assert [(t.span.text, t.point) for t in found] == [("March 2021", "2021-03"), ("April 2", "2021-04-02")]
    assert [(day.start, day.text) for day in days] == [(16, "29 February 2021"), (69, "April 2"), (16, "29 February")]


TRICKY = (
    "Mayor Marchant said on May 3 that Mayday 2021-2022 ran from 1999-03-04 to March 5-7, 2020; in Junes of 2019-20,"
    " this period, summer 2018 and the same period of Sept. 4, last year, saw x2019-2020-2021, 1999-2000-2001,"
    " 2019x and 12019 Dec 1, 20190."
)


@pytest.mark.parametrize("text", [TRICKY, TRICKY.upper(), TRICKY.replace(" ", ""), TRICKY[::-1], ""])
def test_the_patterns_found_by_their_opening_find_what_finditer_finds(text: str) -> None:
    opened = [(kind, pattern, opening) for kind, pattern, opening in _COMPILED if opening is not None]
    assert opened
    for _, pattern, opening in opened:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _matches(pattern, opening, text)] == expected
    assert any(list(pattern.finditer(TRICKY)) for _, pattern, _ in opened)
