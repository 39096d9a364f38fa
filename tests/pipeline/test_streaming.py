"""The streaming build's parts: sorted runs on disk, files written a piece at a time, its working folder."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
import pytest

from newskg.limits import Limits
from newskg.pipeline.run import BuildResult, build
from newskg.rdf.serialise import Statements, graph_text, header, jsonld, trig, turtle, write_union
from newskg.rdf.sorted_lines import SortedLines
from newskg.rdf.store import UnionStore
from tests.conftest import SEED


def test_sorted_lines_spill_runs_and_read_back_sorted_and_unique(tmp_path: Path) -> None:
    lines = SortedLines(tmp_path, run_lines=3)
    lines.add(["d", "b", "a"])
    lines.add(["c", "a", "e"])
    lines.add(["b"])
    assert len(list(tmp_path.glob("run-*"))) == 2
    assert list(lines) == ["a", "b", "c", "d", "e"]


def test_sorted_lines_count_at_least_every_distinct_line_once_flushed(tmp_path: Path) -> None:
    lines = SortedLines(tmp_path, run_lines=3)
    lines.add(["d", "b", "a", "c", "a"])  # a run of the first three; "c" and "a" held
    assert lines.most == 3
    lines.flush()
    assert lines.most == 5 and len(list(tmp_path.glob("run-*"))) == 2  # "a" in two runs: counted twice
    lines.flush()  # nothing held: no run, nothing counted
    assert lines.most == 5 and list(lines) == ["a", "b", "c", "d"]


def test_trig_written_graph_by_graph_is_the_whole_trig(seed_build: BuildResult) -> None:
    assert seed_build.dataset is not None
    statements = Statements(seed_build.dataset)
    pieces = [graph_text(list(quads)) for _, quads in groupby(statements.oxigraph_quads, lambda q: q.graph_name)]
    assert header() + "".join(pieces) == trig(statements)


def test_union_files_written_in_small_blocks_are_the_same(seed_build: BuildResult) -> None:
    assert seed_build.dataset is not None
    statements = Statements(seed_build.dataset)
    whole = turtle(statements), jsonld(statements)
    small_turtle, small_jsonld = io.StringIO(), io.StringIO()
    write_union(statements.union_lines(), turtle=small_turtle, limits=Limits(block_lines=5))
    write_union(statements.union_lines(), jsonld=small_jsonld, limits=Limits(block_lines=5))
    assert (small_turtle.getvalue(), small_jsonld.getvalue()) == whole


def test_jsonld_written_node_by_node_is_one_json_document(seed_build: BuildResult) -> None:
    assert seed_build.dataset is not None
    text = jsonld(seed_build.dataset)
    document = json.loads(text)
    assert text == json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    ids = [node["@id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids)) > 50


def test_the_graph_files_are_those_of_the_built_dataset(seed_build: BuildResult) -> None:
    assert seed_build.dataset is not None
    statements = Statements(seed_build.dataset)
    assert (seed_build.out / "graph.trig").read_text(encoding="utf-8") == trig(statements)
    assert (seed_build.out / "graph.ttl").read_text(encoding="utf-8") == turtle(statements)
    assert (seed_build.out / "graph.jsonld").read_text(encoding="utf-8") == jsonld(statements)


@pytest.mark.slow
def test_a_build_leaves_no_working_folder_and_removes_a_killed_builds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".newskg-work-999999999-x"  # no such process
    (dead / "facts").mkdir(parents=True)
    alive = out / f".newskg-work-{os.getpid()}-y"  # a build still running
    alive.mkdir()
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "seed.txt")
    assert build([inputs], out, use_cache=False).ok
    assert [p.name for p in out.glob(".newskg-work-*")] == [alive.name]
    assert not (out / ".cache").exists()


def test_the_pages_store_filled_while_the_union_files_are_written_holds_the_union(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    assert seed_build.dataset is not None
    statements = Statements(seed_build.dataset)
    store, lines = UnionStore(tmp_path / "union"), statements.union_lines()
    write_union(lines, turtle=io.StringIO(), observers=[store], limits=Limits(block_lines=5))
    whole = ox.Store()
    whole.bulk_extend(ox.parse(input="\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert len(lines) > 50
    held = store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert sorted(map(str, held)) == sorted(map(str, whole))
    assert len(list(store.graph.triples((None, None, None)))) == len(lines)


@pytest.mark.slow
def test_a_build_reads_the_unions_sorted_runs_back_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    read = SortedLines.__iter__

    def counted(self: SortedLines) -> Iterator[str]:
        reads.append(self.folder.name)
        return read(self)

    monkeypatch.setattr(SortedLines, "__iter__", counted)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "short.txt").write_text(
        "Acme Corp opened a factory in Berlin.\n\nAcme Corp said on 3 May 2024 that Jane Smith will run it.\n",
        encoding="utf-8",
    )
    result = build([inputs], tmp_path / "out", use_cache=False)
    assert result.ok
    assert len([folder for folder in reads if folder.startswith(".newskg-work-")]) == 1  # the union's runs
    assert {"graph.ttl", "graph.jsonld", "graph.html", "timeline.html"} <= set(result.files)
    assert "Acme" in (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
