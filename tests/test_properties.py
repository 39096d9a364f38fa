"""Property-based tests: number parsing, date resolution, IRI minting, escaping, round trips, pieces."""

import json
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SDO, SKOS, XSD

from newskg.extract.dates import _COMPILED, FUTURE_GRACE, _matches, find_times
from newskg.extract.numbers import parse_number
from newskg.extract.pieces import pieces
from newskg.rdf.iris import Iris, article_slug
from newskg.rdf.serialise import jsonld, trig, turtle
from newskg.resolve.article import entity_key, slug

UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


def words(number: int) -> str:
    if number < 20:
        return UNITS[number]
    tens, units = divmod(number, 10)
    return TENS[tens - 2] + (f"-{UNITS[units]}" if units else "")


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators(number: int) -> None:
    assert parse_number(f"{number:,}") == number
    assert parse_number(str(number)) == number


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals(whole: int, cents: int) -> None:
    assert parse_number(f"{whole}.{cents:02d}") == Decimal(f"{whole}.{cents:02d}")


@given(st.integers(min_value=0, max_value=99))
def test_number_words(number: int) -> None:
    assert parse_number(words(number)) == number


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["thousand", "million", "billion"]))
def test_number_words_with_scales(number: int, scale: str) -> None:
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert parse_number(f"{words(number)} {scale}") == number * factor


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_written_dates_resolve_to_themselves(day: date) -> None:
    month = MONTHS[day.month - 1]
    for written in (f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}", day.isoformat()):
        (expr,) = find_times(f"The talks opened on {written}.", None)
        assert expr.point == day.isoformat(), written


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=1, max_value=300))
def test_month_days_resolve_no_later_than_a_short_grace_after_publication(published: date, back: int) -> None:
    day = date.fromordinal(published.toordinal() - back)
    (expr,) = find_times(f"The talks opened on {MONTHS[day.month - 1]} {day.day}.", published)
    resolved = date.fromisoformat(expr.point or "")
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert resolved <= published + FUTURE_GRACE


@given(TEXT)
def test_slugs_are_iri_safe(text: str) -> None:
    value = slug(text)
    assert value and all(c.isascii() and (c.isalnum() or c == "-") for c in value)
    assert value == value.lower()


@given(TEXT, TEXT)
def test_two_article_ids_never_share_an_iri(first: str, second: str) -> None:
    if first != second:
        assert Iris().article(first) != Iris().article(second)
    assert Iris().graph(first) != Iris().provenance_graph()
    assert article_slug(first) == article_slug(first) and set(article_slug(first)) <= set(
        slug(first) + "0123456789abcdef-"
    )


def test_an_id_that_is_already_a_slug_is_its_own_iri() -> None:
    assert Iris().article("mine-clearance-azerbaijan-2021") == URIRef(
        "https://w3id.org/newskg/id/article/mine-clearance-azerbaijan-2021"
    )
    pairs = [("Report", "report"), ("a b", "a-b"), ("Ärger", "arger"), ("x" * 121, "x" * 120), ("provenance", "")]
    for lossy, plain in pairs:
        assert article_slug(lossy).startswith(slug(lossy) + "-") and article_slug(lossy) != article_slug(plain)
    looks_digested = f"report-{article_slug('Report').rsplit('-', 1)[1]}"
    assert article_slug(looks_digested) != article_slug("Report")


@given(st.sampled_from(["Person", "Organization", "Place", "Event"]), TEXT.filter(str.strip))
def test_entity_iris_parse_back(kind: str, label: str) -> None:
    node = Iris().entity(entity_key(kind, label))
    graph = Graph()
    graph.add((node, RDFS.label, Literal(label)))
    assert isomorphic(graph, Graph().parse(data=turtle(graph), format="turtle"))


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5), st.sampled_from(["", "en", "de-ch"]))
def test_any_text_survives_every_serialisation(labels: list[str], language: str) -> None:
    node = URIRef("https://w3id.org/newskg/id/place/x")
    dataset = Dataset()
    graph = dataset.graph(URIRef("https://w3id.org/newskg/id/graph/x"))
    for index, label in enumerate(labels):
        literal = Literal(label, lang=language) if language else Literal(label)
        graph.add((node, RDFS.label if index == 0 else SKOS.altLabel, literal))
    assert isomorphic(graph, Graph().parse(data=turtle(graph), format="turtle"))
    assert isomorphic(graph, Graph().parse(data=jsonld(graph), format="json-ld"))
    parsed = Dataset()
    parsed.parse(data=trig(dataset), format="trig")
    assert isomorphic(graph, parsed.graph(URIRef("https://w3id.org/newskg/id/graph/x")))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TEXT, st.sampled_from(["", "en", "int", "iri"])), min_size=1, max_size=6))
def test_jsonld_is_the_text_json_dumps_writes(values: list[tuple[str, str]]) -> None:
    """graph.jsonld is written node by node by our own writer: the same text as `json.dumps(indent=1)` of the
    document, each key's values sorted by their JSON text."""
    graph = Graph()
    for index, (text, kind) in enumerate(values):
        node = URIRef(f"https://w3id.org/newskg/id/place/x{index % 2}")
        value = {
            "": Literal(text),
            "en": Literal(text, lang="en"),
            "int": Literal(str(len(text)), datatype=XSD.integer),
            "iri": URIRef(f"https://w3id.org/newskg/id/place/{len(text)}"),
        }[kind]
        graph.add((node, RDF.type, SDO.Place))
        graph.add((node, SKOS.altLabel, value))
    text = jsonld(graph)
    document = json.loads(text)
    assert text == json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    for node in document["@graph"]:
        found = node["skos:altLabel"]
        assert found == sorted(found, key=lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False))
    assert isomorphic(graph, Graph().parse(data=text, format="json-ld"))


@given(st.text(max_size=3000), st.integers(min_value=50, max_value=400))
def test_pieces_join_back_within_the_limit(text: str, limit: int) -> None:
    found = pieces(text, limit)
    assert "".join(piece for _, piece in found) == text
    assert all(len(piece) <= limit for _, piece in found)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in found)


WORDISH = st.lists(
    st.sampled_from([*MONTHS, "May", "Sept.", "Mayor", "the", "this", "period", "same", "summer", "of", "2019", "1999",
                     "20", "3", "31", "-", "–", "/", ",", " ", "  ", "x", "12019", "20190", "last year", "\n"]),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=300)
@given(st.one_of(WORDISH, TEXT))
def test_date_patterns_found_by_their_opening_match_finditer(text: str) -> None:
    for _, pattern, opening in _COMPILED:
        if opening is not None:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in _matches(pattern, opening, text)] == expected
