"""Articles to resolved facts: in this process, in a pool of local processes, or on a Dask cluster.

Each article is parsed (long ones in pieces, see extract/pieces.py), extracted and
resolved on its own, so the work splits by article wherever it runs; what comes
back are plain dataclasses, and the joining across articles happens afterwards,
in the building process. In a pool, what the build does next with an article's
facts on its own (keep them, sum them up) is done in the worker too, so only
that small summary comes back. An article that fails comes back as a
ParseFailure, never costing the others their results.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import groupby, islice
from pathlib import Path
from typing import Generic, TypeVar, cast

from spacy.language import Language
from spacy.tokens import Doc

from newskg.extract import extract
from newskg.extract.pieces import extraction_from_pieces, piece_article, pieces
from newskg.knowledge.gazetteer import places
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.limits import DEFAULT, Limits
from newskg.model import Article, ResolvedArticle
from newskg.nlp import load_pipeline
from newskg.nlp.texts import doc_text
from newskg.resolve.article import resolve
from newskg.resolve.conflicts import with_conflicts


@dataclass(frozen=True)
class ParseFailure:
    """An article that could not be processed, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: could not be processed ({self.reason})"


ParseOutcome = ResolvedArticle | ParseFailure
T = TypeVar("T")
R = TypeVar("R")


def in_process(
    articles: Iterable[Article],
    nlp: Language,
    progress: Callable[[int], None] | None = None,
    limits: Limits = DEFAULT,
) -> Iterator[ParseOutcome]:
    """Parse every article in one stream of texts (long ones in pieces, `limits.parse_batch` texts at a
    time) and resolve its facts."""
    lexicon = load_lexicon()
    waiting: dict[int, Article] = {}

    def texts() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, article in enumerate(articles):
            waiting[index] = article
            for offset, piece in pieces(article.text, limits.piece_chars):
                yield piece, (index, offset)

    parsed = nlp.pipe(texts(), as_tuples=True, batch_size=limits.parse_batch)
    for index, group in groupby(parsed, key=lambda item: item[1][0]):
        article = waiting.pop(index)
        try:
            yield resolved(article, ((offset, doc) for doc, (_, offset) in group), lexicon, limits)
        except Exception as error:  # one article's failure must not cost the others their results
            yield ParseFailure(article.source, f"{type(error).__name__}: {error}")
        if progress:
            progress(1)


def resolved(article: Article, parsed: Iterable[tuple[int, Doc]], lexicon: Lexicon, limits: Limits) -> ResolvedArticle:
    """An article's facts from its parsed pieces (each at its offset in the text): extracted, joined,
    resolved and their conflicting figures found (the first `limits.kept_conflicts` pairs kept)."""
    parts = ((offset, extract(piece_article(article, doc_text(doc)), doc, lexicon)) for offset, doc in parsed)
    return with_conflicts(resolve(extraction_from_pieces(article, parts)), limits.kept_conflicts)


def resolve_batch(articles: list[Article], model: str, limits: Limits) -> list[ParseOutcome]:
    """A worker's task: a few articles through the pipeline (loaded once per worker process)."""
    return list(in_process(articles, load_pipeline(model), limits=limits))


def ready(model: str) -> None:
    """Load what parsing needs (the pipeline, the lexicons, the gazetteer) into this process, once: a forked
    worker then finds them loaded, shared with the building process that loaded them before it forked."""
    load_pipeline(model)
    load_lexicon()
    places()


def in_pool(
    articles: Iterable[Article],
    model: str,
    jobs: int,
    progress: Callable[[int], None],
    then: Callable[[ResolvedArticle], T],
    limits: Limits = DEFAULT,
) -> Iterator[T | ParseFailure]:
    """The articles spread over `jobs` local processes, a few at a time, each one's facts given to `then`
    there (a module-level function or a partial of one, so it can be sent); outcomes in the articles' order.

    Only `limits.tasks_ahead` tasks per process are sent ahead, so the articles are read as they are parsed.
    """
    ready(model)
    with worker_pool(jobs, ready, model) as pool:
        chunks = _chunks(articles, limits.task_articles)
        for future in submit_ahead(
            chunks, lambda chunk: pool.submit(_resolve_then, chunk, model, limits, then), limits.tasks_ahead * jobs
        ):
            outcomes = future.result()
            progress(len(outcomes))
            yield from outcomes


