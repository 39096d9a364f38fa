"""The lexicons of `ontology/lexicon/` lint clean: no word twice in a list, no word in two lists that say
opposite things, one trigger one event type, and every entry read by the code. Each rule is also run on a
copy with a fault put in, so the test is seen to catch what it is for."""

from __future__ import annotations

import copy
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from newskg.errors import UsageError
from newskg.knowledge.lexicon import ONTOLOGY_DIR, Lexicon, load_lexicon

SOURCE = Path(__file__).resolve().parents[2] / "src" / "newskg"

# Lists no word may share, each with the reason: `file:path`, where `*` stands for every entry of a table.
EXCLUSIVE: dict[str, tuple[str, ...]] = {
    "a word tells one gender": ("people:honorifics.*", "people:gendered.*"),
    "a pronoun stands for one kind and gender": ("pronouns:*.*",),
    "an auxiliary gives one modality": ("modality:modals.*",),
    "a word of planning does not undo a plan": ("modality:plans", "modality:undone"),
    "a verb marks a begin or an end": ("phases:begin_verbs", "phases:end_verbs"),
    "a noun marks a begin or an end": ("phases:begin_nouns", "phases:end_nouns"),
    "a description noun names one kind": ("entities:descriptions.*",),
    "a generic description names one kind": ("entities:generic_descriptions.*",),
    "a head word names one kind": ("entities:name_heads.*", "entities:event_name_heads"),
    "a name word gives one subtype": ("entities:org_subtypes.*",),
    "a form names one currency": ("currencies:*",),
    "a name is one unit": ("units:*.names",),
    "a naming verb is no report": ("speech:verbs", "speech:naming_verbs"),
}


def read_lexicons(directory: Path = ONTOLOGY_DIR) -> dict[str, dict[str, Any]]:
    """Every lexicon file's entries, by the file's name."""
    return {
        path.stem: tomllib.loads(path.read_text("utf-8")) for path in sorted((directory / "lexicon").glob("*.toml"))
    }


