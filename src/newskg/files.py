"""Files written whole or not at all, the one way newskg writes a file: a temporary beside the target,
written, flushed and synced, then renamed over it (`write_whole`), or kept to be renamed with others
(`stage`, used by `pipeline.output`). A killed writer leaves the previous file and at most a temporary
named `.NAME.*.tmp`."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from newskg.errors import OutputError

TEMPORARY = ".tmp"  # how a temporary's name ends


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


FILE_MODE = 0o666 & ~_umask()  # what a plainly created file would get


def stage(path: Path, write: Callable[[IO[bytes]], object], mode: int = FILE_MODE) -> Path:
    """A complete, synced temporary file beside `path` (permissions `mode`), written by `write`, ready to be
    renamed over it; an OutputError when it cannot be made, nothing left when `write` fails."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY, dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from error
    temporary = Path(name)
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def stage_text(path: Path, write: Callable[[IO[str]], object]) -> Path:
    """As `stage`, for a writer of UTF-8 text."""

    def encoded(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")  # type: ignore[arg-type]
        write(text)
        text.flush()
        text.detach()

    return stage(path, encoded)


def write_whole(path: Path, write: Callable[[IO[bytes]], object], mode: int = FILE_MODE) -> None:
    """Write a file with `write`, whole or not at all: staged beside `path`, then renamed over it."""
    temporary = stage(path, write, mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
