"""The word lists extraction uses, read from `ontology/lexicon/*.toml`.

They are data a user may extend (event triggers, units, titles, currencies),
so they live beside the ontology rather than in code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from newskg.errors import UsageError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class EventType:
    """An event class of the ontology with its trigger lemmas."""

    name: str
    label: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    contextual: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Unit:
    """A unit of measure with its UN/CEFACT code and conversion to a base unit."""

    name: str
    code: str
    names: tuple[str, ...]
    base: str | None = None
    factor: Decimal | None = None
    duration: bool = False
    band: bool = False
    glued: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """Every list extraction reads, loaded once."""

    event_types: tuple[EventType, ...]
    units: tuple[Unit, ...]
    currencies: dict[str, str]
    local_dollar_forms: frozenset[str]
    local_dollars: dict[str, str]
    country_aliases: dict[str, str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    title_abbreviations: dict[str, str]
    staff_titles: frozenset[str]
    honorifics: dict[str, str]
    genders: dict[str, str]
    role_verbs: dict[str, str]
    offices: dict[str, str]
    entity_labels: dict[str, str]
    descriptions: dict[str, str]
    generic_descriptions: frozenset[str]
    description_names: dict[str, tuple[str, ...]]
    org_subtypes: dict[str, tuple[str, ...]]
    name_heads: dict[str, str]
    outlet_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    object_speech_verbs: frozenset[str]
    attributions: tuple[str, ...]
    speaking_bodies: frozenset[str]
    speech_documents: frozenset[str]
    naming_verbs: frozenset[str]
    denials: frozenset[str]
    hedges: tuple[str, ...]
    hedge_verbs: frozenset[str]
    level_verbs: frozenset[str]
    count_nouns: frozenset[str]
    not_counted_after_one: frozenset[str]
    people_verbs: frozenset[str]
    phases: dict[tuple[str, bool], str]
    light_verbs: frozenset[str] = frozenset()
    unit_names: dict[str, Unit] = field(init=False, repr=False, compare=False)
    unit_first_words: frozenset[str] = field(init=False, repr=False, compare=False)
    glued_units: dict[str, Unit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the units by name once: quantities look them up for every number."""
        names = {name: unit for unit in self.units for name in unit.names}
        object.__setattr__(self, "unit_names", names)
        object.__setattr__(self, "unit_first_words", frozenset(name.split()[0] for name in names))
        object.__setattr__(self, "glued_units", {form: unit for unit in self.units for form in unit.glued})

    def unit_named(self, words: str) -> Unit | None:
        """The unit a lower-case word or phrase names, if any."""
        return self.unit_names.get(words.lower())

    def phase_of(self, lemma: str, is_verb: bool) -> str | None:
        """ "begin" or "end" for a word that marks an event's start or end ("resume", "end")."""
        return self.phases.get((lemma, is_verb))

    def event_type_of(self, lemma: str, is_verb: bool, objects: frozenset[str] = frozenset()) -> EventType | None:
        """The event type a verb or noun lemma triggers, if any (first listed wins). A verb a type lists as
        contextual ("launch" for an attack) triggers it only when its object's words hold one of the type's
        objects or nouns ("launched missiles", not "launched a project")."""
        for event_type in self.event_types:
            if lemma not in (event_type.verbs if is_verb else event_type.nouns):
                continue
            if is_verb and lemma in event_type.contextual and not objects & (event_type.objects | event_type.nouns):
                continue
            return event_type
        return None


def _read(name: str, directory: Path) -> dict:
    path = directory / "lexicon" / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise UsageError(f"{path}: cannot read the lexicon ({error.strerror})") from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML ({error})") from error


@cache
def load_lexicon(directory: Path = ONTOLOGY_DIR) -> Lexicon:
    """Read every lexicon file under `directory/lexicon`."""
    events = _read("events", directory)
    light_verbs = events.pop("light_verbs", [])
    units = _read("units", directory)
    roles = _read("roles", directory)
    entities = _read("entities", directory)
    speech = _read("speech", directory)
    hedges = _read("hedges", directory)
    currencies = _read("currencies", directory)
    local_dollars = currencies.pop("local_dollars", {})
    phases = _read("phases", directory)
    people = _read("people", directory)
    return Lexicon(
        event_types=tuple(
            EventType(
                name,
                spec["label"],
                frozenset(spec.get("verbs", ())),
                frozenset(spec.get("nouns", ())),
                frozenset(spec.get("contextual_verbs", ())),
                frozenset(spec.get("objects", ())),
            )
            for name, spec in events.items()
        ),
        units=tuple(
            Unit(
                name=name,
                code=spec["code"],
                names=tuple(spec["names"]),
                base=spec.get("base"),
                factor=Decimal(spec["factor"]) if "factor" in spec else None,
                duration=bool(spec.get("duration", False)),
                band=bool(spec.get("band", False)),
                glued=tuple(spec.get("glued", ())),
            )
            for name, spec in units.items()
        ),
        currencies={form: code for code, forms in currencies.items() for form in forms},
        local_dollar_forms=frozenset(local_dollars.get("forms", ())),
        local_dollars=dict(local_dollars.get("countries", {})),
        country_aliases=dict(local_dollars.get("aliases", {})),
        titles=frozenset(roles["titles"]),
        title_modifiers=frozenset(roles["title_modifiers"]),
        title_abbreviations=dict(roles["abbreviations"]),
        staff_titles=frozenset(roles.get("staff_titles", ())),
        honorifics={word: gender for gender, words in people["honorifics"].items() for word in words},
        genders={
            word: gender
            for table in ("honorifics", "gendered")
            for gender, words in people[table].items()
            if gender != "any"
            for word in words
        },
        role_verbs=dict(roles.get("verbs", {})),
        offices=dict(roles.get("offices", {})),
        entity_labels=dict(entities["labels"]),
        descriptions={noun: kind for kind, nouns in entities["descriptions"].items() for noun in nouns},
        generic_descriptions=frozenset(noun for nouns in entities["generic_descriptions"].values() for noun in nouns),
        description_names={noun: tuple(names) for noun, names in entities.get("description_names", {}).items()},
        org_subtypes={kind: tuple(words) for kind, words in entities["org_subtypes"].items()},
        name_heads={noun: kind for kind, nouns in entities["name_heads"].items() for noun in nouns},
        outlet_nouns=frozenset(entities.get("outlets", {}).get("nouns", ())),
        speech_verbs=frozenset(speech["verbs"]),
        object_speech_verbs=frozenset(speech["object_verbs"]),
        attributions=tuple(speech["attributions"]),
        speaking_bodies=frozenset(speech.get("bodies", ())),
        speech_documents=frozenset(speech.get("documents", ())),
        naming_verbs=frozenset(speech.get("naming_verbs", ())),
        denials=frozenset(speech["denials"]),
        hedges=tuple(sorted(hedges["words"], key=len, reverse=True)),
        hedge_verbs=frozenset(hedges["verbs"]),
        level_verbs=frozenset(hedges["level_verbs"]),
        count_nouns=frozenset(hedges["count_nouns"]),
        not_counted_after_one=frozenset(hedges.get("not_counted_after_one", ())),
        people_verbs=frozenset(hedges.get("people_verbs", ())),
        phases={
            (word, kind == "verbs"): phase
            for phase in ("begin", "end")
            for kind in ("verbs", "nouns")
            for word in phases[f"{phase}_{kind}"]
        },
        light_verbs=frozenset(light_verbs),
    )
