"""A build's first pass: the articles read as they are parsed (here, in local processes or on a cluster),
each one's facts kept in the cache, and only what the second pass needs of each held (`IndexedArticle`). Long
articles are parsed here after the others, a section at a time (`sections`).

In local processes, each article's facts are kept and summed up (`Kept`) in the process that parsed it, so
only the summary comes back; from a cluster, whose workers cannot reach the cache, the facts come back
and are kept here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language

from newskg.errors import InputError, Skipped, UsageError
from newskg.export.report import article_counts
from newskg.ingest.articles import Excluded, iter_articles
from newskg.limits import Limits
from newskg.model import Article, Entity, ResolvedArticle
from newskg.nlp import in_language, model_name
from newskg.pipeline.cache import Cache
from newskg.pipeline.second_pass import IndexedArticle
from newskg.pipeline.sections import in_sections
from newskg.pipeline.workers import ParseFailure, ParseOutcome, in_pool, in_process, on_cluster, task_size
from newskg.rdf.iris import article_slug
from newskg.resolve.conflicts import describe
from newskg.result import ArticleCounts, BuildFailure, BuildWarning, FailureKind, WarningKind

_ROUNDS = 4  # tasks at least each worker is given: one slow article then holds up a quarter of its share


@dataclass
class FirstPass:
    """What the first pass gives: what is held of each article (sorted by id), how many the cache had,
    each article's counts, and what it warned of and what failed."""

    index: list[IndexedArticle] = field(default_factory=list)
    cached: int = 0
    counts: dict[str, ArticleCounts] = field(default_factory=dict)
    warnings: list[BuildWarning] = field(default_factory=list)
    failures: list[BuildFailure] = field(default_factory=list)


def first_pass(
    inputs: Inputs,
    nlp: Language,
    facts: Cache,
    progress: Callable[[int, int], None],
    runner: Runner,
    total: int,
    limits: Limits,
) -> FirstPass:
    """Every article's facts, from the cache where it has them, else parsed, and kept in `facts`; what is
    held of each (see `IndexedArticle`), sorted by article id."""
    result = FirstPass(warnings=inputs.warnings, failures=inputs.failures)  # in the order the inputs are read
    index = result.index
    holder = _Holder(result.counts)
    counter = _Counter(progress, 0, total)
    long: list[Article] = []  # parsed here after the others, a section at a time

    def parse() -> Iterator[Article]:
        for article in inputs:
            found = facts.get(article)
            if found is not None:
                result.cached += 1
                index.append(holder.hold(summed_up(found, str(facts.entry(article)))))
                counter(1)
            elif not in_language(nlp, article.text):
                result.warnings.append(
                    BuildWarning(
                        WarningKind.LANGUAGE,
                        f"{article.source}: does not read as {nlp.lang!r} text; skipped "
                        "(name a pipeline for its language with --model)",
                    )
                )
            elif len(article.text) > limits.long_article:
                long.append(article)
            else:
                yield article

    refused = 0
    sectioned = _each(in_sections(long, nlp, facts, counter, limits), partial(kept, facts))
    for item in chain(_outcomes(parse(), nlp, facts, runner, counter, total, limits), sectioned):
        if isinstance(item, ParseFailure):
            result.failures.append(BuildFailure(FailureKind.PROCESSING, str(item)))
            continue
        refused += isinstance(item.held.facts, ResolvedArticle)
        index.append(holder.hold(item))
    counter.total = counter.done
    counter(0)
    if refused:
        result.warnings.append(
            BuildWarning(WarningKind.CACHE, f"{facts.folder}: {refused} article(s) could not be kept in the cache")
        )
    index.sort(key=lambda item: item.id)
    result.warnings.extend(
        BuildWarning(WarningKind.CONFLICT, note) for item in index for note in holder.notes.get(item.id, ())
    )
    return result


@dataclass(frozen=True)
class Kept:
    """An article whose facts are kept: what the build holds of it (its entities without their mentions, and
    where its facts wait), its conflict notes and its counts. Small: this is what a worker sends back."""

    held: IndexedArticle
    notes: list[str]
    counts: ArticleCounts


def kept(facts: Cache, item: ResolvedArticle) -> Kept:
    """Keep an article's facts in `facts` and sum them up; the facts themselves are held when the cache
    refuses them."""
    article = item.extraction.article
    return summed_up(item, str(facts.entry(article)) if facts.put(article, item) else item)


def summed_up(item: ResolvedArticle, facts: str | ResolvedArticle) -> Kept:
    """What the build holds of an article whose facts wait at `facts` (a cache entry's path, or themselves)."""
    article = item.extraction.article
    entities = tuple(replace(entity, mentions=()) for entity in item.entities)
    held = IndexedArticle(article.id, article.source, entities, facts)
    return Kept(held, describe(item), article_counts(item))


@dataclass
class _Holder:
    """What the first pass keeps of each article: its entities without their mentions (one copy of each
    entity seen alike: most recur across a corpus), its notes and its counts."""

    counts: dict[str, ArticleCounts]
    notes: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[Entity, Entity] = field(default_factory=dict)

    def hold(self, item: Kept) -> IndexedArticle:
        """What the build holds of an article, its entities shared with those of the articles held before."""
        held = item.held
        if item.notes:
            self.notes[held.id] = item.notes
        self.counts[held.id] = item.counts
        return replace(held, entities=tuple(self.entities.setdefault(entity, entity) for entity in held.entities))


