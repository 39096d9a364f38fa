"""Files written whole or not at all, the one way newskg writes a file: a temporary beside the target,
written, flushed and synced, then renamed over it (`write_whole`), or kept to be renamed with others
(`stage`, used by `pipeline.output`). A killed writer leaves the previous file and at most a temporary
named as `temporary_name` names it (`.NAME.<16 hex digits>.tmp`), which `temporary_of` recognises."""

from __future__ import annotations

import io
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO

from newskg.errors import OutputError

TEMPORARY = ".tmp"  # how a temporary's name ends
_TEMPORARY_NAME = re.compile(rf"\.(?P<target>.+)\.[0-9a-f]{{16}}{re.escape(TEMPORARY)}")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


FILE_MODE = 0o666 & ~_umask()  # what a plainly created file would get


def temporary_name(name: str) -> str:
    """A new temporary's name for a file to be named `name`: hidden, unguessable, ending in TEMPORARY."""
    return f".{name}.{secrets.token_hex(8)}{TEMPORARY}"


def temporary_of(name: str) -> str | None:
    """The name of the file a temporary named `name` was to become; None when `name` is no temporary's."""
    found = _TEMPORARY_NAME.fullmatch(name)
    return found["target"] if found else None


def stage(path: Path, write: Callable[[IO[bytes]], object], mode: int = FILE_MODE) -> Path:
    """A complete, synced temporary file beside `path` (permissions `mode`), written by `write`, ready to be
    renamed over it; an OutputError when it cannot be made, nothing left when `write` fails."""
    folder = _open_folder(path, follow=True)
    try:
        return path.parent / _staged(folder, path, write, mode)
    finally:
        os.close(folder)


def stage_text(path: Path, write: Callable[[IO[str]], object]) -> Path:
    """As `stage`, for a writer of UTF-8 text."""

    def encoded(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")  # type: ignore[arg-type]
        write(text)
        text.flush()
        text.detach()

    return stage(path, encoded)


def write_whole(
    path: Path,
    write: Callable[[IO[bytes]], object],
    mode: int = FILE_MODE,
    *,
    real_folder: bool = False,
    synced: bool = True,
) -> None:
    """Write a file with `write`, whole or not at all: staged beside `path`, then renamed over it (a symlink at
    `path` is replaced, never followed). With `real_folder`, a folder that is a symlink is refused (OutputError):
    one planted in a folder of newskg's own, like the cache's, cannot send the file elsewhere. `synced=False`
    skips the flush to disk, for a build's working files, which no later run reads."""
    folder = _open_folder(path, follow=not real_folder)
    try:
        temporary = _staged(folder, path, write, mode, synced)
        try:
            os.replace(temporary, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            _remove(temporary, folder)
            raise
    finally:
        os.close(folder)


def _open_folder(path: Path, follow: bool) -> int:
    """A descriptor of the folder `path` is in (OutputError when there is none, or it is a symlink and not
    `follow`), so the temporary is made and renamed in that very folder."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        return os.open(path.parent, flags)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from error


def _staged(folder: int, path: Path, write: Callable[[IO[bytes]], object], mode: int, synced: bool = True) -> str:
    """The name of a new temporary in `folder` (never through a symlink), written by `write` and, when
    `synced`, flushed to disk."""
    temporary = temporary_name(path.name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        handle = os.open(temporary, flags, 0o600, dir_fd=folder)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            write(stream)
            stream.flush()
            if synced:
                os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary, folder)
        raise
    return temporary


def _remove(name: str, folder: int) -> None:
    """Unlink a temporary of `folder`, if it is still there."""
    try:
        os.unlink(name, dir_fd=folder)
    except FileNotFoundError:
        return
