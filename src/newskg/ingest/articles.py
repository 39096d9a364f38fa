"""Files and folders to articles: plain text with a header, HTML pages, JSON Lines.

Reading never stops at a bad file: each one that cannot be read is yielded as
an `InputError` naming the file (and line), and the rest go on. A folder is read
without leaving it: a symbolic link in it (to a file or a folder) is passed over
(`Skipped`, a warning), as is what a build writes there (`Excluded`).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newskg.errors import InputError, Skipped, UsageError
from newskg.ingest.html import TooDeep, page_text
from newskg.model import Article

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_HEAD_BYTES = 4096  # what is looked at to tell text from binary
HEADER_KEYS = ("url", "published", "title", "author", "id")
_HEADER_LINE = re.compile(r"^({}):[ \t]*(.*)$".format("|".join(HEADER_KEYS)), re.IGNORECASE)
_UNKNOWN = {"", "unknown", "none", "null", "n/a"}
_BYLINE = re.compile(r"^[ \t]*(?:Written[ \t]+)?[Bb]y:?[ \t]+([A-Z][^\n]{0,80}?)[ \t]*$", re.MULTILINE)
_JOINED_NAME = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
FIELD_LIMITS = {"id": 255, "title": 1_000, "author": 300, "url": 2_048, "published": 100}  # characters
_CUT = ("id", "title", "author")  # names keep their beginning; a URL or a date cut short would be wrong: dropped
_WORKING = ".newskg-"  # the prefix of what a build or a push keeps in its output folder (working folders, records)
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


@dataclass(frozen=True)
class Excluded:
    """What a build writes, never to be read as its input: its output and cache folders (`folders`), its output
    files (`files`, for an output folder that is also the folder read) and working files (`.newskg-*`), resolved."""

    folders: frozenset[Path] = frozenset()
    files: frozenset[Path] = frozenset()

    def __contains__(self, path: object) -> bool:
        """Whether a file or folder met in a walk is excluded (a folder excluded is not entered)."""
        if not isinstance(path, Path):
            return False
        if path.name.startswith(_WORKING):
            return True
        return bool(self.folders or self.files) and path.resolve() in self.folders | self.files

    def named(self, path: Path) -> bool:
        """Whether a path named on the command line is excluded: one inside an output or cache folder (the
        folder itself may be named: its own files are passed over as it is read)."""
        where = path.resolve()
        inside = any(where.is_relative_to(folder) and where != folder for folder in self.folders)
        return inside or where in self.files or path.name.startswith(_WORKING)


def check_paths(paths: Iterable[str | Path]) -> None:
    """A UsageError for the first path named that is not a file or a folder (missing, or a FIFO, a socket or a
    device, which would block or never end), before anything is read."""
    for raw in paths:
        problem = _not_readable(Path(raw))
        if problem:
            raise UsageError(f"{raw}: {problem}")


def _not_readable(path: Path) -> str | None:
    """Why a path named on the command line cannot be read as given (following links), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "no such file or folder"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return f"is {_special(mode)}, not a file or folder; give files or folders"


