"""The files the pages are made of, shipped in export/templates/: read as package data, so an installed
newskg finds them wherever it lives."""

from __future__ import annotations

from importlib import resources

_TEMPLATES = resources.files("newskg") / "export" / "templates"


def asset(name: str) -> str:
    """The text of templates/NAME."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def stylesheet(name: str) -> str:
    """templates/NAME, a rule a line, as the one line a page carries in its <style>."""
    return "".join(asset(name).splitlines())
