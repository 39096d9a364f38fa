"""What a build gives back: the `BuildResult` and the values it is made of (typed warnings and failures,
per-article counts, the SHACL verdict). At the bottom of the layers: it imports nothing else of newskg's,
so every stage can return these values and the report can read them without reaching the build."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import NamedTuple, Protocol

from rdflib import Dataset


class WarningKind(Enum):
    """What a warning is about: the report page groups warnings by it."""

    INPUT = "input"  # a file passed over, or read with a note (encoding, metadata cut)
    DUPLICATE = "duplicate"  # the same text under another name, built once
    LANGUAGE = "language"  # an article not in the pipeline's language, skipped
    CONFLICT = "conflict"  # figures of one event that cannot both hold
    CACHE = "cache"  # facts the cache could not keep
    PAGE = "page"  # the page draws only part of the graph


class FailureKind(Enum):
    """Why an input gave no article."""

    UNREADABLE = "unreadable"  # the file (or a line of it) cannot be read as an article
    SAME_ID = "same-id"  # another article has its id, or its IRI
    PROCESSING = "processing"  # parsing, extracting or keeping its facts failed


@dataclass(frozen=True)
class BuildWarning:
    """Something a build passed over or changed, as one line."""

    kind: WarningKind
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class BuildFailure:
    """An input that gave no article, as one line naming it and why."""

    kind: FailureKind
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Validation:
    """Whether a graph conforms, and one line per violation."""

    conforms: bool
    violations: tuple[str, ...]


class ArticleCounts(NamedTuple):
    """An article's source and how many entities, events, quantities, statements and roles it gave (a tuple:
    a build of many articles holds one each until report.json is written)."""

    source: str
    entities: int
    events: int
    quantities: int
    statements: int
    roles: int


class Joined(Protocol):
    """Entities seen under different names and made one, and why (`corpus.Merge`)."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def names(self) -> tuple[str, ...]: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def articles(self) -> tuple[str, ...]: ...


@dataclass
class BuildResult:
    """What a build made, what it could not, and where it wrote."""

    out: Path
    articles: list[str] = field(default_factory=list)
    failures: list[BuildFailure] = field(default_factory=list)
    warnings: list[BuildWarning] = field(default_factory=list)
    validation: Validation | None = None
    files: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    merges: list[Joined] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    cached: int = 0
    counts: dict[str, ArticleCounts] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    _dataset: Dataset | None = None

    @property
    def ok(self) -> bool:
        """True when every input was built and nothing failed."""
        return bool(self.articles) and not self.failures

    @property
    def dataset(self) -> Dataset | None:
        """The built graphs as an rdflib dataset (its default graph their union), read from graph.trig
        when first asked for; None when nothing was built."""
        if self._dataset is None and "graph.trig" in self.files:
            self._dataset = read_trig(self.files["graph.trig"])
        return self._dataset


def read_trig(path: Path) -> Dataset:
    """A TriG file as an rdflib dataset whose default graph is the union of its graphs."""
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="trig")
    return dataset
