"""With more than one job (and articles enough for workers), the build draws graph.html in a worker process
while it draws the other pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import newskg.pipeline.run as run
from newskg.errors import OutputError
from newskg.limits import Limits
from newskg.pipeline.run import build
from newskg.pipeline.workers import beside

_TEXT = "Acme Corp opened a factory in Berlin.\n\nAcme Corp said on 3 May 2024 that Jane Smith will run it.\n"
_PAGES = ("graph.html", "graph.graphml", "report.html", "timeline.html", "graph.ttl", "graph.jsonld")


def _inputs(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "short.txt").write_text(_TEXT, encoding="utf-8")
    return inputs


def test_beside_runs_the_call_in_another_process_and_gives_its_result(tmp_path: Path) -> None:
    with beside(tmp_path, os.getpid) as child:
        here = os.getpid()
        assert child() != here
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_two_jobs_draw_the_page_in_a_worker_and_write_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn_by = tmp_path / "drawn-by"
    draw = run.render_page

    def recorded(*args: object, **kwargs: object) -> str:
        with drawn_by.open("a", encoding="utf-8") as record:
            record.write(f"{os.getpid()}\n")
        return draw(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "render_page", recorded)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    inputs = _inputs(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    assert build([inputs], one, use_cache=False, jobs=1).ok
    assert build([inputs], two, use_cache=False, jobs=2, limits=Limits(min_for_pool=1)).ok
    here, there = drawn_by.read_text(encoding="utf-8").split()
    assert here == str(os.getpid()) != there
    for name in _PAGES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert "Acme" in (two / "graph.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_page_failing_in_the_worker_leaves_no_file_and_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    inputs, out = _inputs(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous\n", encoding="utf-8")
    monkeypatch.setattr(run, "render_page", broken)
    with pytest.raises(OutputError, match="no space left"):
        build([inputs], out, use_cache=False, jobs=2, limits=Limits(min_for_pool=1))
    assert sorted(path.name for path in out.iterdir() if not path.name.startswith(".newskg-lock")) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous\n"
