"""The build: articles in; a contract-shaped graph, a page, a network and a report out.

ingest -> nlp -> extract -> resolve -> rdf -> validate -> export. An article
that cannot be read or processed is reported and skipped; the others are
built. Output files are written only when at least one article was built:
rendered first, then staged and renamed together, so a failed run leaves the
previous output in place.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Dataset, URIRef
from spacy.language import Language

from newskg import __version__
from newskg.analyse import entity_network, most_central
from newskg.cache import Cache, settings
from newskg.conflicts import describe
from newskg.corpus import Merge, rekey, unify
from newskg.errors import InputError, UsageError
from newskg.export.files import commit, ensure_dir
from newskg.export.network import graphml
from newskg.export.page import render_page
from newskg.export.report import article_counts, class_counts, report_json
from newskg.export.report_page import render_report
from newskg.export.serialise import Statements, jsonld, trig, turtle
from newskg.export.timeline import render_timeline
from newskg.ingest import iter_articles
from newskg.links import Links, load_links
from newskg.model import Article, ResolvedArticle
from newskg.nlp import DEFAULT_MODEL, in_language, load_pipeline, model_id, model_name
from newskg.process import Failure, Outcome, in_pool, in_process, on_cluster
from newskg.rdf.dataset import BuildInfo, add_article, add_provenance, new_dataset
from newskg.rdf.iris import Iris, check_base
from newskg.rdf.namespaces import DEFAULT_BASE
from newskg.rdf.validate import Validation, validate_build
from newskg.store import store_path, write_store

PAGE_NODES = 500  # the most central nodes graph.html draws; graph.graphml keeps them all
MIN_FOR_POOL = 8  # fewer articles to parse than this are parsed here: starting workers would cost more


@dataclass
class BuildResult:
    """What a build made, what it could not, and where it wrote."""

    out: Path
    articles: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validation: Validation | None = None
    files: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    dataset: Dataset | None = None
    merges: list[Merge] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    cached: int = 0

    @property
    def ok(self) -> bool:
        """True when every input was built and nothing failed."""
        return bool(self.articles) and not self.failures


def build(
    paths: Sequence[str | Path],
    out: str | Path = "output",
    *,
    base_iri: str = DEFAULT_BASE,
    model: str = DEFAULT_MODEL,
    write: bool = True,
    progress: Callable[[int, int], None] | None = None,
    links: str | Path | None = None,
    cache: str | Path | None = None,
    use_cache: bool = True,
    store: str | Path | None = None,
    jobs: int | None = 1,
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of every article under `paths` into `out`.

    `links` names a link table (CSV or RDF) of identifiers for entities' names. Each
    article's facts are kept in `cache` (default: OUT/.cache when writing) and
    re-used while the article and the settings stay the same, unless `use_cache` is
    False. `store` (`oxigraph:DIR`) names an on-disk store the graphs are also written
    into. Articles are parsed in `jobs` local processes (None: one per core), or on the
    Dask cluster whose scheduler address is `scheduler`. `progress`, when given, is
    called with (articles done, articles in all).
    """
    clock = time.perf_counter()
    runner = _runner(jobs, scheduler)
    iris = Iris(check_base(base_iri))
    table = load_links(links) if links is not None else None
    on_disk = _store(store)
    nlp = load_pipeline(model)
    result = BuildResult(out=ensure_dir(Path(out)) if write else Path(out))
    kept = _cache(cache, result.out if write else None, use_cache, model_id(nlp))
    articles = _unique(iter_articles(paths), result)
    resolved = _resolved(articles, nlp, kept, result, progress or _silent, runner)
    result.timings["process"] = time.perf_counter() - clock
    if not resolved:
        return result
    with _collector_paused():
        _graph_and_files(resolved, table, iris, model_id(nlp), articles, kept, on_disk, write, result, clock)
    return result


