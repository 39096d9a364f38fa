"""A build's files, staged complete (`newskg.files.stage`) and then renamed together: a failed or killed run
leaves the old ones.

One writer at a time holds an output folder (`locked`), and a full disk is one line (`room`).
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newskg.errors import OutputError
from newskg.files import FILE_MODE, TEMPORARY, stage

LOCK = ".newskg-lock"  # the lock file a writer holds in its output folder
_FULL = (errno.ENOSPC, errno.EDQUOT)


def ensure_dir(path: Path) -> Path:
    """Create the output folder, or say clearly why it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create the output folder ({error.strerror})") from error
    if not os.access(path, os.W_OK):
        raise OutputError(f"{path}: the output folder is not writable")
    return path


def sweep(folder: Path, names: Iterable[str]) -> None:
    """Remove the temporaries a killed run left for these files."""
    for leftover in folder.glob(f".*{TEMPORARY}"):
        if any(leftover.name.startswith(f".{name}.") for name in names):
            leftover.unlink(missing_ok=True)


def install(staged: Mapping[Path, Path]) -> None:
    """Rename staged files (target: temporary) over their targets, all or none: every target is checked before
    the first rename, and the previous files are kept aside until the last is in place, then put back if a
    rename fails part-way. An OutputError names the target that could not be replaced."""
    for target in staged:
        if target.is_dir() and not target.is_symlink():
            discard(staged)
            raise OutputError(f"{target}: is a folder, so the output file cannot be written there; move it away")
    kept: dict[Path, Path] = {}
    done: list[Path] = []
    target = next(iter(staged), Path())
    try:
        for target in staged:
            if os.path.lexists(target):
                kept[target] = _keep(target)
        for target, temporary in staged.items():
            os.replace(temporary, target)
            done.append(target)
    except BaseException as error:
        _put_back(done, kept)
        discard(staged)
        if isinstance(error, OSError):
            raise OutputError(
                f"{target}: cannot be replaced ({error.strerror}); the previous files are left as they were"
            ) from error
        raise
    finally:
        for aside in kept.values():
            aside.unlink(missing_ok=True)


def _keep(target: Path) -> Path:
    """A second name for the file at `target` (a hard link; a rename where links are not made), to put back."""
    aside = target.with_name(f".{target.name}.{secrets.token_hex(8)}.old{TEMPORARY}")
    try:
        os.link(target, aside, follow_symlinks=False)
    except OSError:
        os.replace(target, aside)
    return aside


def _put_back(done: Iterable[Path], kept: Mapping[Path, Path]) -> None:
    """Undo the renames made: each target's previous file back in place (or none, when it had none)."""
    for target in done:
        if target in kept:
            os.replace(kept[target], target)
        else:
            target.unlink(missing_ok=True)
    for target, aside in kept.items():
        if not os.path.lexists(target):
            os.replace(aside, target)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold `folder` for this writer alone: an flock on a lock file inside it, removed (while still held) when
    the writer ends, and released by the system if it is killed. An OutputError when another writer holds it,
    as two builds into one folder would undo each other's files."""
    path = folder / LOCK
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as error:
        raise OutputError(f"{folder}: cannot lock the output folder ({error.strerror})") from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = os.fstat(handle).st_ino == os.stat(path).st_ino  # not a lock file its holder just removed
        except (BlockingIOError, FileNotFoundError):
            held = False
        if not held:
            raise OutputError(f"{folder}: the output folder is in use by another build; run again when it has finished")
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
    finally:
        os.close(handle)


@contextmanager
def room(folder: Path) -> Iterator[None]:
    """A full disk (or quota), met by any write of the block, as one OutputError naming `folder`: the files
    are staged before any is installed, so the previous ones are still whole."""
    try:
        yield
    except OSError as error:
        if error.errno in _FULL or "No space left" in str(error):
            raise OutputError(f"{folder}: no space left on the device; the previous output is unchanged") from error
        raise


def discard(staged: Mapping[Path, Path]) -> None:
    """Remove staged files that will not be installed."""
    for temporary in staged.values():
        temporary.unlink(missing_ok=True)


def commit(folder: Path, contents: Mapping[str, bytes | Callable[[], bytes]]) -> dict[str, Path]:
    """Write a set of files together: all are staged complete first, then renamed in one quick pass.

    A file's content may be given as a function, called just before it is staged, so only
    one file's bytes are in memory at a time. A run killed while staging leaves every
    previous file as it was (and temporaries that the next run removes); no file is ever
    seen half written. A full disk is an OutputError, the previous files kept.
    """
    sweep(folder, contents)
    with room(folder):
        install(stage_all(folder, {name: _writer(content) for name, content in contents.items()}))
    return {name: folder / name for name in contents}


def stage_all(folder: Path, writers: Mapping[str, Callable[[IO[bytes]], object]]) -> dict[Path, Path]:
    """Each file of `folder` staged by its writer, in order: {file: staged temporary}; none left when one fails."""
    staged: dict[Path, Path] = {}
    try:
        for name, write in writers.items():
            staged[folder / name] = stage(folder / name, write)
    except BaseException:
        discard(staged)
        raise
    return staged


def _writer(content: bytes | Callable[[], bytes]) -> Callable[[IO[bytes]], object]:
    """A writer of `content`, made (when it is a function) only as its file is written."""
    return lambda stream: stream.write(content() if callable(content) else content)
