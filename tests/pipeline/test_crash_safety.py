"""A build killed at any moment leaves every output file whole (the previous one or the new one) and the
cache usable."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newskg.errors import OutputError
from newskg.pipeline import output as files
from newskg.pipeline.cache import Cache
from newskg.pipeline.output import commit
from tests.conftest import SEED

NAMES = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.html", "graph.graphml")


def _command(inputs: Path, out: Path) -> list[str]:
    return [str(Path(sys.executable).with_name("newskg")), "build", str(inputs), "--out", str(out), "--quiet"]


@pytest.mark.slow
def test_a_killed_build_leaves_whole_files(tmp_path: Path) -> None:
    old_inputs, new_inputs = tmp_path / "old", tmp_path / "new"
    old_inputs.mkdir()
    new_inputs.mkdir()
    shutil.copy(SEED, old_inputs)
    shutil.copy(SEED, new_inputs)
    (new_inputs / "more.txt").write_text("Deminers cleared 40 hectares in Fuzuli on May 3, 2022.\n", encoding="utf-8")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    reference = tmp_path / "reference"
    subprocess.run(_command(new_inputs, reference), check=True, env=environment)
    out = tmp_path / "out"
    subprocess.run(_command(old_inputs, out), check=True, env=environment)
    old = {name: (out / name).read_bytes() for name in NAMES}
    new = {name: (reference / name).read_bytes() for name in NAMES}
    for delay in (0.5, 1.5, 2.5, 3.5, 4.5):
        process = subprocess.Popen(_command(new_inputs, out), env=environment)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in NAMES:
            assert (out / name).read_bytes() in (old[name], new[name]), (delay, name)
    for entry in (out / ".cache").glob("*/*.json"):
        assert Cache.read(entry) is not None, entry
    subprocess.run(_command(new_inputs, out), check=True, env=environment)
    assert not list(out.glob(".*.tmp"))
    assert all((out / name).read_bytes() == new[name] for name in NAMES)
    assert json.loads((out / "report.json").read_text())["cached_articles"] >= 1


def test_a_failure_while_staging_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(tmp_path, {"a.txt": b"old a", "b.txt": b"old b"})
    calls = []

    def failing_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="no space left on the device; the previous output is unchanged"):
        commit(tmp_path, {"a.txt": b"new a", "b.txt": b"new b"})
    assert (tmp_path / "a.txt").read_bytes() == b"old a" and (tmp_path / "b.txt").read_bytes() == b"old b"
    assert not list(tmp_path.glob(".*.tmp"))