def word_lists(node: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    """Every list under `node`, with its dotted path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from word_lists(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        yield path, node


def expand(node: Any, steps: list[str], path: str) -> Iterator[tuple[str, list[Any]]]:
    """The lists a path with `*` steps names."""
    if not steps:
        if isinstance(node, list):
            yield path, node
        return
    if not isinstance(node, dict):
        return
    keys = list(node) if steps[0] == "*" else [steps[0]] if steps[0] in node else []
    for key in keys:
        yield from expand(node[key], steps[1:], f"{path}.{key}")


def repeated(lexicons: dict[str, dict[str, Any]]) -> list[str]:
    """Words listed twice within one list."""
    found = []
    for name, entries in lexicons.items():
        for path, words in word_lists(entries):
            seen: set[Any] = set()
            for word in words:
                if word in seen:
                    found.append(f"{name}:{path}: {word!r} twice")
                seen.add(word)
    return found


def contradictions(lexicons: dict[str, dict[str, Any]]) -> list[str]:
    """Words in two lists of one EXCLUSIVE group."""
    found = []
    for reason, specs in EXCLUSIVE.items():
        owner: dict[Any, str] = {}
        for spec in specs:
            name, path = spec.split(":")
            for where, words in expand(lexicons.get(name, {}), path.split("."), name):
                for word in words:
                    if word in owner and owner[word] != where:
                        found.append(f"{word!r} in {owner[word]} and {where}: {reason}")
                    owner.setdefault(word, where)
    return found


def trigger_clashes(lexicons: dict[str, dict[str, Any]]) -> list[str]:
    """Triggers of two event types where the later can never fire: a noun in two types, a verb in a type
    after one that lists it without making it contextual; and contextual verbs a type does not list."""
    types = {name: spec for name, spec in lexicons["events"].items() if isinstance(spec, dict)}
    found = []
    for name, spec in types.items():
        found += [
            f"events:{name}: contextual verb {verb!r} is not one of its verbs"
            for verb in spec.get("contextual_verbs", [])
            if verb not in spec.get("verbs", [])
        ]
    for kind in ("verbs", "nouns"):
        taken: dict[str, str] = {}
        for name, spec in types.items():
            for word in spec.get(kind, []):
                if word in taken:
                    found.append(f"events: {kind[:-1]} {word!r} of {name} never fires, {taken[word]} takes it first")
                if kind == "nouns" or word not in spec.get("contextual_verbs", []):
                    taken.setdefault(word, name)
    return found


def lint(lexicons: dict[str, dict[str, Any]]) -> list[str]:
    """Everything wrong with the lexicons, one line each."""
    return repeated(lexicons) + contradictions(lexicons) + trigger_clashes(lexicons)


def test_the_shipped_lexicons_lint_clean() -> None:
    assert lint(read_lexicons()) == []


def test_every_exclusive_group_names_lists_that_exist() -> None:
    lexicons = read_lexicons()
    for specs in EXCLUSIVE.values():
        for spec in specs:
            name, path = spec.split(":")
            assert list(expand(lexicons[name], path.split("."), name)), spec


def test_a_word_twice_in_a_list_is_caught() -> None:
    lexicons = read_lexicons()
    lexicons["hedges"]["words"].append("about")
    assert lint(lexicons) == ["hedges:words: 'about' twice"]


@pytest.mark.parametrize(
    ("path", "word", "reason"),
    [
        (("people", "gendered", "male"), "queen", "a word tells one gender"),
        (("pronouns", "Organization", "any"), "his", "a pronoun stands for one kind and gender"),
        (("modality", "modals", "possible"), "will", "an auxiliary gives one modality"),
        (("phases", "end_verbs"), "resume", "a verb marks a begin or an end"),
        (("entities", "event_name_heads"), "district", "a head word names one kind"),
        (("currencies", "AUD"), "aud", None),
        (("currencies", "CAD"), "$", "a form names one currency"),
        (("speech", "naming_verbs"), "say", "a naming verb is no report"),
    ],
)
def test_a_word_in_two_lists_that_contradict_is_caught(path: tuple[str, ...], word: str, reason: str | None) -> None:
    lexicons = copy.deepcopy(read_lexicons())
    node: Any = lexicons
    for step in path:
        node = node[step]
    node.append(word)
    problems = lint(lexicons)
    if reason is None:
        assert problems == [f"currencies:AUD: {word!r} twice"]
    else:
        assert len(problems) == 1 and problems[0].startswith(f"{word!r} in ") and problems[0].endswith(reason)


def test_a_trigger_of_two_event_types_is_caught_unless_the_first_is_contextual() -> None:
    lexicons = copy.deepcopy(read_lexicons())
    events = lexicons["events"]
    events["Meeting"]["verbs"].append("release")
    events["Meeting"]["nouns"].append("treaty")
    assert lint(lexicons) == [
        "events: verb 'release' of Meeting never fires, Exchange takes it first",
        "events: noun 'treaty' of Meeting never fires, Agreement takes it first",
    ]
    events["Exchange"]["contextual_verbs"] = ["release"]
    events["Exchange"]["objects"] = ["hostage"]
    events["Meeting"]["nouns"].remove("treaty")
    assert lint(lexicons) == []


def test_a_contextual_verb_its_type_does_not_list_is_caught() -> None:
    lexicons = copy.deepcopy(read_lexicons())
    lexicons["events"]["Attack"]["contextual_verbs"].append("open")
    assert lint(lexicons) == ["events:Attack: contextual verb 'open' is not one of its verbs"]


def test_release_and_launch_keep_both_of_their_event_types(lexicon: Lexicon) -> None:
    """ "release" and "launch" are listed for two types each: the first only with a fitting object, so
    without one the second fires."""
    fired = {
        (verb, word): getattr(lexicon.event_type_of(verb, True, frozenset({word})), "name", None)
        for verb, word in (("release", "hectare"), ("release", "hostage"), ("launch", "missile"), ("launch", "project"))
    }
    assert fired == {
        ("release", "hectare"): "Clearance",
        ("release", "hostage"): "Exchange",
        ("launch", "missile"): "Attack",
        ("launch", "project"): "Meeting",
    }


def test_every_list_the_lexicon_holds_is_read_by_the_code() -> None:
    """Read outside the loader, or by one of the Lexicon's own methods (`self.phases`)."""
    loader = SOURCE / "knowledge" / "lexicon.py"
    code = "\n".join(path.read_text("utf-8") for path in SOURCE.rglob("*.py") if path != loader)
    own = loader.read_text("utf-8")
    unread = [
        field.name
        for field in fields(Lexicon)
        if not re.search(rf"\.{field.name}\b", code) and not re.search(rf"self\.{field.name}\b", own)
    ]
    assert unread == []


def test_an_entry_nothing_reads_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ONTOLOGY_DIR / "lexicon", tmp_path / "lexicon")
    stopwords = tmp_path / "lexicon" / "stopwords.toml"
    stopwords.write_text(stopwords.read_text("utf-8") + 'extra_words = ["thus"]\n', "utf-8")
    with pytest.raises(UsageError, match=r"stopwords\.toml: unknown entry `extra_words`"):
        load_lexicon(tmp_path)


@pytest.mark.parametrize(
    ("name", "addition", "message"),
    [
        ("events", '\n[Meeting2]\nlabel = "x"\nverb = ["meet"]\n', r"events\.toml: unknown entry `verb` in `Meeting2`"),
        ("units", '\n[thing]\nnames = ["thing"]\n', r"units\.toml: unit `thing` needs a `code`"),
        ("pronouns", '\n[Animal]\nany = ["it"]\n', r"pronouns\.toml: unknown entry `Animal` in `pronouns`"),
        ("entities", "\n[name_heads.Thing]\n", r"entities\.toml: unknown entry `Thing` in `name_heads`"),
        ("layout", "", None),
    ],
)
def test_a_malformed_lexicon_is_refused_with_one_line_naming_the_file(
    tmp_path: Path, name: str, addition: str, message: str | None
) -> None:
    shutil.copytree(ONTOLOGY_DIR / "lexicon", tmp_path / "lexicon")
    path = tmp_path / "lexicon" / f"{name}.toml"
    if message is None:
        path.write_text('credits = "photo"\n', "utf-8")
        message = r"layout\.toml: `credits` must be a list of words"
    else:
        path.write_text(path.read_text("utf-8") + addition, "utf-8")
    with pytest.raises(UsageError, match=message):
        load_lexicon(tmp_path)
