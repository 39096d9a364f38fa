"""Parsing in several processes, and on a Dask cluster, gives the graph one process gives; so does making
the graphs in several processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newskg.limits import Limits
from newskg.pipeline.run import build
from newskg.pipeline.workers import submit_ahead
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
