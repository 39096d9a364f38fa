"""The word lists extraction uses, read from `ontology/lexicon/*.toml`.

They are data a user may extend (event triggers, units, titles, currencies, pronouns, stop words),
so they live beside the ontology rather than in code. Every entry of a file must be one newskg reads:
a misspelled or unknown one is refused, never silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from newskg.errors import UsageError
from newskg.model import KINDS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
GENDERS = ("female", "male")
_EVENT_KEYS = frozenset({"label", "verbs", "nouns", "contextual_verbs", "objects"})
_UNIT_KEYS = frozenset({"code", "names", "base", "factor", "duration", "band", "glued"})
_DOLLAR_KEYS = ("forms", "countries", "aliases")
_MISSING: Any = object()


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
    light_verbs: frozenset[str]
    party_prepositions: frozenset[str]
    pronouns: dict[str, str]
    pronoun_genders: dict[str, str]
    modals: dict[str, str]
    plans: frozenset[str]
    undone: frozenset[str]
    refused: frozenset[str]
    stop_words: frozenset[str]
    credits: tuple[str, ...]
    event_name_heads: frozenset[str]
    place_modifiers: frozenset[str]
    place_prepositions: frozenset[str]
    title_prepositions: frozenset[str]
    body_nouns: frozenset[str]
    copulas: frozenset[str]
    naming_prepositions: frozenset[str]
    level_prepositions: frozenset[str]
    classifiers: frozenset[str]
    period_words: frozenset[str]
    clock_words: frozenset[str]
    over_verbs: frozenset[str]
    span_verbs: frozenset[str]
    demonym_endings: frozenset[str]
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


class _File:
    """One lexicon file, taken entry by entry: an entry left untaken when the file is done is refused, so
    each entry of a file is one the code reads."""

    def __init__(self, name: str, directory: Path) -> None:
        self.path = directory / "lexicon" / f"{name}.toml"
        self.entries = _read(self.path)

    def take(self, key: str, default: Any = _MISSING) -> Any:
        """The entry `key`, taken out of the file; `default` when the file has none (an error without one)."""
        if key in self.entries:
            return self.entries.pop(key)
        if default is _MISSING:
            raise UsageError(f"{self.path}: no entry `{key}`")
        return default

    def words(self, key: str, default: Any = _MISSING) -> list[str]:
        """The list of words `key`."""
        return _words(self.path, key, self.take(key, default))

    def table(self, key: str, default: Any = _MISSING) -> dict[str, Any]:
        """The table `key`."""
        return _table(self.path, key, self.take(key, default))

    def rest(self) -> dict[str, Any]:
        """Every entry not taken yet (tables the user names: event types, units, currencies)."""
        rest, self.entries = self.entries, {}
        return rest

    def done(self) -> None:
        """Refuse an entry nothing took: a misspelled list would otherwise be silently ignored."""
        if self.entries:
            raise UsageError(f"{self.path}: unknown entry `{next(iter(self.entries))}` (newskg reads no such list)")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise UsageError(f"{path}: cannot read the lexicon ({error.strerror})") from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML ({error})") from error


def _words(path: Path, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise UsageError(f"{path}: `{key}` must be a list of words")
    return value


def _table(path: Path, key: str, value: Any, allowed: frozenset[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UsageError(f"{path}: `{key}` must be a table")
    unknown = [name for name in value if allowed is not None and name not in allowed]
    if unknown:
        raise UsageError(f"{path}: unknown entry `{unknown[0]}` in `{key}`")
    return value


def _word_tables(path: Path, key: str, value: Any, allowed: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """A table of word lists (`Place = ["district", ...]`), its names limited to `allowed` when given."""
    return {name: _words(path, f"{key}.{name}", words) for name, words in _table(path, key, value, allowed).items()}


def _strings(path: Path, key: str, value: Any) -> dict[str, str]:
    table = _table(path, key, value)
    if not all(isinstance(text, str) for text in table.values()):
        raise UsageError(f"{path}: the values of `{key}` must be strings")
    return table


def _event_types(events: _File) -> tuple[EventType, ...]:
    types = []
    for name, value in events.rest().items():
        spec = _table(events.path, name, value, _EVENT_KEYS)
        if not isinstance(spec.get("label"), str):
            raise UsageError(f"{events.path}: event type `{name}` needs a `label`")
        lists = {
            key: frozenset(_words(events.path, f"{name}.{key}", spec.get(key, []))) for key in _EVENT_KEYS - {"label"}
        }
        types.append(
            EventType(name, spec["label"], lists["verbs"], lists["nouns"], lists["contextual_verbs"], lists["objects"])
        )
    return tuple(types)


def _units(units: _File) -> tuple[Unit, ...]:
    found = []
    for name, value in units.rest().items():
        spec = _table(units.path, name, value, _UNIT_KEYS)
        if not isinstance(spec.get("code"), str):
            raise UsageError(f"{units.path}: unit `{name}` needs a `code`")
        try:
            factor = Decimal(spec["factor"]) if "factor" in spec else None
        except (InvalidOperation, TypeError, ValueError) as error:
            raise UsageError(f"{units.path}: unit `{name}` has a `factor` that is not a number") from error
        found.append(
            Unit(
                name=name,
                code=spec["code"],
                names=tuple(_words(units.path, f"{name}.names", spec.get("names"))),
                base=spec.get("base"),
                factor=factor,
                duration=bool(spec.get("duration", False)),
                band=bool(spec.get("band", False)),
                glued=tuple(_words(units.path, f"{name}.glued", spec.get("glued", []))),
            )
        )
    return tuple(found)


def _pronouns(pronouns: _File) -> dict[str, tuple[str, str]]:
    """Each pronoun's entity kind and the gender it tells ("any" for none)."""
    found = {}
    for kind, value in _table(pronouns.path, "pronouns", pronouns.rest(), KINDS).items():
        for gender, words in _word_tables(pronouns.path, kind, value, (*GENDERS, "any")).items():
            found.update(dict.fromkeys(words, (kind, gender)))
    return found


