"""Parsing in several processes, and on a Dask cluster, gives the graph one process gives; so does making
the graphs in several processes. The workers keep what they parse and send back little; the work is
spread evenly over them, and a corpus too small for them starts none."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from newskg.knowledge.gazetteer import places
from newskg.limits import Limits
from newskg.model import Article, ResolvedArticle
from newskg.nlp import DEFAULT_MODEL, load_pipeline
from newskg.pipeline.cache import Cache
from newskg.pipeline.first_pass import Kept, kept
from newskg.pipeline.run import build
from newskg.pipeline.workers import ParseFailure, in_pool, in_process, submit_ahead, task_size, worker_pool
from tests.conftest import CORPUS

pytestmark = pytest.mark.usefixtures("recorded_time")


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("one")
    build([CORPUS], out, jobs=1, use_cache=False)
    return (out / "graph.trig").read_bytes()


@pytest.mark.slow
def test_two_local_processes_give_the_same_graph(one_process: bytes, tmp_path: Path) -> None:
    result = build([CORPUS], tmp_path, jobs=2, use_cache=False)
    assert result.ok and (tmp_path / "graph.trig").read_bytes() == one_process


@pytest.mark.slow
def test_graphs_made_in_two_processes_a_few_at_a_time_are_the_same(one_process: bytes, tmp_path: Path) -> None:
    few = Limits(graph_batch=3)  # 12 articles: four batches, two workers
    result = build([CORPUS], tmp_path, jobs=2, use_cache=False, limits=few)
    assert result.ok and (tmp_path / "graph.trig").read_bytes() == one_process
    assert result.validation is not None and result.validation.conforms
    for name in ("graph.ttl", "graph.jsonld"):
        assert (tmp_path / name).stat().st_size > 0


@pytest.mark.slow
def test_entities_joined_in_a_worker_process_give_the_same_graph(one_process: bytes, tmp_path: Path) -> None:
    result = build([CORPUS], tmp_path, jobs=1, use_cache=False, limits=Limits(unify_apart=2))
    assert result.ok and (tmp_path / "graph.trig").read_bytes() == one_process
    assert result.merges  # the corpus joins names across articles: the report's merges came back too


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_graph(one_process: bytes, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = build([CORPUS], tmp_path, scheduler=cluster.scheduler_address, use_cache=False)
    assert result.ok and (tmp_path / "graph.trig").read_bytes() == one_process


def test_tasks_are_submitted_a_few_ahead_and_handed_back_in_order() -> None:
    """One loop sends work ahead for the first pass's pool, its cluster and the second pass."""
    submitted: list[int] = []

    def submit(task: int) -> int:
        submitted.append(task)
        return task * 10

    handed = []
    for result in submit_ahead(iter(range(6)), submit, 2):
        handed.append((result, len(submitted)))
    assert handed == [(0, 3), (10, 4), (20, 5), (30, 6), (40, 6), (50, 6)]


def _where_kept(facts: Cache, item: ResolvedArticle) -> tuple[Kept, int, int]:
    """Run in a pool worker: the article's facts kept and summed up there, with the worker's process id and how
    often the gazetteer was built in it."""
    return kept(facts, item), os.getpid(), places.cache_info().misses


def test_pool_workers_keep_the_facts_and_send_back_only_a_summary(tmp_path: Path) -> None:
    """The facts go to the cache from the worker that parsed them; what comes back holds no mentions and no
    text; the gazetteer, built here once before the workers start, is not built again in them."""
    texts = {
        "quake": "An earthquake struck Nepal on Monday. Officials in Kathmandu said 40 people died.",
        "flood": "Floods in Pakistan displaced 2,000 families, the United Nations said on Friday.",
        "fire": "A fire in Lisbon destroyed 12 homes. Firefighters from Porto joined the effort.",
    }
    articles = [Article(id=name, text=text, source=f"{name}.txt") for name, text in texts.items()]
    facts = Cache(tmp_path / "cache", "test settings")
    places.cache_clear()
    outcomes = list(in_pool(articles, DEFAULT_MODEL, 2, lambda done: None, partial(_where_kept, facts)))
    assert places.cache_info().misses == 1
    here = {article.id: item for article, item in zip(articles, in_process(articles, load_pipeline()), strict=True)}
    assert [item[0].held.id for item in outcomes if not isinstance(item, ParseFailure)] == list(texts)
    for item in outcomes:
        assert not isinstance(item, ParseFailure)
        summary, worker, builds = item
        assert worker != os.getpid() and builds == 1
        assert isinstance(summary.held.facts, str) and Cache.read(Path(summary.held.facts)) == here[summary.held.id]
        assert summary.held.entities and all(entity.mentions == () for entity in summary.held.entities)
        assert summary.counts.entities == len(here[summary.held.id].entities)


@pytest.mark.parametrize(
    ("items", "jobs", "most", "rounds", "size"),
    [
        (32, 2, 16, 4, 4),  # a small corpus: four tasks for each of two workers
        (33, 2, 64, 2, 9),  # four batches of nine (the last six), not one of 33 made by one process
        (96, 2, 64, 1, 48),  # two of 48, not one of 64 and one of 32
        (150, 2, 64, 1, 38),  # four of about 38, not 64, 64 and 22
        (1000, 2, 16, 4, 16),  # a large corpus: the most a task takes
        (3, 4, 16, 4, 1),
    ],
)
def test_tasks_are_sized_so_every_worker_gets_an_even_share(
    items: int, jobs: int, most: int, rounds: int, size: int
) -> None:
    assert task_size(items, jobs, most, rounds) == size


def test_a_corpus_too_small_to_be_worth_workers_starts_none(
    one_process: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below `min_for_pool` articles, neither pass starts worker processes (starting them costs more than they
    save); from it, both do."""
    started: list[int] = []

    @contextmanager
    def counted(jobs: int, *args: object) -> Iterator[ProcessPoolExecutor]:
        started.append(jobs)
        with worker_pool(jobs, *args) as pool:
            yield pool

    monkeypatch.setattr("newskg.pipeline.workers.worker_pool", counted)
    monkeypatch.setattr("newskg.pipeline.second_pass.worker_pool", counted)
    result = build([CORPUS], tmp_path / "small", jobs=2, use_cache=False, limits=Limits(min_for_pool=13))
    assert result.ok and started == []
    result = build([CORPUS], tmp_path / "enough", jobs=2, use_cache=False, limits=Limits(min_for_pool=12))
    assert result.ok and started == [2, 2, 1]  # the pools of both passes, and the worker beside (test_beside.py)
    assert (tmp_path / "enough" / "graph.trig").read_bytes() == one_process
