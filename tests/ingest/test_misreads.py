"""Small misreads of hostile or odd text: no made-up figure, no day read as a count, deep pages still read."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from newskg.errors import InputError
from newskg.extract.numbers import MAX_DIGITS, parse_number
from newskg.ingest.articles import iter_articles
from newskg.ingest.html import KEPT_DEPTH, unwrapped
from newskg.limits import DEFAULT
from newskg.model import Article, Quantity, ResolvedArticle
from newskg.nlp import load_pipeline
from newskg.pipeline.workers import ParseFailure, in_process


def _quantities(resolved: ResolvedArticle) -> list[Quantity]:
    return sorted((q for e in resolved.extraction.events for q in e.quantities), key=lambda q: q.span.start)


def _figures(analyse: Callable[..., ResolvedArticle], text: str) -> list[tuple[str, str]]:
    return [(str(q.value), q.span.text) for q in _quantities(analyse(text))]


def test_a_number_too_long_to_compute_on_exactly_is_no_figure() -> None:
    assert parse_number("9" * MAX_DIGITS) == Decimal("9" * MAX_DIGITS)
    assert parse_number("9" * (MAX_DIGITS + 1)) is None
    assert parse_number("1" + ",000" * 10) is None
    assert parse_number("7" * 1_000_000) is None


def test_a_huge_number_in_a_sentence_is_dropped(analyse: Callable[..., ResolvedArticle]) -> None:
    text = f"Deminers cleared {'7' * 5000} mines and 40 shells near Fuzuli."
    assert _figures(analyse, text) == [("40", "40 shells")]


def test_a_number_cut_between_pieces_leaves_no_part_of_it() -> None:
    """A run of digits longer than a piece is cut where it must be; what is left past the cut (17 digits
    here) is not a figure of its own."""
    text = "Deminers cleared " + "7" * (2 * DEFAULT.piece_chars) + " mines near Fuzuli. They found 40 shells."
    article = Article(id="long", text=text, source="long.txt")
    (resolved,) = in_process([article], load_pipeline())
    assert not isinstance(resolved, ParseFailure)
    assert [(str(q.value), q.span.text) for q in _quantities(resolved)] == [("40", "40 shells")]


def test_a_base_value_is_computed_exactly(analyse: Callable[..., ResolvedArticle]) -> None:
    value = "1234567890123456789012345678"
    (quantity,) = _quantities(analyse(f"The convoy drove {value} miles across the desert."))
    with localcontext(prec=100):
        assert quantity.base_value == Decimal(value) * Decimal("1609.344")


@pytest.mark.parametrize(
    "text",
    ["The ship carried 10^400 tons of grain.", "The ship carried 10**6 tons of grain."],
)
def test_a_power_is_not_read_as_its_exponent(analyse: Callable[..., ResolvedArticle], text: str) -> None:
    assert _figures(analyse, text) == []
    assert _figures(analyse, text.replace("of grain.", "of grain and 30 tons of rice.")) == [("30", "30 tons")]


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held on 29 February 2021 in Baku.",
        "The talks were held on February 30 in Baku.",
        "The talks were held on 31 April, 2022 in Baku.",
        "The talks were held on 3 May 2021 in Baku.",
    ],
)
def test_a_day_and_month_is_never_a_figure(analyse: Callable[..., ResolvedArticle], text: str) -> None:
    assert _figures(analyse, text) == []
    assert _figures(analyse, text.replace("in Baku", "and 40 people came")) == [("40", "40 people")]


def _nested(depth: int, wrapper: str = "<div>", closing: str = "</div>") -> str:
    story = "<p>Deminers cleared 40 mines near Fuzuli on Monday, the agency said in a statement to reporters.</p>"
    return f"<html><head><title>Mines</title></head><body>{wrapper * depth}{story * 3}{closing * depth}</body></html>"


@pytest.mark.parametrize("depth", [10, 300, 1500, 5000])
@pytest.mark.slow
def test_a_deeply_nested_page_is_read(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "page.html"
    path.write_text(_nested(depth), encoding="utf-8")
    (article,) = iter_articles([path])
    assert isinstance(article, Article) and article.text.startswith("Deminers cleared 40 mines near Fuzuli")
    assert article.title == "Mines"


@pytest.mark.slow
def test_a_page_nested_past_the_parser_without_wrappers_to_take_away_says_so(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_nested(3000, "<ul><li>", "</li></ul>"), encoding="utf-8")
    (error,) = iter_articles([path])
    assert isinstance(error, InputError)
    assert str(error) == (
        f"{path}: is nested deeper than 2,048 elements, more than the HTML parser reads; no article text read"
    )


def test_unwrapping_keeps_text_and_markup_above_the_depth() -> None:
    page = '<p class="a">Fish &amp; chips<br>' + "<div>" * 600 + "<b>x &lt; y</b>" + "</div>" * 600 + "</p>"
    flat = unwrapped(page)
    assert flat.startswith('<p class="a">Fish &amp; chips<br>' + "<div>" * (KEPT_DEPTH - 1) + "x &lt; y")
    assert flat.count("<div>") == flat.count("</div>") == KEPT_DEPTH - 1 and flat.endswith("</div></p>")
