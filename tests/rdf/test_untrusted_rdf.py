"""Untrusted RDF: no reader expands XML entities, reads external ones or fetches a JSON-LD context."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newskg.cli import main
from newskg.errors import UsageError
from newskg.links import load_links
from newskg.rdf.store import open_graph
from tests.conftest import SEED

RDF_HEAD = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">'
DESCRIPTION = '<rdf:Description rdf:about="http://ex.org/s"><ex:p>{}</ex:p><rdfs:label>x</rdfs:label></rdf:Description>'


def _laughs(levels: int) -> str:
    """A "billion laughs" document: each entity ten of the one before (kept small: a reader that expands it
    still finishes, so the test fails rather than hangs when the guard is gone)."""
    entities = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n'
        f"{RDF_HEAD}{DESCRIPTION.format(f'&l{levels};')}</rdf:RDF>\n"
    )


@pytest.fixture
def laughs(tmp_path: Path) -> Path:
    path = tmp_path / "laughs.rdf"
    path.write_text(_laughs(3), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "FILE"],
        ["merge", "FILE", "--out", "OUT"],
        ["query", "FILE", "SELECT * WHERE { ?s ?p ?o }"],
        ["export", "FILE", "--out", "OUT"],
        ["build", str(SEED), "--links", "FILE", "--out", "OUT"],
    ],
)
def test_every_reader_refuses_entity_declarations(
    laughs: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = [{"FILE": str(laughs), "OUT": str(out / "m.trig")}.get(part, part) for part in command]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1 and f"{laughs}: line 3: refused" in error and "&l0;" in error
    assert not (out / "m.trig").exists()


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    path = tmp_path / "external.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>\n'
        f"{RDF_HEAD}{DESCRIPTION.format('&x;')}</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match="declares an external entity"):
        load_links(path)
    with pytest.raises(UsageError, match="declares an external entity"):
        open_graph(path)


def test_an_external_dtd_is_refused_and_plain_rdf_xml_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "dtd.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/x.dtd">\n{RDF_HEAD}</rdf:RDF>\n',
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match="external DTD"):
        open_graph(path)
    plain = tmp_path / "plain.rdf"
    plain.write_text(f"{RDF_HEAD}{DESCRIPTION.format('v')}</rdf:RDF>\n", encoding="utf-8")
    assert len(open_graph(plain, union=False)) == 2
    assert load_links(plain).table


def test_oxigraph_refuses_entity_declarations(laughs: Path) -> None:
    with pytest.raises(UsageError, match="refused: the DOCTYPE declares an entity"):
        open_graph(laughs)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A server on 127.0.0.1 that records whatever reaches it (and answers nothing)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.05)
    received: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            received.append(b"(connected)")
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def _contexts(port: int, tmp_path: Path) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}/context.jsonld"
    (tmp_path / "local.jsonld").write_text('{"@context": {"name": "http://ex.org/name"}}', encoding="utf-8")
    body = '"@id": "http://ex.org/s", "http://ex.org/p": "x"'
    return {
        "remote": f'{{"@context": "{url}", {body}}}',
        "list": f'{{"@context": [{{"ex": "http://ex.org/"}}, "{url}"], {body}}}',
        "nested": f'{{"@graph": [{{"@context": "{url}", {body}}}]}}',
        "scoped": f'{{"@context": {{"t": {{"@id": "http://ex.org/t", "@context": "{url}"}}}}, {body}}}',
        "import": f'{{"@context": {{"@import": "{url}"}}, {body}}}',
        "file": f'{{"@context": "{(tmp_path / "local.jsonld").as_uri()}", {body}}}',
    }


@pytest.mark.parametrize("kind", ["remote", "list", "nested", "scoped", "import", "file"])
@pytest.mark.parametrize("command", ["merge", "query", "validate"])
def test_no_json_ld_context_is_fetched(
    listener: tuple[int, list[bytes]], tmp_path: Path, kind: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    port, received = listener
    path = tmp_path / f"{kind}.jsonld"
    path.write_text(_contexts(port, tmp_path)[kind], encoding="utf-8")
    argv = {
        "merge": ["merge", str(path), "--out", str(tmp_path / "m.trig")],
        "query": ["query", str(path), "ASK { ?s ?p ?o }"],
        "validate": ["validate", str(path)],
    }[command]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1 and f"{path}: refused: the JSON-LD context " in error
    assert ("local.jsonld" if kind == "file" else f"127.0.0.1:{port}") in error
    assert received == []


def test_an_inline_context_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"name": "http://ex.org/name"}, "@id": "http://ex.org/s", "name": "x",'
        ' "http://ex.org/data": {"@value": {"@context": "not a context"}, "@type": "@json"}}',
        encoding="utf-8",
    )
    assert len(open_graph(path, union=False)) == 2
