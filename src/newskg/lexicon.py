"""The word lists extraction uses, read from `ontology/lexicon/*.toml`.

They are data a user may extend (event triggers, units, titles, currencies),
so they live beside the ontology rather than in code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from newskg.errors import UsageError

ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"


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


@dataclass(frozen=True)
class Lexicon:
    """Every list extraction reads, loaded once."""

    event_types: tuple[EventType, ...]
    units: tuple[Unit, ...]
    currencies: dict[str, str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    title_abbreviations: dict[str, str]
    entity_labels: dict[str, str]
    descriptions: dict[str, str]
    org_subtypes: dict[str, tuple[str, ...]]
    name_heads: dict[str, str]
    speech_verbs: frozenset[str]
    attributions: tuple[str, ...]
    denials: frozenset[str]
    hedges: tuple[str, ...]
    hedge_verbs: frozenset[str]
    level_verbs: frozenset[str]
    count_nouns: frozenset[str]
    phases: dict[tuple[str, bool], str]
    honorifics: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()

    def unit_named(self, words: str) -> Unit | None:
        """The unit a lower-case word or phrase names, if any."""
        return _unit_index(self).get(words.lower())

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


def _unit_index(lexicon: Lexicon) -> dict[str, Unit]:
    return {name: unit for unit in lexicon.units for name in unit.names}


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
    phases = _read("phases", directory)
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
            )
            for name, spec in units.items()
        ),
        currencies={form: code for code, forms in currencies.items() for form in forms},
        titles=frozenset(roles["titles"]),
        title_modifiers=frozenset(roles["title_modifiers"]),
        title_abbreviations=dict(roles["abbreviations"]),
        entity_labels=dict(entities["labels"]),
        descriptions={noun: kind for kind, nouns in entities["descriptions"].items() for noun in nouns},
        org_subtypes={kind: tuple(words) for kind, words in entities["org_subtypes"].items()},
        name_heads={noun: kind for kind, nouns in entities["name_heads"].items() for noun in nouns},
        speech_verbs=frozenset(speech["verbs"]),
        attributions=tuple(speech["attributions"]),
        denials=frozenset(speech["denials"]),
        hedges=tuple(sorted(hedges["words"], key=len, reverse=True)),
        hedge_verbs=frozenset(hedges["verbs"]),
        level_verbs=frozenset(hedges["level_verbs"]),
        count_nouns=frozenset(hedges["count_nouns"]),
        phases={
            (word, kind == "verbs"): phase
            for phase in ("begin", "end")
            for kind in ("verbs", "nouns")
            for word in phases[f"{phase}_{kind}"]
        },
        honorifics=frozenset(entities.get("honorifics", ())),
        light_verbs=frozenset(light_verbs),
    )
