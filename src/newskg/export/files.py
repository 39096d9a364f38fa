"""A build's files, staged complete and then renamed together: a failed or killed run leaves the old ones."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO

from newskg.errors import OutputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_FILE_MODE = 0o666 & ~_umask()
_TEMPORARY = ".tmp"


def ensure_dir(path: Path) -> Path:
    """Create the output folder, or say clearly why it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create the output folder ({error.strerror})") from error
    if not os.access(path, os.W_OK):
        raise OutputError(f"{path}: the output folder is not writable")
    return path


def stage(path: Path, write: Callable[[IO[bytes]], object]) -> Path:
    """A complete, synced temporary file beside `path`, written by `write`, ready to be renamed over it."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMPORARY, dir=path.parent)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from error
    temporary = Path(name)
    try:
        os.chmod(temporary, _FILE_MODE)
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


def sweep(folder: Path, names: Iterable[str]) -> None:
    """Remove the temporaries a killed run left for these files."""
    for leftover in folder.glob(f".*{_TEMPORARY}"):
        if any(leftover.name.startswith(f".{name}.") for name in names):
            leftover.unlink(missing_ok=True)


def install(staged: Mapping[Path, Path]) -> None:
    """Rename staged files (target: temporary) over their targets, in one quick pass."""
    for target, temporary in staged.items():
        os.replace(temporary, target)


def discard(staged: Mapping[Path, Path]) -> None:
    """Remove staged files that will not be installed."""
    for temporary in staged.values():
        temporary.unlink(missing_ok=True)


def commit(folder: Path, contents: Mapping[str, bytes | Callable[[], bytes]]) -> dict[str, Path]:
    """Write a set of files together: all are staged complete first, then renamed in one quick pass.

    A file's content may be given as a function, called just before it is staged, so only
    one file's bytes are in memory at a time. A run killed while staging leaves every
    previous file as it was (and temporaries that the next run removes); no file is ever
    seen half written.
    """
    sweep(folder, contents)
    staged: dict[Path, Path] = {}
    try:
        for name, content in contents.items():
            data = content() if callable(content) else content
            staged[folder / name] = stage(folder / name, _writer(data))
            del data
    except BaseException:
        discard(staged)
        raise
    install(staged)
    return {name: folder / name for name in contents}


def _writer(data: bytes) -> Callable[[IO[bytes]], object]:
    return lambda stream: stream.write(data)