@dataclass
class Runner:
    """Where articles are parsed: here, in `jobs` local processes, or on the Dask cluster at `scheduler`."""

    jobs: int = 1
    scheduler: str | None = None

    @classmethod
    def of(cls, jobs: int | None, scheduler: str | None) -> Runner:
        """`jobs` processes (None: one per core), or the Dask cluster at `scheduler`."""
        count = jobs if jobs is not None else os.cpu_count() or 1
        if count < 1:
            raise UsageError(f"--jobs {count}: give 1 or more")
        return cls(count, scheduler)


def _outcomes(
    articles: Iterator[Article],
    nlp: Language,
    facts: Cache,
    runner: Runner,
    progress: Callable[[int], None],
    total: int,
    limits: Limits,
) -> Iterable[Kept | ParseFailure]:
    """The articles (about `total`) parsed and their facts kept: on the cluster, in a pool (`limits.min_for_pool`
    or more of them; each worker keeping the facts of the articles it parsed, a few tasks each however small
    the corpus, so they finish together), or here."""
    keep = partial(kept, facts)
    if runner.scheduler:
        return _each(on_cluster(articles, model_name(nlp), runner.scheduler, progress, limits), keep)
    first = list(islice(articles, limits.min_for_pool))
    if runner.jobs > 1 and len(first) == limits.min_for_pool:
        size = task_size(total, runner.jobs, limits.task_articles, _ROUNDS)
        return in_pool(
            chain(first, articles), model_name(nlp), runner.jobs, progress, keep, replace(limits, task_articles=size)
        )
    return _each(in_process(chain(first, articles), nlp, progress, limits), keep)


def _each(outcomes: Iterable[ParseOutcome], keep: Callable[[ResolvedArticle], Kept]) -> Iterator[Kept | ParseFailure]:
    """Each parsed article's facts kept, each failure passed on."""
    return (item if isinstance(item, ParseFailure) else keep(item) for item in outcomes)


@dataclass
class _Counter:
    """Progress over the articles, those the cache had and those parsed."""

    report: Callable[[int, int], None]
    done: int
    total: int

    def __call__(self, count: int) -> None:
        self.done += count
        self.report(self.done, self.total)


class Inputs:
    """The readable articles under some paths, each once (the same text again, under any id, is built
    once, with a warning), read as they are asked for, passing over what `excluded` holds; what they warn of
    and what fails is gathered in `warnings` and `failures`."""

    def __init__(self, paths: Sequence[str | Path], excluded: Excluded) -> None:
        self.paths = paths
        self.excluded = excluded
        self.warnings: list[BuildWarning] = []
        self.failures: list[BuildFailure] = []
        self.newest = 0.0  # the newest modification time of a file read

    def __iter__(self) -> Iterator[Article]:
        by_id: dict[str, str] = {}
        by_iri: dict[str, str] = {}  # two ids of one IRI would share a graph (a digest collision: crafted)
        by_text: dict[bytes, str] = {}
        for item in iter_articles(self.paths, self.excluded):
            if isinstance(item, Skipped):
                self.warnings.append(BuildWarning(WarningKind.INPUT, str(item)))
                continue
            if isinstance(item, InputError):
                self.failures.append(BuildFailure(FailureKind.UNREADABLE, str(item)))
                continue
            surrogate = _lone_surrogate(item)
            if surrogate is not None:
                self.failures.append(BuildFailure(FailureKind.UNREADABLE, f"{item.source}: {surrogate}"))
                continue
            self.warnings.extend(BuildWarning(WarningKind.INPUT, f"{item.source}: {note}") for note in item.notes)
            digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).digest()
            earlier = by_text.get(digest)
            if earlier is not None:
                self.warnings.append(
                    BuildWarning(WarningKind.DUPLICATE, f"{item.source}: the same text as {earlier}; built once")
                )
            elif item.id in by_id:
                self.failures.append(
                    BuildFailure(
                        FailureKind.SAME_ID, f"{item.source}: another article ({by_id[item.id]}) has the id {item.id!r}"
                    )
                )
            elif article_slug(item.id) in by_iri:
                earlier = by_iri[article_slug(item.id)]
                self.failures.append(
                    BuildFailure(
                        FailureKind.SAME_ID,
                        f"{item.source}: its id {item.id!r} gives the IRI of {earlier}'s; rename one",
                    )
                )
            else:
                by_id[item.id] = by_iri[article_slug(item.id)] = by_text[digest] = item.source
                self.newest = max(self.newest, _modified(item))
                yield item


def _lone_surrogate(article: Article) -> str | None:
    """What holds a lone surrogate (a JSON string may spell one: "\\ud800"), which no RDF file, page or cache
    entry can be written with; None when nothing does."""
    for name in ("id", "text", "title", "url", "author"):
        value = getattr(article, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            code = ord(value[error.start])
            return f"its {name} holds a lone surrogate (U+{code:04X}), which no RDF file can hold"
    return None


def _modified(article: Article) -> float:
    """When the file an article came from (a JSON Lines source reads "file:line") was last changed."""
    source = Path(article.source)
    if not source.exists():
        source = Path(article.source.rsplit(":", 1)[0])
    try:
        return source.stat().st_mtime
    except OSError:
        return 0.0