def _resolve_then(
    articles: list[Article], model: str, limits: Limits, then: Callable[[ResolvedArticle], T]
) -> list[T | ParseFailure]:
    """A pool worker's task: a few articles through the pipeline, each one's facts then given to `then`."""
    return [item if isinstance(item, ParseFailure) else then(item) for item in resolve_batch(articles, model, limits)]


@contextmanager
def worker_pool(jobs: int, start: Callable[..., object] | None = None, *args: object) -> Iterator[ProcessPoolExecutor]:
    """`jobs` worker processes, each running `start(*args)` first. On Linux they are forked, with the
    building process's objects frozen out of the cycle collector meanwhile, so the workers do not copy
    the pages they share with it by walking them."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    gc.freeze()
    try:
        first = partial(start, *args) if start is not None else None
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=first) as pool:
            yield pool
    finally:
        gc.unfreeze()


def in_child(folder: Path, function: Callable[..., T], *args: object) -> T:
    """`function(*args)` run in a worker process: what it uses on the way is given back when the process ends,
    not kept by this one's allocator. The call is handed over as the process starts, so a forked one finds
    its arguments in the memory it shares with this one; its result is pickled to a file in `folder` and
    read back once the process has ended, so the two never hold it at once."""
    with tempfile.TemporaryDirectory(dir=folder) as where:
        path = Path(where) / "result.pickle"
        with worker_pool(1, _take, function, args) as pool:
            pool.submit(_call_taken, path).result()
        with path.open("rb") as handle:
            result: T = pickle.load(handle)  # written just now by the child, from this process's own objects
        return result


class Beside(Generic[T]):
    """`function(*args)` run in a worker process while this one goes on: handed over as the process starts, as
    by `in_child`, its (small, pickled) result given back by `result`, or let go of by `cancel`."""

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        self._stack = ExitStack()
        pool = self._stack.enter_context(worker_pool(1, _take, function, args))
        self._future = cast("Future[T]", pool.submit(_run_taken))

    def result(self) -> T:
        """Wait for the call and give its result; its error is raised here."""
        with self._stack:
            return self._future.result()

    def cancel(self, undo: Callable[[T], object]) -> None:
        """Wait for the call, then `undo` what it made, when it made something (on the caller's failure)."""
        with self._stack:
            if self._future.exception() is None:
                undo(self._future.result())


_taken: tuple[Callable[..., object], tuple[object, ...]] | None = None  # a child's call, set as it starts


def _take(function: Callable[..., object], args: tuple[object, ...]) -> None:
    global _taken
    _taken = (function, args)


def _run_taken() -> object:
    assert _taken is not None, "_take sets the call first"
    function, args = _taken
    return function(*args)


def _call_taken(path: Path) -> None:
    result = _run_taken()
    with path.open("wb") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)


def on_cluster(
    articles: Iterable[Article],
    model: str,
    scheduler: str,
    progress: Callable[[int], None],
    limits: Limits = DEFAULT,
) -> Iterator[ParseOutcome]:
    """The articles spread over a Dask cluster's workers (each needs newskg and the model installed), a
    few chunks per worker sent ahead."""
    from distributed import Client

    with Client(scheduler) as client:
        chunks = _chunks(articles, limits.task_articles)
        ahead = limits.tasks_ahead * max(1, sum(client.nthreads().values()))
        for future in submit_ahead(
            chunks, lambda chunk: client.submit(resolve_batch, chunk, model, limits, pure=False), ahead
        ):
            outcomes = future.result()
            progress(len(outcomes))
            yield from outcomes


def task_size(items: int, jobs: int, most: int, rounds: int) -> int:
    """How many of `items` to put in each task: as few tasks of at most `most` as give each of `jobs` processes
    `rounds` or more, a multiple of `jobs` of them and all about the same size, so no process is left
    with one more task than the others while they wait (a small corpus is spread over every process)."""
    tasks = max(-(-items // most), rounds * jobs)
    tasks = -(-tasks // jobs) * jobs
    return max(1, -(-items // tasks))


def submit_ahead(tasks: Iterable[T], submit: Callable[[T], R], ahead: int) -> Iterator[R]:
    """What `submit` gives for each task (a future), handed back in the tasks' order while up to `ahead` more
    are already submitted: the workers stay busy, and the tasks are read only as fast as they are done."""
    waiting: deque[R] = deque()
    for task in tasks:
        waiting.append(submit(task))
        if len(waiting) > ahead:
            yield waiting.popleft()
    while waiting:
        yield waiting.popleft()


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(articles)
    while chunk := list(islice(stream, size)):
        yield chunk