def _graph_and_files(
    resolved: list[ResolvedArticle],
    table: Links | None,
    iris: Iris,
    model: str,
    articles: list[Article],
    kept: Cache | None,
    on_disk: Path | None,
    write: bool,
    result: BuildResult,
    clock: float,
) -> None:
    """From the articles' facts: the corpus's entities, the graph, its check, the store and the files."""
    resolved = _corpus(resolved, table, result)
    dataset = _dataset(resolved, iris, model, articles)
    result.dataset = dataset
    mark = time.perf_counter()
    result.validation, conforming = validate_build(dataset, kept.conforming() if kept else set())
    gc.collect()  # once: the SHACL engine's own graphs are cycles
    if kept is not None:
        kept.keep_conforming(conforming)
    result.timings["validate"] = time.perf_counter() - mark
    statements = Statements(dataset)
    if on_disk is not None:
        mark = time.perf_counter()
        write_store(on_disk, statements)
        result.timings["store"] = time.perf_counter() - mark
    if write:
        _write(dataset, statements, resolved, result, clock)
    else:
        result.timings["total"] = time.perf_counter() - clock


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the graph is made: it holds millions of long-lived objects and
    creates few cycles, and each full collection would walk all of them (a third of a 1,000-article rebuild)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _runner(jobs: int | None, scheduler: str | None) -> Runner:
    """Where to parse: `jobs` processes (None: one per core), or the Dask cluster at `scheduler`."""
    count = jobs if jobs is not None else os.cpu_count() or 1
    if count < 1:
        raise UsageError(f"--jobs {count}: give 1 or more")
    return Runner(count, scheduler)


def _store(spec: str | Path | None) -> Path | None:
    """The folder of the on-disk store to write into, if one is named."""
    folder = store_path(spec) if spec is not None else None
    if spec is not None and folder is None:
        raise UsageError(f"--store {spec!r}: name a store as oxigraph:DIR")
    return folder


def _cache(folder: str | Path | None, out: Path | None, wanted: bool, model: str) -> Cache | None:
    """The cache to read and fill: the folder asked for, else the output folder's .cache."""
    if not wanted or (folder is None and out is None):
        return None
    where = Path(folder) if folder is not None else Path(out or ".") / ".cache"
    try:
        return Cache(where, settings(model))
    except OSError as error:
        raise UsageError(f"{where}: cannot keep the cache there ({error.strerror})") from error


def _resolved(
    articles: list[Article],
    nlp: Language,
    store: Cache | None,
    result: BuildResult,
    progress: Callable[[int, int], None],
    runner: Runner,
) -> list[ResolvedArticle]:
    """Every article's resolved facts, from the cache where it has them, else parsed; sorted by article id."""
    kept = {a.id: found for a in articles if store is not None and (found := store.get(a)) is not None}
    fresh = _in_language([a for a in articles if a.id not in kept], nlp, result)
    resolved = list(kept.values())
    refused = 0
    counter = _Counter(progress, len(kept), len(kept) + len(fresh))
    for item in _outcomes(fresh, nlp, runner, counter):
        if isinstance(item, Failure):
            result.failures.append(str(item))
            continue
        if store is not None and not store.put(item.extraction.article, item):
            refused += 1
        resolved.append(item)
    counter(0)
    if refused and store is not None:
        result.warnings.append(f"{store.folder}: {refused} article(s) could not be kept in the cache")
    result.cached = len(kept)
    result.articles = sorted(item.extraction.article.id for item in resolved)
    for item in resolved:
        result.warnings.extend(describe(item))
    return sorted(resolved, key=lambda item: item.extraction.article.id)


@dataclass
class Runner:
    """Where articles are parsed: here, in `jobs` local processes, or on the Dask cluster at `scheduler`."""

    jobs: int = 1
    scheduler: str | None = None


def _outcomes(
    articles: list[Article], nlp: Language, runner: Runner, progress: Callable[[int], None]
) -> Iterable[Outcome]:
    if runner.scheduler:
        return on_cluster(articles, model_name(nlp), runner.scheduler, progress)
    if runner.jobs > 1 and len(articles) >= MIN_FOR_POOL:
        return in_pool(articles, model_name(nlp), runner.jobs, progress)
    return in_process(articles, nlp, progress)


@dataclass
class _Counter:
    """Progress over the articles to parse, counted after those the cache had."""

    report: Callable[[int, int], None]
    done: int
    total: int

    def __call__(self, count: int) -> None:
        self.done += count
        self.report(self.done, self.total)


def _corpus(resolved: list[ResolvedArticle], table: Links | None, result: BuildResult) -> list[ResolvedArticle]:
    """Every article's entities made the corpus's: linked by the user's table, joined across articles."""
    notes: set[str] = set()
    if table is not None:
        resolved = [_linked(item, table, notes) for item in resolved]
    unified = unify([(item.extraction.article.id, item.entities) for item in resolved])
    result.merges = unified.merges
    result.ambiguous = sorted(notes) + unified.ambiguous
    return [rekey(item, index, unified) for index, item in enumerate(resolved)]


def _linked(item: ResolvedArticle, table: Links, notes: set[str]) -> ResolvedArticle:
    entities = []
    for entity in item.entities:
        linked, note = table.link(entity)
        entities.append(linked)
        if note:
            notes.add(note)
    return replace(item, entities=tuple(entities))