def _special(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def iter_articles(paths: Iterable[str | Path], excluded: Excluded = Excluded()) -> Iterator[Article | InputError]:
    """Every article under `paths` (files, or folders searched recursively without following links out of
    them, passing over what `excluded` holds), in a stable order."""
    for path in _expand(paths, excluded):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            if path.suffix.lower() == ".jsonl":
                yield from _read_jsonl(path)
            elif path.suffix.lower() in (".html", ".htm"):
                yield _read_html(path)
            else:
                yield _read_txt(path)
        except InputError as error:
            yield error


def count_articles(paths: Iterable[str | Path], excluded: Excluded = Excluded()) -> int:
    """About how many articles `iter_articles` will give (a file each, a JSON Lines file a line each), counted
    without reading them, for progress reports."""
    count = 0
    for path in _expand(paths, excluded):
        if isinstance(path, Path) and path.suffix.lower() == ".jsonl":
            count += _lines_with_text(path)
        elif not isinstance(path, Skipped):
            count += 1
    return count


def _lines_with_text(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1


def _expand(paths: Iterable[str | Path], excluded: Excluded) -> Iterator[Path | InputError]:
    for raw in paths:
        path = Path(raw)
        problem = _not_readable(path)
        if problem:
            yield InputError(str(path), problem)
        elif excluded.named(path):
            yield Skipped(str(path), "is the build's own output; not read as an article")
        elif path.is_dir():
            found = sorted(
                _walk(path, excluded), key=lambda item: Path(item.source) if isinstance(item, Skipped) else item
            )
            if not any(isinstance(item, Path) for item in found):
                yield InputError(str(path), f"no article files ({', '.join(SUFFIXES)}) in this folder")
            yield from found
        elif path.suffix.lower() not in SUFFIXES:
            yield InputError(str(path), f"unsupported file type; newskg reads {', '.join(SUFFIXES)}")
        else:
            yield path


def _walk(folder: Path, excluded: Excluded) -> Iterator[Path | Skipped]:
    """The article files under `folder`, never leaving it: a link (to a file or a folder) is passed over with
    a warning, as is a FIFO or other special file with an article's suffix; `excluded` is passed over silently."""
    for top, folders, files in os.walk(folder, followlinks=False):
        here = Path(top)
        for name in list(folders):
            below = here / name
            if below.is_symlink():
                yield Skipped(str(below), "is a symbolic link; not followed out of the folder named")
            if below.is_symlink() or below in excluded:
                folders.remove(name)
        for name in files:
            path = here / name
            if path.suffix.lower() not in SUFFIXES or path in excluded:
                continue
            if path.is_symlink():
                yield Skipped(str(path), "is a symbolic link; not followed out of the folder named")
            elif not path.is_file():
                yield Skipped(str(path), f"is {_special(path.lstat().st_mode)}, not a regular file; skipped")
            else:
                yield path


def _decode(path: Path) -> tuple[str, str | None]:
    """The file's text, and a note when it was not UTF-8 and had to be read another way.

    UTF-8 (with or without a byte-order mark) is read as is; UTF-16 by its byte-order
    mark; other text as Windows-1252 (a superset of Latin-1 for printable text).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, note = _strict(path, data, "utf-16"), "is UTF-16 text; read as such"
    elif _binary(data):
        raise InputError(str(path), "is a binary file, not text")
    else:
        try:
            text, note = data.decode("utf-8-sig"), None
        except UnicodeDecodeError as error:
            text = data.decode("cp1252", errors="replace")
            note = f"is not UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); read as Windows-1252"
    if not text.strip():
        raise InputError(str(path), "is empty")
    return text, note


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"is not valid {encoding} text (offset {error.start})") from error


def _binary(data: bytes) -> bool:
    """NUL bytes, or more than one control byte in twenty: not a text file."""
    if b"\x00" in data:
        return True
    controls = sum(1 for byte in data[:4096] if (byte < 32 and byte not in (9, 10, 12, 13)) or byte == 127)
    return controls * 20 > min(len(data), 4096)


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text.lower() in _UNKNOWN else text


def parse_date(value: str | None) -> date | None:
    """An ISO date (or the date part of an ISO timestamp), else None."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def split_header(content: str) -> tuple[dict[str, str], str]:
    """The optional `key: value` header block of a text file, and the text after its blank line."""
    lines = content.split("\n")
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if match:
            header[match[1].lower()] = match[2].strip()
        elif header and not line.strip():
            return header, "\n".join(lines[index + 1 :])
        else:
            break
    return {}, content


def find_author(text: str) -> str | None:
    """The person named in a "By Jane Doe" (or "Written by: JaneDoe") byline near the top of the text.

    A one-word byline is a publication ("By Reuters") unless it is a full name written as one word.
    """
    for match in _BYLINE.finditer(text[:600]):
        name = match[1].strip()
        words = name.split()
        if (2 <= len(words) <= 4 and all(w[0].isupper() for w in words)) or _JOINED_NAME.match(name):
            return name
    return None


def _read_txt(path: Path) -> Article:
    content, note = _decode(path)
    header, text = split_header(content)
    if not text.strip():
        raise InputError(str(path), "has a header but no article text")
    return _article(_clean(header.get("id")) or path.stem, text, str(path), header, note)


def _read_html(path: Path) -> Article:
    page, note = _decode(path)
    try:
        document = page_text(page)
    except TooDeep as error:
        raise InputError(str(path), f"{error}; no article text read") from error
    text = document.get("text") or ""
    if not text.strip():
        raise InputError(str(path), "has no readable article text")
    return _article(path.stem, text, str(path), {**document, "published": document.get("date")}, note)


def _article(article_id: str, text: str, source: str, meta: Mapping[str, object], note: str | None) -> Article:
    """An article from its text and a mapping of `title`, `url`, `published` and `author`, each held to its
    `FIELD_LIMITS` (a 50 MB title would fill the graph and every page), with a note for each cut."""
    notes = [note] if note else []
    return Article(
        id=_bounded("id", article_id, notes) or article_id[: FIELD_LIMITS["id"]],
        text=text,
        source=source,
        title=_bounded("title", meta.get("title"), notes),
        url=_bounded("url", meta.get("url"), notes),
        published=parse_date(_bounded("published", meta.get("published"), notes)),
        author=_bounded("author", meta.get("author"), notes) or find_author(text),
        notes=tuple(notes),
    )


def _bounded(key: str, value: object, notes: list[str]) -> str | None:
    """A metadata value within its limit: a name cut to it, a URL or date over it dropped, with a note."""
    limit = FIELD_LIMITS[key]
    if isinstance(value, str) and len(value) > limit:
        if key not in _CUT:
            notes.append(f"its {key} ({len(value):,} characters, over {limit:,}) is not kept")
            return None
        notes.append(f"its {key} ({len(value):,} characters) is cut to the first {limit:,}")
        value = value[:limit]
    return _clean(value)


def _read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """A JSON Lines file's articles, read a line at a time (a feed may hold a great many); a line that is
    not UTF-8 is read as Windows-1252, with a note. A UTF-16 file is read whole."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                text, note = _decode(path)
                yield from _jsonl_lines(path, enumerate(text.split("\n"), start=1), note)
                return
            if _binary(head):
                raise InputError(str(path), "is a binary file, not text")
            stream.seek(0)
            found = yield from _jsonl_lines(path, _decoded_lines(stream), None)
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from error
    if not found:
        raise InputError(str(path), "is empty")


def _decoded_lines(stream: Iterable[bytes]) -> Iterator[tuple[int, str, str | None]]:
    """Numbered lines, each decoded on its own, with a note when it had to be read as Windows-1252."""
    for number, raw in enumerate(stream, start=1):
        data = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
        try:
            yield number, data.decode("utf-8"), None
        except UnicodeDecodeError as error:
            note = f"line {number} is not UTF-8 (byte {data[error.start]:#04x}); read as Windows-1252"
            yield number, data.decode("cp1252", errors="replace"), note


def _jsonl_lines(
    path: Path, lines: Iterable[tuple[int, str] | tuple[int, str, str | None]], note: str | None
) -> Generator[Article | InputError, None, bool]:
    """The articles of numbered lines (with a note each, or `note` for all); whether any line held text."""
    found = False
    for number, line, *own in lines:
        if not line.strip():
            continue
        found = True
        try:
            yield _jsonl_article(path, number, line, own[0] if own else note)
        except InputError as error:
            yield error
    return found


def _jsonl_article(path: Path, number: int, line: str, note: str | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"malformed JSON ({error.msg})", line=number) from error
    except ValueError as error:  # a number of more digits than Python converts (4,300)
        raise InputError(str(path), f"unreadable JSON ({str(error).split(':')[0]})", line=number) from error
    if not isinstance(record, dict):
        raise InputError(str(path), "a line must be a JSON object", line=number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(str(path), 'no "text" string in this line', line=number)
    for key in ("title", "url", "published", "author", "id"):
        if record.get(key) is not None and not isinstance(record[key], (str, int)):
            raise InputError(str(path), f'"{key}" must be a string', line=number)
    return _article(_clean(record.get("id")) or f"{path.stem}-{number}", text, f"{path}:{number}", record, note)
