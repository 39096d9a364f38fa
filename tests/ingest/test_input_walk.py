"""Walking the input: a folder is never left by a link, a build never reads its own output, and a path that
is not a file or folder (missing, a FIFO) is a usage error that names what it is, without blocking."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newskg.cli import main
from newskg.errors import InputError, Skipped, UsageError
from newskg.ingest.articles import Excluded, check_paths, count_articles, iter_articles
from newskg.model import Article
from newskg.pipeline.run import build

STORY = "Deminers cleared 40 mines near Fuzuli on Monday, the agency said."


def _ids(items: list[Article | InputError]) -> list[str]:
    return [item.id for item in items if isinstance(item, Article)]


def _skipped(items: list[Article | InputError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, Skipped)]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the input that holds a secret, as any file of the machine might."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text("The password is hunter2.", encoding="utf-8")
    return folder


def test_links_in_a_folder_are_skipped_with_a_warning(tmp_path: Path, outside: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(STORY, encoding="utf-8")
    (corpus / "linked.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked-folder").symlink_to(outside, target_is_directory=True)
    items = list(iter_articles([corpus]))
    assert _ids(items) == ["story"]
    assert not any(isinstance(i, Article) and "hunter2" in i.text for i in items)
    assert _skipped(items) == [
        f"{corpus / 'linked-folder'}: is a symbolic link; not followed out of the folder named",
        f"{corpus / 'linked.txt'}: is a symbolic link; not followed out of the folder named",
    ]
    assert count_articles([corpus]) == 1


def test_a_link_named_on_the_command_line_is_read_as_given(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "named.txt").symlink_to(outside / "secret.txt")
    (tmp_path / "named-folder").symlink_to(outside, target_is_directory=True)
    items = list(iter_articles([tmp_path / "named.txt", tmp_path / "named-folder"]))
    assert _ids(items) == ["named", "secret"]


def test_the_output_and_cache_folders_are_never_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "out" / ".cache").mkdir(parents=True)
    (corpus / "cache").mkdir()
    (corpus / ".newskg-work-1-x").mkdir()
    (corpus / "story.txt").write_text(STORY, encoding="utf-8")
    for name in ("out/graph.html", "out/report.html", "cache/entry.txt", ".newskg-work-1-x/piece.txt"):
        (corpus / name).write_text("<html><body><p>Built before.</p></body></html>", encoding="utf-8")
    (corpus / ".newskg-push-1.txt").write_text("pushed before", encoding="utf-8")
    excluded = Excluded(frozenset({(corpus / "out").resolve(), (corpus / "cache").resolve()}))
    assert _ids(list(iter_articles([corpus], excluded))) == ["story"]
    assert _ids(list(iter_articles([corpus]))) == ["entry", "graph", "report", "story"]
    (named,) = list(iter_articles([corpus / "out" / "graph.html"], excluded))
    assert isinstance(named, Skipped) and "the build's own output" in str(named)


def test_an_output_folder_that_is_the_input_folder_keeps_its_articles(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "report.html").write_text("<html><body><p>Built before.</p></body></html>", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("Kept facts.", encoding="utf-8")
    folders = frozenset({tmp_path.resolve(), (tmp_path / ".cache").resolve()})
    excluded = Excluded(folders, frozenset({(tmp_path / "report.html").resolve()}))
    assert _ids(list(iter_articles([tmp_path], excluded))) == ["story"]


@pytest.mark.slow
def test_a_build_into_its_input_folder_does_not_grow(tmp_path: Path) -> None:
    below, beside = tmp_path / "below", tmp_path / "beside"
    for corpus in (below, beside):
        corpus.mkdir()
        (corpus / "story.txt").write_text(STORY, encoding="utf-8")
    builds = [build([below], below / "out"), build([below], below / "out"), build([beside], beside)]
    builds.append(build([beside], beside))
    assert [result.articles for result in builds] == [["story"]] * 4
    assert [result.failures for result in builds] == [[]] * 4
    assert (beside / "graph.html").is_file() and (beside / ".cache").is_dir()


def test_a_fifo_is_named_for_what_it_is_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match=r"pipe.txt: is a FIFO \(named pipe\), not a file or folder"):
        check_paths([fifo])
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert _ids(items) == ["story"]
    assert _skipped(items) == [f"{fifo}: is a FIFO (named pipe), not a regular file; skipped"]


@pytest.mark.parametrize("kind", ["missing", "fifo"])
def test_a_bad_path_is_a_usage_error(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "input.txt"
    if kind == "fifo":
        os.mkfifo(path)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1
    assert f"{path}: " + ("no such file or folder" if kind == "missing" else "is a FIFO") in error
    assert not (tmp_path / "out").exists()


def test_metadata_fields_are_held_to_their_limits(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    record = {
        "text": STORY,
        "id": "x" * 300,
        "title": "Mines " * 1_000_000,
        "author": "Jane Doe " * 100,
        "url": "https://example.org/" + "a" * 3000,
        "published": "2021-05-03" + " " * 200,
    }
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = iter_articles([feed])
    assert isinstance(article, Article)
    assert article.title == ("Mines " * 200)[:1000].strip() and article.id == "x" * 255
    assert article.author == ("Jane Doe " * 100)[:300].strip()
    assert article.url is None and article.published is None and article.text == STORY
    assert article.notes == (
        "its id (300 characters) is cut to the first 255",
        "its title (6,000,000 characters) is cut to the first 1,000",
        "its url (3,020 characters, over 2,048) is not kept",
        "its published (210 characters, over 100) is not kept",
        "its author (900 characters) is cut to the first 300",
    )


def test_a_text_header_is_held_to_the_limits_too(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"title: {'T' * 5000}\nurl: https://example.org/a\n\n{STORY}", encoding="utf-8")
    (article,) = iter_articles([path])
    assert isinstance(article, Article) and article.title == "T" * 1000 and article.url == "https://example.org/a"
    assert article.notes == ("its title (5,000 characters) is cut to the first 1,000",)


def test_a_number_too_long_to_read_names_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STORY}) + "\n" + '{"text": "x", "id": ' + "9" * 5000 + "}\n", encoding="utf-8")
    first, second = iter_articles([feed])
    assert isinstance(first, Article) and isinstance(second, InputError)
    assert str(second).startswith(f"{feed}:2: unreadable JSON (Exceeds the limit (4300 digits)")
