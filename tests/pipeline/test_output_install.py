"""Output files are installed all or none, one build at a time holds a folder, and a full disk is one line
with the previous output whole."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from newskg.cli import main
from newskg.errors import OutputError
from newskg.files import stage
from newskg.pipeline import output as files
from newskg.pipeline import run as pipeline
from newskg.pipeline.output import LOCK, commit, install, locked, room

STORY = "Deminers cleared 40 mines near Fuzuli on Monday, the agency said.\n"
OTHER = "Deminers cleared 75 mines near Aghdam on Tuesday, the agency said.\n"


def _staged(folder: Path, contents: dict[str, bytes]) -> dict[Path, Path]:
    return {
        folder / name: stage(folder / name, lambda stream, data=data: stream.write(data))
        for name, data in contents.items()
    }


def test_a_failed_rename_part_way_puts_the_previous_files_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(tmp_path, {"a.txt": b"old a", "b.txt": b"old b"})
    staged = _staged(tmp_path, {"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"new c"})
    real, calls = os.replace, []

    def failing_replace(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        real(source, target)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OutputError, match=r"c.txt: cannot be replaced \(Input/output error\); the previous files"):
        install(staged)
    assert (tmp_path / "a.txt").read_bytes() == b"old a" and (tmp_path / "b.txt").read_bytes() == b"old b"
    assert not (tmp_path / "c.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_folder_in_the_way_is_found_before_any_rename(tmp_path: Path) -> None:
    commit(tmp_path, {"a.txt": b"old a"})
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(OutputError, match=r"b.txt: is a folder, so the output file cannot be written there"):
        commit(tmp_path, {"a.txt": b"new a", "b.txt": b"new b"})
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_second_writer_is_refused_while_the_first_holds_the_folder(tmp_path: Path) -> None:
    with locked(tmp_path), pytest.raises(OutputError, match="in use by another build"), locked(tmp_path):
        pass
    with locked(tmp_path):
        assert (tmp_path / LOCK).is_file()
    assert not (tmp_path / LOCK).exists()


def test_a_full_disk_is_one_output_error(tmp_path: Path) -> None:
    with (
        pytest.raises(OutputError, match="no space left on the device; the previous output is unchanged"),
        room(tmp_path),
    ):
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(OutputError, match="no space left"), room(tmp_path):
        raise OSError("IO error: No space left on device: While appending to file: 000012.log")
    with pytest.raises(PermissionError), room(tmp_path):
        raise PermissionError(errno.EACCES, "Permission denied")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A build of one story (its output files' bytes), and a second story to build over it."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "story.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "--quiet"]) == 0
    (inputs / "other.txt").write_text(OTHER, encoding="utf-8")
    return inputs, out, {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")} == before
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".newskg-work-*"))


def test_a_folder_named_report_html_leaves_the_previous_output(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, out, before = built
    (out / "report.html").unlink()
    (out / "report.html").mkdir()
    del before["report.html"]
    capsys.readouterr()
    assert main(["build", str(inputs), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert error.splitlines() == [
        f"newskg: {out / 'report.html'}: is a folder, so the output file cannot be written there; move it away"
    ]
    _unchanged(out, before)


def test_a_second_build_into_a_folder_in_use_exits_with_one_line(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, out, before = built
    capsys.readouterr()
    with locked(out):
        assert main(["build", str(inputs), "--out", str(out), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert error.splitlines() == [
        f"newskg: {out}: the output folder is in use by another build; run again when it has finished"
    ]
    _unchanged(out, before)


@pytest.mark.parametrize("where", ["staging", "store"])
def test_a_full_disk_leaves_the_previous_output(
    built: tuple[Path, Path, dict[str, bytes]],
    where: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inputs, out, before = built

    def full(*_: object) -> None:
        if where == "staging":
            raise OSError(errno.ENOSPC, "No space left on device")
        raise OSError("IO error: No space left on device: While appending to file: 000012.log")

    if where == "staging":
        monkeypatch.setattr(files.os, "fsync", full)
    monkeypatch.setattr(pipeline, "load_build", full)
    capsys.readouterr()
    command = ["build", str(inputs), "--out", str(out), "--quiet"]
    assert main(command + (["--store", f"oxigraph:{out.parent / 'store'}"] if where == "store" else [])) == 2
    error = capsys.readouterr().err
    assert error.splitlines() == [f"newskg: {out}: no space left on the device; the previous output is unchanged"]
    _unchanged(out, before)


def test_merge_into_an_existing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://ex.org/s> <http://ex.org/p> <http://ex.org/o> .\n", encoding="utf-8")
    assert main(["merge", str(graph), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.splitlines() == [f"newskg: {tmp_path}: is a folder; --out names the merged file, as in merged.trig"]
