"""A pooled build hands the union's files and the pages drawn from the graph alone to a worker process beside
it: the files are the ones a one-process build writes, and a failure on either side leaves no file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newskg.errors import OutputError
from newskg.limits import Limits
from newskg.pipeline.run import build
from newskg.pipeline.workers import Beside
from tests.conftest import CORPUS

pytestmark = pytest.mark.usefixtures("recorded_time")

FILES = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "timeline.html", "report.html")
POOLED = Limits(min_for_pool=2)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("one")
    assert build([CORPUS], out, jobs=1, use_cache=False).ok
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("statements", "beside"), [(POOLED.side_statements, True), (0, False)], ids=["beside", "past"])
def test_a_pooled_build_writes_the_files_one_process_writes(
    one_process: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statements: int, beside: bool
) -> None:
    """With the union within `side_statements`, a worker beside writes the union's files and draws
    graph.graphml and timeline.html; past it, this process writes every file."""
    started: list[object] = []

    def counted(*args: object) -> Beside[object]:
        started.append(args[0])
        return Beside(*args)  # type: ignore[arg-type]  # the arguments stage_graph_files gives

    monkeypatch.setattr("newskg.pipeline.graph_files.Beside", counted)
    limits = Limits(min_for_pool=2, side_statements=statements)
    result = build([CORPUS], tmp_path, jobs=2, use_cache=False, limits=limits)
    assert result.ok and len(started) == beside
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (one_process / name).read_bytes(), name
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]  # no temporary left


def _process_id(offset: int) -> int:
    return os.getpid() + offset


def _fails() -> None:
    raise OutputError("no room")


def test_a_call_beside_runs_in_another_process_and_its_error_is_raised_here() -> None:
    assert Beside(_process_id, 0).result() != os.getpid()
    with pytest.raises(OutputError, match="no room"):
        Beside(_fails).result()


def test_a_cancelled_call_has_what_it_made_undone_once_it_is_done() -> None:
    undone: list[int] = []
    Beside(_process_id, 0).cancel(undone.append)
    assert len(undone) == 1 and undone[0] != os.getpid()
    Beside(_fails).cancel(undone.append)  # it made nothing: nothing to undo, and its error is not raised
    assert len(undone) == 1


@pytest.mark.slow
def test_a_page_that_fails_here_leaves_the_previous_files_and_nothing_the_worker_beside_made(
    one_process: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build([CORPUS], tmp_path, jobs=1, use_cache=False).ok
    before = {name: (tmp_path / name).read_bytes() for name in FILES}

    def broken(*args: object) -> dict[Path, Path]:
        raise OutputError("graph.html: cannot write (no room)")

    monkeypatch.setattr("newskg.pipeline.run.stage_result_pages", broken)
    with pytest.raises(OutputError, match="no room"):
        build([CORPUS], tmp_path, jobs=2, use_cache=False, limits=POOLED)
    assert {name: (tmp_path / name).read_bytes() for name in FILES} == before
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".graph")]