def _unique(items: Iterable[Article | InputError], result: BuildResult) -> list[Article]:
    """Readable articles, each once: the same text again (under any id) is built once, with a warning."""
    by_id: dict[str, Article] = {}
    by_text: dict[str, Article] = {}
    for item in items:
        if isinstance(item, InputError):
            result.failures.append(str(item))
            continue
        result.warnings.extend(f"{item.source}: {note}" for note in item.notes)
        digest = hashlib.sha256(item.text.encode("utf-8", "surrogatepass")).hexdigest()
        earlier = by_text.get(digest)
        if earlier is not None:
            result.warnings.append(f"{item.source}: the same text as {earlier.source}; built once")
        elif item.id in by_id:
            result.failures.append(f"{item.source}: another article ({by_id[item.id].source}) has the id {item.id!r}")
        else:
            by_id[item.id] = by_text[digest] = item
    return list(by_id.values())


def _in_language(articles: list[Article], nlp: Language, result: BuildResult) -> list[Article]:
    """Articles in the pipeline's language; the others are skipped with a warning."""
    kept = []
    for article in articles:
        if in_language(nlp, article.text):
            kept.append(article)
        else:
            result.warnings.append(
                f"{article.source}: does not read as {nlp.lang!r} text; skipped "
                "(name a pipeline for its language with --model)"
            )
    return kept


def _silent(done: int, total: int) -> None:
    """No progress report."""


def _dataset(resolved: list[ResolvedArticle], iris: Iris, model: str, articles: list[Article]) -> Dataset:
    started = _build_time(articles)
    info = BuildInfo(__version__, model, started, _digest(iris, model, started))
    dataset = new_dataset()
    activity = iris.activity(info.digest)
    graphs: list[URIRef] = [add_article(dataset, iris, item, activity) for item in resolved]
    add_provenance(dataset, iris, info, graphs)
    return dataset


def _digest(iris: Iris, model: str, started: datetime) -> str:
    """A build's identity: tool, model, base IRI and recorded time, not its articles, so two builds of the
    same setting and time over two halves of a corpus merge into what one build of it gives."""
    return hashlib.sha256(f"{__version__}\n{model}\n{iris.base}\n{started.isoformat()}\n".encode()).hexdigest()[:16]


def _build_time(articles: list[Article]) -> datetime:
    """The build's recorded time: SOURCE_DATE_EPOCH if set, else the newest input's modification time.

    Both are reproducible, so the same input gives byte-identical graph files;
    the wall-clock time of the run goes to report.json.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    files = {_source_file(article) for article in articles}
    times = [path.stat().st_mtime for path in files if path.exists()]
    return datetime.fromtimestamp(int(max(times, default=0)), tz=UTC)


def _source_file(article: Article) -> Path:
    """The file an article came from (a JSON Lines source reads "file:line")."""
    source = Path(article.source)
    return source if source.exists() else Path(article.source.rsplit(":", 1)[0])


def _write(
    dataset: Dataset, statements: Statements, resolved: list[ResolvedArticle], result: BuildResult, clock: float
) -> None:
    """Every output file, each rendered and staged in turn, then all renamed together."""
    merged = dataset  # its default graph is the union of the article graphs: read as one graph, never copied
    mark = time.perf_counter()
    network = entity_network(merged)
    if network.number_of_nodes() > PAGE_NODES:
        result.warnings.append(
            f"graph.html shows the {PAGE_NODES} most central of {network.number_of_nodes()} nodes; "
            "use newskg viz for others"
        )
    classes = class_counts(merged)

    def report() -> bytes:
        result.timings["write"] = time.perf_counter() - mark
        result.timings["total"] = time.perf_counter() - clock
        return report_json(result, classes, article_counts(resolved)).encode("utf-8")

    contents: dict[str, Callable[[], bytes]] = {
        "graph.trig": lambda: trig(statements).encode("utf-8"),
        "graph.ttl": lambda: turtle(statements).encode("utf-8"),
        "graph.jsonld": lambda: jsonld(statements).encode("utf-8"),
        "graph.html": lambda: render_page(most_central(network, PAGE_NODES)).encode("utf-8"),
        "graph.graphml": lambda: graphml(network),
        "report.html": lambda: render_report(result, merged, network, classes).encode("utf-8"),
        "timeline.html": lambda: render_timeline(merged).encode("utf-8"),
        "report.json": report,
    }
    result.files = commit(result.out, contents)
