"""Reading articles: text with a header, HTML, JSON Lines, and every way a file can be bad."""

import codecs
from datetime import date
from pathlib import Path

import pytest

from newskg.errors import InputError
from newskg.ingest.articles import count_articles, find_author, iter_articles, split_header
from newskg.model import Article


def read(*paths: Path) -> list[Article | InputError]:
    return list(iter_articles(paths))


def test_text_header_and_byline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "url: https://example.org/a\npublished: 2022-09-27\ntitle: Deminers at work\n\n"
        "By Jane Doe\n\nDeminers cleared 40 hectares.\n",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.id, article.url, article.published, article.title) == (
        "story",
        "https://example.org/a",
        date(2022, 9, 27),
        "Deminers at work",
    )
    assert article.author == "Jane Doe"
    assert article.text.startswith("By Jane Doe")


def test_unknown_header_values_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("published: unknown\ntitle: unknown\n\nText of the story.\n", encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and article.published is None and article.title is None


def test_text_without_header_is_all_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Title: not a header line because it is prose\nand more.\n", encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and article.text.startswith("Title: not")


def test_header_offsets_index_the_text_after_the_header() -> None:
    header, text = split_header("title: A\n\nBody text.")
    assert header == {"title": "A"} and text == "Body text."


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By Jane Doe\n\nText.", "Jane Doe"),
        ("By Azernews\n\nBy Vusal Ali\n\nText.", "Vusal Ali"),
        ("By the river, people gathered.", None),
    ],
)
def test_byline_author(text: str, author: str | None) -> None:
    assert find_author(text) == author


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = " ".join(["Deminers cleared 40 hectares of farmland near the border this spring."] * 6)
    path.write_text(
        "<html><head><title>Clearing fields</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2023-04-05'></head>"
        "<style>p { color: red }</style>"
        f"<body><nav>Home | About</nav><article><h1>Clearing fields</h1><p>{body}</p>"
        "<!-- a comment that is not text --><p>Caf&eacute; owners &amp; farmers were &lt;glad&gt;.</p></article>"
        "<script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert "Deminers cleared 40 hectares" in article.text and "alert" not in article.text
    assert "Café owners & farmers were <glad>." in article.text
    assert "comment" not in article.text and "color" not in article.text
    assert article.title == "Clearing fields" and article.published == date(2023, 4, 5)


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a1", "text": "First story.", "published": "2020-01-02"}\n'
        "{not json\n"
        '{"title": "no text"}\n'
        '{"id": "a4", "text": "Fourth story.", "title": ["not", "a", "string"]}\n'
        '{"text": "Fifth story."}\n',
        encoding="utf-8",
    )
    results = read(path)
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert [a.id for a in good] == ["a1", "feed-5"]
    assert [e.line for e in bad] == [2, 3, 4]
    assert all(str(path) in str(e) for e in bad)


def test_jsonl_is_read_line_by_line_and_one_windows_1252_line_costs_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        codecs.BOM_UTF8 + '{"id": "a1", "text": "Zürich deminers said “yes”."}\n'.encode(),
        '{"id": "a2", "text": "Café owners said no."}\n'.encode("cp1252"),
        '{"id": "a3", "text": "Kraków agency said “maybe”."}\n'.encode(),
    ]
    path.write_bytes(b"".join(lines))
    articles = [r for r in read(path) if isinstance(r, Article)]
    assert [a.text for a in articles] == [
        "Zürich deminers said “yes”.",
        "Café owners said no.",
        "Kraków agency said “maybe”.",
    ]
    assert [a.notes for a in articles] == [(), ("line 2 is not UTF-8 (byte 0xe9); read as Windows-1252",), ()]
    assert count_articles([path]) == 3


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (bytes(range(1, 9)) * 30, "binary"),
        (b"\xff\xfe" + b"\x00\xd8", "not valid utf-16"),
    ],
)
def test_bad_files_are_named_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (error,) = read(path)
    assert isinstance(error, InputError) and problem in str(error) and str(path) in str(error)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffDeminers cleared fields.".encode())
    (article,) = read(path)
    assert isinstance(article, Article) and article.text == "Deminers cleared fields."


def test_missing_path_unsupported_file_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    errors = read(tmp_path / "nowhere.txt", tmp_path / "notes.pdf", tmp_path / "empty")
    assert [type(e) for e in errors] == [InputError] * 3
    assert "no such file" in str(errors[0]) and "unsupported" in str(errors[1]) and "no article files" in str(errors[2])


def test_folders_are_searched_recursively_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b/two.txt", "a/one.txt", "c/d/three.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Story {name}.", encoding="utf-8")
    assert [a.id for a in read(tmp_path) if isinstance(a, Article)] == ["one", "two", "three"]


@pytest.mark.parametrize(
    ("content", "text", "note"),
    [
        ("Café owners said “no”.".encode("cp1252"), "Café owners said “no”.", "not UTF-8 (byte 0xe9 at offset 3)"),
        ("Œuvre in Zürich.".encode("latin-1", errors="replace"), "?uvre in Zürich.", "read as Windows-1252"),
        ("Deminers in Kyiv.".encode("utf-16"), "Deminers in Kyiv.", "UTF-16"),
        ("\ufeffDeminers in Kyiv.".encode("utf-8"), "Deminers in Kyiv.", None),
    ],
)
def test_other_encodings_are_read_with_a_note(tmp_path: Path, content: bytes, text: str, note: str | None) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    (article,) = read(path)
    assert isinstance(article, Article) and article.text == text
    assert (note is None and not article.notes) or (note is not None and note in article.notes[0])
