"""The build: articles in; a contract-shaped graph, a page, a network and a report out.

ingest -> nlp -> extract -> resolve -> rdf -> validate -> export. An article
that cannot be read or processed is reported and skipped; the others are
built. Output files are written only when at least one article was built:
staged first, then renamed together, so a failed run leaves the previous output
in place.

A build streams, in two passes, so its memory does not grow with the corpus
beyond its entities. The first (`first_pass`) parses each article (or finds it in
the cache), keeps its facts in the cache and only its entities in memory; the
corpus's entities are joined from those. The second (`second_pass`) reads each
article's facts back, makes its graph under the corpus's keys, checks it and
writes it on. The pages read the union graph from an on-disk store, filled as the
union's files are written (its statements are read back from disk once).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from newskg.errors import UsageError
from newskg.export.network_sparql import Ranking, rank
from newskg.export.report import OUTPUT_FILES, ClassCounts, report_json
from newskg.files import stage
from newskg.ingest.articles import Excluded, check_paths, count_articles
from newskg.limits import DEFAULT, Limits
from newskg.links import Links, load_links
from newskg.nlp import DEFAULT_MODEL, load_pipeline, model_id
from newskg.pipeline.cache import Cache, settings
from newskg.pipeline.first_pass import Inputs, Runner, first_pass
from newskg.pipeline.graph_files import stage_graph_files
from newskg.pipeline.output import discard, ensure_dir, install, locked, room, sweep
from newskg.pipeline.pages import stage_graph_pages, stage_result_pages, text
from newskg.pipeline.second_pass import Graphs, IndexedArticle
from newskg.pipeline.workers import Beside, in_child, task_size
from newskg.rdf.dataset import BuildInfo
from newskg.rdf.iris import Iris, check_base
from newskg.rdf.namespaces import DEFAULT_BASE
from newskg.rdf.serialise import Observer
from newskg.rdf.sorted_lines import SortedLines
from newskg.rdf.store import UnionStore, load_build, store_path
from newskg.rdf.validate import BuildCheck
from newskg.resolve.corpus import CorpusEntities, unify
from newskg.result import BuildResult, BuildWarning, Validation, WarningKind, read_trig
from newskg.version import __version__

_WORK = ".newskg-work-"  # the prefix of a build's working folder in its output folder


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
    limits: Limits = DEFAULT,
) -> BuildResult:
    """Build the graph of every article under `paths` into `out`.

    `links` names a link table (CSV or RDF) of identifiers for entities' names. Each
    article's facts are kept in `cache` (default: OUT/.cache when writing) and
    re-used while the article and the settings stay the same, unless `use_cache` is
    False. `store` (`oxigraph:DIR`) names an on-disk store the graphs are also written
    into. Articles are parsed in `jobs` local processes (None: one per core), or on the
    Dask cluster whose scheduler address is `scheduler`. `limits` holds every size and cap of the build
    (batches, pieces, what is sent ahead, what the pages draw). `progress`, when given, is
    called with (articles done, articles in all). One build at a time writes into `out`
    (an OutputError for a second); a full disk is an OutputError, the previous files kept.
    """
    clock = time.perf_counter()
    check_paths(paths)
    runner = Runner.of(jobs, scheduler)
    iris = Iris(check_base(base_iri))
    table = load_links(links) if links is not None else None
    on_disk = _store(store)
    nlp = load_pipeline(model)
    result = BuildResult(out=ensure_dir(Path(out)) if write else Path(out))
    with (
        locked(result.out) if write else nullcontext(),
        room(result.out),
        _working_folder(result.out if write else None) as work,
    ):
        shaped_by = settings(model_id(nlp), limits)
        kept = _cache(cache, result.out if write else None, use_cache, shaped_by)
        facts = kept or Cache(work / "facts", shaped_by, durable=False)
        excluded = _excluded(result.out if write else None, kept)
        inputs = Inputs(paths, excluded)
        total = count_articles(paths, excluded)
        first = first_pass(inputs, nlp, facts, progress or _silent, runner, total, limits)
        index = first.index
        result.articles = [item.id for item in index]
        result.warnings, result.failures = first.warnings, first.failures
        result.cached, result.counts = first.cached, first.counts
        result.timings["process"] = time.perf_counter() - clock
        if not index:
            return result
        unified, unsure = _corpus(index, table, work, limits.unify_apart)
        result.merges, result.ambiguous = list(unified.merges), unsure
        info = _build_info(iris, model_id(nlp), inputs.newest)
        conforming = kept.conforming() if kept else set()
        spread = _spread(limits, len(index), runner.jobs)
        graphs = Graphs(index, unified, table, iris, info, facts, conforming, runner.jobs, work, spread)
        union = SortedLines(work, limits.run_lines)
        pages = UnionStore(work / "union") if write else None
        side = work / "side" if pages is not None and on_disk is None and _pooled(limits, len(index), runner) else None
        staged, checked = _graph_files(graphs, kept, on_disk, result.out if write else work, union, limits, pages, side)
        result.validation, result.classes = checked.validation, checked.classes
        result.timings |= checked.timings
        try:
            if pages is None:
                result._dataset = read_trig(staged[work / "graph.trig"])
                result.timings["total"] = time.perf_counter() - clock
                return result
            mark = time.perf_counter()
            ranking = rank(pages.select, limits.page_nodes, work)
            result.warnings += _page_warnings(ranking, limits)
            staged |= stage_result_pages(pages, ranking, result, limits)
            staged |= _graph_pages(checked.beside, pages, result.out, work, limits)
            result.timings["write"] = time.perf_counter() - mark
            result.timings["total"] = time.perf_counter() - clock
            report = report_json(result, result.classes, result.counts)
            staged[result.out / "report.json"] = stage(result.out / "report.json", text(lambda: report))
        except BaseException:
            if checked.beside:
                checked.beside.cancel(discard)
            discard(staged)
            raise
        install(staged)
        result.files = {target.name: target for target in sorted(staged)}
    return result


@dataclass(frozen=True)
class _Checked:
    """What writing the graph files found: the SHACL verdict, the nodes of each class, and how long it took;
    and the worker process still writing the files it took on, if one did."""

    validation: Validation
    classes: dict[str, int]
    timings: dict[str, float]
    beside: Beside[dict[Path, Path]] | None


def _graph_files(
    graphs: Graphs,
    kept: Cache | None,
    on_disk: Path | None,
    folder: Path,
    union: SortedLines,
    limits: Limits,
    pages: UnionStore | None,
    side: Path | None,
) -> tuple[dict[Path, Path], _Checked]:
    """The graph files staged in `folder` (checked on the way, the union's statements gathered in `union` and
    loaded into the pages' store `pages` if any; given a `side` folder, the union's files and the pages drawn
    from the graph alone are left to a worker process, see `stage_graph_files`), and the on-disk store filled
    from them: {file: staged temporary}, and what the check found."""
    mark = time.perf_counter()
    check, classes = BuildCheck(), ClassCounts()
    sweep(folder, OUTPUT_FILES)
    observers: list[Observer] = [check.labels, classes, *([pages] if pages is not None else [])]
    staged, checks, beside = stage_graph_files(graphs, folder, union, observers, limits, side)
    try:
        for checked in checks:
            check.add(checked)
        validation, conforming = check.result()
        if kept is not None:
            kept.keep_conforming(conforming)
        timings = {"graph": time.perf_counter() - mark}
        if on_disk is not None:
            mark = time.perf_counter()
            load_build(on_disk, staged[folder / "graph.trig"], staged[folder / "graph.ttl"], graphs.names, limits)
            timings["store"] = time.perf_counter() - mark
    except BaseException:
        if beside:
            beside.cancel(discard)
        discard(staged)
        raise
    return staged, _Checked(validation, classes.counts, timings, beside)


def _graph_pages(
    beside: Beside[dict[Path, Path]] | None, store: UnionStore, out: Path, work: Path, limits: Limits
) -> dict[Path, Path]:
    """The pages drawn from the graph alone (`pages.GRAPH_PAGES`), with the union's files, as the worker process
    beside made them (see `stage_graph_files`), else drawn here: {file: staged temporary}."""
    return beside.result() if beside is not None else stage_graph_pages(store, out, work, limits)


def _pooled(limits: Limits, articles: int, runner: Runner) -> bool:
    """Whether a build of `articles` runs a pool of local worker processes (see `_spread`)."""
    return runner.scheduler is None and runner.jobs > 1 and articles >= limits.min_for_pool


def _spread(limits: Limits, articles: int, jobs: int) -> Limits:
    """The second pass's batches sized to keep `jobs` processes busy (two batches each at least, so this process
    writes out the first ones while the workers make the rest), once there are enough articles to be worth
    starting them (`limits.min_for_pool`)."""
    if jobs < 2 or articles < limits.min_for_pool:
        return limits
    return replace(limits, graph_batch=task_size(articles, jobs, limits.graph_batch, rounds=2))


def _page_warnings(ranking: Ranking, limits: Limits) -> list[BuildWarning]:
    """That the page draws only part of the graph, when it does."""
    if ranking.total <= limits.page_nodes:
        return []
    text = f"graph.html shows the {limits.page_nodes} most central of {ranking.total} nodes; use newskg viz for others"
    return [BuildWarning(WarningKind.PAGE, text)]


@contextmanager
def _working_folder(out: Path | None) -> Iterator[Path]:
    """A private folder for the build's sorted runs, on-disk store and (without a cache) its facts: in
    the output folder when there is one (removing what killed builds left there), removed afterwards."""
    if out is not None:
        for leftover in out.glob(f"{_WORK}*"):
            if not _running(leftover.name.removeprefix(_WORK)):
                shutil.rmtree(leftover, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{_WORK}{os.getpid()}-", dir=out))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _running(name: str) -> bool:
    """Whether the build that made a working folder (its name starts with the process id) still runs."""
    pid = name.split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _store(spec: str | Path | None) -> Path | None:
    """The folder of the on-disk store to write into, if one is named."""
    folder = store_path(spec) if spec is not None else None
    if spec is not None and folder is None:
        raise UsageError(f"--store {spec!r}: name a store as oxigraph:DIR")
    return folder


def _cache(folder: str | Path | None, out: Path | None, wanted: bool, shaped_by: str) -> Cache | None:
    """The cache to read and fill (for entries made under the settings `shaped_by`): the folder asked for, else
    the output folder's .cache."""
    if not wanted or (folder is None and out is None):
        return None
    where = Path(folder) if folder is not None else Path(out or ".") / ".cache"
    try:
        return Cache(where, shaped_by)
    except OSError as error:
        raise UsageError(f"{where}: cannot keep the cache there ({error.strerror})") from error


