"""The set-up installs the lock as it is: complete, pinned, and never re-resolved against newer releases."""

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements.lock", ROOT / "requirements-dev.lock"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)", re.MULTILINE)


def locked() -> dict[str, str]:
    """Every package the lock files pin, by canonical name, with its version."""
    return {canonicalize_name(m[1]): m[3] for lock in LOCKS for m in PIN.finditer(lock.read_text(encoding="utf-8"))}


def wanted_extras(pins: dict[str, str]) -> dict[str, set[str]]:
    """The extras that locked packages ask of each other ("lxml[html_clean]")."""
    extras: dict[str, set[str]] = {name: set() for name in pins}
    for name in pins:
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                extras.setdefault(canonicalize_name(requirement.name), set()).update(requirement.extras)
    return extras


def test_the_install_never_asks_the_resolver() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = next(line for line in recipe.splitlines() if "-r requirements.lock" in line)
    assert "--no-deps" in install and "--require-hashes" in install
    assert "pip check" in recipe[recipe.index(install) :]


def test_the_lock_is_complete() -> None:
    """Each locked package's requirements, extras included, are themselves locked at a version that fits."""
    pins = locked()
    missing = []
    for name, extras in wanted_extras(pins).items():
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            env = [{"extra": extra} for extra in extras | {""}]
            if requirement.marker is not None and not any(requirement.marker.evaluate(e) for e in env):
                continue
            version = pins.get(canonicalize_name(requirement.name))
            if version is None or not requirement.specifier.contains(version, prereleases=True):
                missing.append(f"{name} needs {requirement}")
    assert not missing, missing


def test_what_is_installed_is_what_is_locked() -> None:
    pins = locked()
    for name, version in pins.items():
        assert metadata.version(name) == version, name
