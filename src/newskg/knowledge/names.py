"""Plain-text tests on names, shared by the stages that read them (no spaCy, no rdflib)."""

from __future__ import annotations

from functools import cache

from newskg.knowledge.gazetteer import country_names, places
from newskg.knowledge.lexicon import load_lexicon

ACRONYM_MAX = 8


def is_acronym(text: str) -> bool:
    """ "WHO", "U.N.", "IS-K": two to eight capital letters, dots and hyphens aside."""
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= ACRONYM_MAX and letters.isalpha() and letters.isupper()


def is_demonym(word: str) -> bool:
    """True for words such as "Georgian", "Moldovans", "Turkish": of a country, not one."""
    if not word[:1].isupper() or word in places() or word in _country_words():
        return False
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    roots = _country_roots()
    endings = load_lexicon().demonym_endings
    return any(stem[:cut] in roots and stem[cut:] in endings for cut in range(4, len(stem) + 1))


@cache
def _country_words() -> frozenset[str]:
    """The capitalised words of countries' names ("Britain" of "Great Britain"): names, not demonyms."""
    return frozenset(word for country in country_names() for word in country.split() if word[:1].isupper())


@cache
def _country_roots() -> frozenset[str]:
    """ "Moldova", "Moldov", "Mold": the stems a country's demonym may grow from."""
    return frozenset(root for name in _country_words() for root in (name, name[:-1], name[:-2]) if len(root) >= 4)
