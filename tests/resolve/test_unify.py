"""Joining entities across articles (newskg.resolve.corpus) and linking places by their context
(newskg.knowledge.gazetteer), on entities and names written for the tests."""

from __future__ import annotations

from newskg.knowledge.gazetteer import Context, link
from newskg.model import Entity
from newskg.resolve.corpus import CorpusEntities, unify

GEORGIA_COUNTRY, GEORGIA_STATE = 614540, 4197000


def _person(key: str, *names: str) -> Entity:
    return Entity(key, "Person", names[0], tuple(names[1:]))


def _org(key: str, *names: str, located_in: tuple[str, ...] = ()) -> Entity:
    return Entity(key, "Organization", names[0], tuple(names[1:]), located_in=located_in)


def _place(key: str, name: str, geonameid: int | None = None) -> Entity:
    same_as = (f"https://sws.geonames.org/{geonameid}/",) if geonameid else ()
    return Entity(key, "Place", name, same_as=same_as)


def _same(unified: CorpusEntities, first: tuple[int, str], second: tuple[int, str]) -> bool:
    return unified.key_of[first] == unified.key_of[second]


def test_a_lone_acronym_joins_the_one_organization_known_by_it() -> None:
    unified = unify(
        [
            ("a", [_org("organization/ndb", "NDB")]),
            ("b", [_org("organization/national-drainage-board", "National Drainage Board", "NDB")]),
            ("c", [_org("organization/ndb", "NDB")]),
        ]
    )
    assert _same(unified, (0, "organization/ndb"), (1, "organization/national-drainage-board"))
    assert _same(unified, (2, "organization/ndb"), (1, "organization/national-drainage-board"))
    entity = unified.entities[unified.key_of[(0, "organization/ndb")]]
    assert entity.label == "National Drainage Board" and entity.alt_labels == ("NDB",)
    assert [merge.label for merge in unified.merges] == ["National Drainage Board"]


def test_an_acronym_that_two_organizations_spell_is_reported_not_joined() -> None:
    unified = unify(
        [
            ("a", [_org("organization/ndb", "NDB")]),
            ("b", [_org("organization/national-drainage-board", "National Drainage Board")]),
            ("c", [_org("organization/northern-development-bank", "Northern Development Bank")]),
        ]
    )
    assert len(set(unified.key_of.values())) == 3
    assert any("'NDB'" in note for note in unified.ambiguous)


def test_full_names_join_and_surnames_join_only_one_full_name() -> None:
    unified = unify(
        [
            ("a", [_person("person/jo-park", "Jo Park")]),
            ("b", [_person("person/jo-park", "Jo Park", "Park")]),
            ("c", [_person("person/park", "Park")]),
            ("d", [_person("person/lee-kim", "Lee Kim"), _person("person/ana-kim", "Ana Kim")]),
            ("e", [_person("person/kim", "Kim")]),
        ]
    )
    assert _same(unified, (0, "person/jo-park"), (1, "person/jo-park"))
    assert _same(unified, (2, "person/park"), (0, "person/jo-park"))
    kim = unified.key_of[(4, "person/kim")]
    assert kim not in {unified.key_of[(3, "person/lee-kim")], unified.key_of[(3, "person/ana-kim")]}


def test_one_countrys_ministry_is_one_and_two_countries_are_two() -> None:
    unified = unify(
        [
            (
                "a",
                [
                    _place("place/chile", "Chile", 3895114),
                    _org("o/m", "Ministry of Mines", located_in=("place/chile",)),
                ],
            ),
            ("b", [_org("o/cm", "Chile Ministry of Mines")]),
            (
                "c",
                [_place("place/peru", "Peru", 3932488), _org("o/m", "Ministry of Mines", located_in=("place/peru",))],
            ),
        ]
    )
    assert _same(unified, (0, "o/m"), (1, "o/cm"))
    assert not _same(unified, (0, "o/m"), (2, "o/m"))
    keys = {unified.key_of[(0, "o/m")], unified.key_of[(2, "o/m")]}
    assert keys == {"organization/chile-ministry-of-mines", "organization/peru-ministry-of-mines"}


def test_places_join_by_geonames_id_and_a_shared_name_with_two_ids_stays_two() -> None:
    unified = unify(
        [
            ("a", [_place("place/kiev", "Kiev", 703448)]),
            ("b", [_place("place/kyiv", "Kyiv", 703448)]),
            ("c", [_place("place/georgia", "Georgia", GEORGIA_COUNTRY)]),
            ("d", [_place("place/georgia", "Georgia", GEORGIA_STATE)]),
        ]
    )
    assert _same(unified, (0, "place/kiev"), (1, "place/kyiv"))
    assert unified.key_of[(2, "place/georgia")] == f"place/georgia-{GEORGIA_COUNTRY}"
    assert unified.key_of[(3, "place/georgia")] == f"place/georgia-{GEORGIA_STATE}"


def test_joining_is_the_same_whatever_the_order_of_articles() -> None:
    articles = [
        ("a", [_org("organization/ndb", "NDB")]),
        ("b", [_org("organization/national-drainage-board", "National Drainage Board", "NDB")]),
        ("c", [_person("person/park", "Park")]),
        ("d", [_person("person/jo-park", "Jo Park")]),
    ]
    forward, backward = unify(articles), unify(articles[::-1])
    assert sorted(forward.entities) == sorted(backward.entities)


def test_a_shared_place_name_is_linked_by_the_other_places_of_its_text() -> None:
    beside_tbilisi = link("Georgia", Context.of(["Tbilisi", "Azerbaijan"]))
    beside_atlanta = link("Georgia", Context.of(["Atlanta", "Savannah", "Florida"]))
    alone = link("Georgia", Context.of([]))
    assert beside_tbilisi is not None and beside_tbilisi.geonameid == GEORGIA_COUNTRY
    assert beside_atlanta is not None and beside_atlanta.geonameid == GEORGIA_STATE
    assert alone is not None and alone.geonameid == GEORGIA_COUNTRY
    assert link("Georgia", Context.of(["United States"])) == alone


def test_country_names_from_iso_3166_are_the_geonames_country() -> None:
    for name in ("Türkiye", "Turkey", "Russian Federation", "Russia"):
        place = link(name, Context.of([]))
        assert place is not None and place.subtype == "Country", name
    assert link("Türkiye", Context()) == link("Turkey", Context())


def test_a_town_name_several_countries_share_is_not_guessed() -> None:
    assert link("Hamilton", Context.of([])) is None
    found = link("Hamilton", Context.of(["United Kingdom"]))
    assert found is not None and found.country == "GB"
