"""No query makes newskg call out: SERVICE is refused on the parsed query, by `serve` and by `query`, and a
query's process cannot open a network socket at all. A listener on 127.0.0.1 must receive nothing."""

from __future__ import annotations

import platform
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from newskg.cli import main
from newskg.isolate import ChildFailed, run_isolated
from newskg.serve import Endpoint
from newskg.store import open_graph

URL = "URL"  # replaced by the listener's address
TRICKS = {
    "an escaped # hides the rest of the line from a pattern": (
        "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:a\\# ?o . SERVICE <URL> { ?s ?p ?o } }",
        400,
    ),
    "comparisons that look like an IRI around it": (
        "PREFIX : <URL>\nSELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE:x{?s ?p ?o}FILTER(3>2) }",
        403,
    ),
    "lower case": ("select * where { service <URL> { ?s ?p ?o } }", 403),
    "SILENT": ("SELECT * WHERE { SERVICE SILENT <URL> { ?s ?p ?o } }", 403),
    "a prefixed name": ("PREFIX remote: <URL>\nSELECT * WHERE { SERVICE remote:sparql { ?s ?p ?o } }", 403),
    "a variable": ("SELECT * WHERE { VALUES ?where { <URL> } SERVICE ?where { ?s ?p ?o } }", 403),
    "inside OPTIONAL": ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <URL> { ?s ?q ?r } } }", 403),
    "inside UNION": ("SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <URL> { ?s ?p ?o } } }", 403),
    "inside a subquery": ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <URL> { ?s ?p ?o } } } }", 403),
    "inside EXISTS": ("ASK { ?s ?p ?o FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } }", 403),
    "inside NOT EXISTS in a CONSTRUCT": (
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <URL> { ?s ?p ?o } } }",
        403,
    ),
    "inside MINUS and GRAPH": ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o MINUS { SERVICE <URL> { ?s ?p ?o } } } }", 403),
    "after a comment": ("SELECT * WHERE { # a comment }\n SERVICE <URL> { ?s ?p ?o } }", 403),
    "a unicode escape": ("SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }", 403),
    "an escape that closes a string": ('SELECT * WHERE { BIND("\\u0022 AS ?x) SERVICE <URL> { ?s ?p ?o } }', 403),
    "a DESCRIBE": ("DESCRIBE ?s WHERE { SERVICE <URL> { ?s ?p ?o } }", 403),
    "an escape that spells another escape": ("SELECT * WHERE { \\u005Cu0053ERVICE <URL> { ?s ?p ?o } }", 400),
    "an escape naming a lone surrogate": (
        'SELECT * WHERE { ?s ?p "\\ud800" OPTIONAL { SERVICE <URL> { ?s ?p ?o } } }',
        400,
    ),
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("service") / "small.trig"
    path.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    return path


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A plain TCP listener on a free port of 127.0.0.1 that never answers: whatever connects waits in its queue."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", server


def _connections(server: socket.socket) -> int:
    """How many connections reached the listener (its queue keeps them, even those closed since)."""
    server.setblocking(False)
    count = 0
    while True:
        try:
            server.accept()[0].close()
        except BlockingIOError:
            return count
        count += 1


def _ask(app: Endpoint, query: str) -> tuple[str, bytes]:
    statuses: list[str] = []
    environ = {"PATH_INFO": "/query", "REQUEST_METHOD": "GET", "QUERY_STRING": urllib.parse.urlencode({"query": query})}
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], body


def test_the_listener_hears_oxigraph_when_nothing_stops_it(listener: tuple[str, socket.socket]) -> None:
    url, server = listener
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    bare = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph; list(pyoxigraph.Store().query({query!r}))"])
    try:
        server.settimeout(60)
        connection, _ = server.accept()
        assert connection.recv(4) == b"POST"
        connection.close()
    finally:
        bare.kill()
        bare.wait()


@pytest.mark.parametrize("name", TRICKS)
def test_serve_refuses_every_service_and_calls_nowhere(
    graph: Path, listener: tuple[str, socket.socket], name: str
) -> None:
    text, expected = TRICKS[name]
    url, server = listener
    status, body = _ask(Endpoint(open_graph(graph), seconds=5), text.replace(URL, url))
    assert int(status.split()[0]) == expected, body
    assert b"SERVICE is refused" in body if expected == 403 else b"not a valid SPARQL query" in body
    assert _connections(server) == 0


@pytest.mark.parametrize("name", TRICKS)
def test_query_refuses_every_service_and_calls_nowhere(
    graph: Path, listener: tuple[str, socket.socket], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = TRICKS[name]
    url, server = listener
    assert main(["query", str(graph), text.replace(URL, url), "--timeout", "5"]) == 2
    error = capsys.readouterr().err
    assert "SERVICE is refused" in error if expected == 403 else "not a valid SPARQL query" in error
    assert len(error.splitlines()) == 1
    assert _connections(server) == 0


@pytest.mark.skipif(platform.machine() not in ("x86_64", "aarch64"), reason="seccomp filter: Linux x86-64, ARM64")
def test_a_query_process_cannot_reach_the_network_whatever_it_runs(listener: tuple[str, socket.socket]) -> None:
    url, server = listener
    store = ox.Store()

    def federated() -> tuple[str, bytes]:
        return "", str(list(store.query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))).encode()

    address = server.getsockname()

    def connect() -> tuple[str, bytes]:
        socket.create_connection(address, timeout=5)
        return "", b""

    def local() -> tuple[str, bytes]:
        socket.socket(socket.AF_UNIX).connect("/run/nscd/socket")  # a local resolver's, say
        return "", b""

    for work in (federated, connect, local):
        with pytest.raises(ChildFailed, match="Permission denied"):
            run_isolated(work, 5)
    assert _connections(server) == 0
    assert run_isolated(lambda: ("still", b"answers"), 5) == ("still", b"answers")


DIFFERENTIALS = {  # queries rdflib's parser and Oxigraph's read differently, with what each must then do
    "a comment a carriage return ends for Oxigraph only": (
        "SELECT * WHERE { ?s ?p ?o # \r OPTIONAL { SERVICE <URL> { ?s ?p ?o } } \n }",
        403,
    ),
    "an escaped quote that ends a string for rdflib only": (
        'SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?p "x\\u0022 # " OPTIONAL { SERVICE <URL> { ?s ?p ?o } } #\n } }',
        200,
    ),
}


@pytest.mark.parametrize("name", DIFFERENTIALS)
def test_serve_runs_the_query_its_parser_read(graph: Path, listener: tuple[str, socket.socket], name: str) -> None:
    text, expected = DIFFERENTIALS[name]
    url, server = listener
    status, body = _ask(Endpoint(open_graph(graph), seconds=5), text.replace(URL, url))
    assert int(status.split()[0]) == expected, body
    assert b"SERVICE is refused" in body if expected == 403 else b'"bindings"' in body
    assert _connections(server) == 0


@pytest.mark.parametrize("name", DIFFERENTIALS)
def test_query_runs_the_query_its_parser_read(
    graph: Path, listener: tuple[str, socket.socket], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = DIFFERENTIALS[name]
    url, server = listener
    assert main(["query", str(graph), text.replace(URL, url), "--timeout", "5"]) == (2 if expected == 403 else 0)
    output = capsys.readouterr()
    assert "SERVICE is refused" in output.err if expected == 403 else "(1 row)" in output.out
    assert _connections(server) == 0
