"""Plain-text tests on names, shared by the stages that read them (no spaCy, no rdflib)."""

from __future__ import annotations

ACRONYM_MAX = 8


def is_acronym(text: str) -> bool:
    """ "WHO", "U.N.", "IS-K": two to eight capital letters, dots and hyphens aside."""
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= ACRONYM_MAX and letters.isalpha() and letters.isupper()
