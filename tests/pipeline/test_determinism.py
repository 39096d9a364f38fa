"""The same input gives byte-identical graph files, whatever the process's hash seed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newskg.pipeline.run import build
from tests.conftest import SEED

FILES = ("graph.trig", "graph.ttl", "graph.jsonld", "graph.graphml", "graph.html")


def _build_in_a_new_process(out: Path, hash_seed: str) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [str(Path(sys.executable).with_name("newskg")), "build", str(SEED), "--out", str(out), "--quiet"]
    subprocess.run(command, check=True, env=environment, capture_output=True)


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    _build_in_a_new_process(first, "1")
    _build_in_a_new_process(second, "2")
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.slow
def test_the_same_articles_in_other_folders_and_order_give_the_same_graph(tmp_path: Path) -> None:
    one, two = tmp_path / "a", tmp_path / "b" / "deeper"
    one.mkdir()
    two.mkdir(parents=True)
    other = "By Jane Doe\n\nDeminers cleared 40 hectares in Fuzuli on May 3, 2022.\n"
    for folder in (one, two):
        (folder / "other.txt").write_text(other, encoding="utf-8")
        shutil.copy(SEED, folder)
        os.utime(folder / "other.txt", (1_700_000_000, 1_700_000_000))
        os.utime(folder / SEED.name, (1_700_000_000, 1_700_000_000))
    first = build([one], tmp_path / "out1")
    second = build([two / "other.txt", two / SEED.name], tmp_path / "out2")
    assert first.articles and sorted(first.articles) == sorted(second.articles)
    assert (tmp_path / "out1" / "graph.ttl").read_bytes() == (tmp_path / "out2" / "graph.ttl").read_bytes()