@cache
def load_lexicon(directory: Path = ONTOLOGY_DIR) -> Lexicon:
    """Read every lexicon file under `directory/lexicon`."""
    files = {
        name: _File(name, directory)
        for name in (
            "events",
            "units",
            "roles",
            "entities",
            "speech",
            "hedges",
            "currencies",
            "phases",
            "people",
            "pronouns",
            "modality",
            "stopwords",
            "layout",
        )
    }
    lexicon = _lexicon(files)
    for file in files.values():
        file.done()
    return lexicon


def _lexicon(files: dict[str, _File]) -> Lexicon:
    events, units, roles, entities, speech = (
        files[name] for name in ("events", "units", "roles", "entities", "speech")
    )
    hedges, currencies, phases, people = (files[name] for name in ("hedges", "currencies", "phases", "people"))
    light_verbs = events.words("light_verbs", [])
    party_prepositions = events.words("party_prepositions", [])
    local_dollars = _table(currencies.path, "local_dollars", currencies.take("local_dollars", {}), _DOLLAR_KEYS)
    honorifics = _word_tables(people.path, "honorifics", people.take("honorifics"), (*GENDERS, "any"))
    gendered = _word_tables(people.path, "gendered", people.take("gendered"), GENDERS)
    kind_words = {
        key: _word_tables(entities.path, key, entities.take(key), KINDS)
        for key in ("descriptions", "generic_descriptions", "name_heads")
    }
    labels = entities.table("labels")
    if not set(labels.values()) <= set(KINDS):
        raise UsageError(f"{entities.path}: `labels` may give only the kinds {', '.join(KINDS)}")
    pronouns = _pronouns(files["pronouns"])
    modals = _word_tables(files["modality"].path, "modals", files["modality"].take("modals"))
    return Lexicon(
        event_types=_event_types(events),
        units=_units(units),
        currencies={
            form: code for code, forms in currencies.rest().items() for form in _words(currencies.path, code, forms)
        },
        local_dollar_forms=frozenset(_words(currencies.path, "local_dollars.forms", local_dollars.pop("forms", []))),
        local_dollars=_strings(currencies.path, "local_dollars.countries", local_dollars.pop("countries", {})),
        country_aliases=_strings(currencies.path, "local_dollars.aliases", local_dollars.pop("aliases", {})),
        titles=frozenset(roles.words("titles")),
        title_modifiers=frozenset(roles.words("title_modifiers")),
        title_abbreviations=_strings(roles.path, "abbreviations", roles.take("abbreviations")),
        staff_titles=frozenset(roles.words("staff_titles", [])),
        honorifics={word: gender for gender, words in honorifics.items() for word in words},
        genders={
            word: gender
            for table in (honorifics, gendered)
            for gender, words in table.items()
            if gender != "any"
            for word in words
        },
        role_verbs=_strings(roles.path, "verbs", roles.take("verbs", {})),
        offices=_strings(roles.path, "offices", roles.take("offices", {})),
        entity_labels=labels,
        descriptions={noun: kind for kind, nouns in kind_words["descriptions"].items() for noun in nouns},
        generic_descriptions=frozenset(noun for nouns in kind_words["generic_descriptions"].values() for noun in nouns),
        description_names={
            noun: tuple(names)
            for noun, names in _word_tables(
                entities.path, "description_names", entities.take("description_names", {})
            ).items()
        },
        org_subtypes={
            kind: tuple(words)
            for kind, words in _word_tables(entities.path, "org_subtypes", entities.take("org_subtypes")).items()
        },
        name_heads={noun: kind for kind, nouns in kind_words["name_heads"].items() for noun in nouns},
        outlet_nouns=frozenset(entities.words("outlets")),
        speech_verbs=frozenset(speech.words("verbs")),
        object_speech_verbs=frozenset(speech.words("object_verbs")),
        attributions=tuple(speech.words("attributions")),
        speaking_bodies=frozenset(speech.words("bodies", [])),
        speech_documents=frozenset(speech.words("documents", [])),
        naming_verbs=frozenset(speech.words("naming_verbs", [])),
        denials=frozenset(speech.words("denials")),
        hedges=tuple(sorted(hedges.words("words"), key=len, reverse=True)),
        hedge_verbs=frozenset(hedges.words("verbs")),
        level_verbs=frozenset(hedges.words("level_verbs")),
        count_nouns=frozenset(hedges.words("count_nouns")),
        not_counted_after_one=frozenset(hedges.words("not_counted_after_one", [])),
        people_verbs=frozenset(hedges.words("people_verbs", [])),
        phases={
            (word, kind == "verbs"): phase
            for phase in ("begin", "end")
            for kind in ("verbs", "nouns")
            for word in phases.words(f"{phase}_{kind}")
        },
        light_verbs=frozenset(light_verbs),
        party_prepositions=frozenset(party_prepositions),
        pronouns={word: kind for word, (kind, _) in pronouns.items()},
        pronoun_genders={word: gender for word, (_, gender) in pronouns.items() if gender != "any"},
        modals={word: modality for modality, words in modals.items() for word in words},
        plans=frozenset(files["modality"].words("plans")),
        undone=frozenset(files["modality"].words("undone")),
        refused=frozenset(files["modality"].words("refused")),
        stop_words=frozenset(files["stopwords"].words("words")),
        credits=tuple(files["layout"].words("credits")),
        event_name_heads=frozenset(entities.words("event_name_heads")),
        place_modifiers=frozenset(entities.words("place_modifiers")),
        place_prepositions=frozenset(entities.words("place_prepositions")),
        title_prepositions=frozenset(roles.words("title_prepositions")),
        body_nouns=frozenset(roles.words("body_nouns")),
        copulas=frozenset(roles.words("copulas")),
        naming_prepositions=frozenset(speech.words("naming_prepositions")),
        level_prepositions=frozenset(hedges.words("level_prepositions")),
        classifiers=frozenset(hedges.words("classifiers")),
        period_words=frozenset(hedges.words("period_words")),
        clock_words=frozenset(hedges.words("clock_words")),
        over_verbs=frozenset(hedges.words("over_verbs")),
        span_verbs=frozenset(hedges.words("span_verbs")),
        demonym_endings=frozenset(entities.words("demonym_endings")),
    )