def _corpus(
    index: list[IndexedArticle], table: Links | None, work: Path, apart: int
) -> tuple[CorpusEntities, list[str]]:
    """The corpus's entities, from every article's: linked by the user's table, joined across articles (from
    `apart` articles on in a worker process, its result passed through `work`); and the names left unlinked
    or apart."""
    notes: set[str] = set()
    entities = [(item.id, table.linked(item.entities, notes) if table else item.entities) for item in index]
    unified = in_child(work, unify, entities) if len(index) >= apart else unify(entities)
    return unified, sorted(notes) + unified.ambiguous


def _excluded(out: Path | None, kept: Cache | None) -> Excluded:
    """What this build writes, never read as its input: the output folder with its files, and the cache."""
    folders = [folder.resolve() for folder in (out, kept.folder if kept else None) if folder is not None]
    files = [(out / name).resolve() for name in OUTPUT_FILES] if out is not None else []
    return Excluded(frozenset(folders), frozenset(files))


def _silent(done: int, total: int) -> None:
    """No progress report."""


def _build_info(iris: Iris, model: str, newest: float) -> BuildInfo:
    started = _build_time(newest)
    return BuildInfo(__version__, model, started, _digest(iris, model, started))


def _digest(iris: Iris, model: str, started: datetime) -> str:
    """A build's identity: tool, model, base IRI and recorded time, not its articles, so two builds of the
    same setting and time over two halves of a corpus merge into what one build of it gives."""
    return hashlib.sha256(f"{__version__}\n{model}\n{iris.base}\n{started.isoformat()}\n".encode()).hexdigest()[:16]


def _build_time(newest: float) -> datetime:
    """The build's recorded time: SOURCE_DATE_EPOCH if set, else the newest input's modification time.

    Both are reproducible, so the same input gives byte-identical graph files;
    the wall-clock time of the run goes to report.json.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.fromtimestamp(int(newest), tz=UTC)
