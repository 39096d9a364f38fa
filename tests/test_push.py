"""newskg push into a real Oxigraph server started on 127.0.0.1 for the test, queried back over SPARQL."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newskg import push as push_module
from newskg.cli import main
from newskg.pipeline.run import BuildResult
from newskg.rdf.store import open_graph

ARTICLE_GRAPH = "https://w3id.org/newskg/id/graph/mine-clearance-azerbaijan-2021"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server (the PyPI oxigraph package's) on a free port of 127.0.0.1."""
    binary = Path(sys.executable).with_name("oxigraph")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(binary), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the Oxigraph server did not start")


def _select(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        f"{url}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["results"]["bindings"]


def test_push_sends_one_graph_per_article_and_resumes(
    seed_build: BuildResult, server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = tmp_path / "build"
    shutil.copytree(seed_build.out, build)
    assert main(["push", str(build), "--endpoint", f"{server}/store"]) == 0
    assert "pushed 2 graph(s)" in capsys.readouterr().err
    graphs = {row["g"]["value"] for row in _select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {ARTICLE_GRAPH, "https://w3id.org/newskg/id/graph/provenance"}
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(_select(server, count)[0]["n"]["value"]) == sum(1 for _ in seed_build.dataset.quads())
    assert main(["push", str(build), "--endpoint", f"{server}/store"]) == 0
    assert "pushed 0 graph(s)" in capsys.readouterr().err
    state = next(build.glob(".newskg-push-*.txt"))
    state.write_text(state.read_text().splitlines()[0] + "\n")
    assert main(["push", str(build), "--endpoint", f"{server}/store"]) == 0
    assert "pushed 1 graph(s)" in capsys.readouterr().err


def test_an_unreachable_server_is_one_line_and_exit_2(
    seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["push", str(seed_build.out), "--endpoint", f"http://127.0.0.1:{port}/store"]) == 2
    assert "cannot reach the server" in capsys.readouterr().err


class _Recorder(http.server.ThreadingHTTPServer):
    """A Graph Store stand-in on 127.0.0.1: it records each PUT's path and Authorization header, and answers
    with `reply` (a 4xx or 5xx with a reason phrase holding an escape sequence)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str]] = []
        self.reply = (204, b"")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Recorder

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((self.path, self.headers["Authorization"]))
        status, body = self.server.reply
        self.send_response(status, "Bad \x1b[2J Thing" if status >= 400 else None)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_credentials_in_the_url_are_sent_as_basic_auth_and_never_shown(
    seed_build: BuildResult, recorder: _Recorder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = tmp_path / "build"
    shutil.copytree(seed_build.out, build)
    port = recorder.server_address[1]
    endpoint = f"http://alice:s%3Acr%40t@127.0.0.1:{port}/store?token=t0ps3cret&api_key=k3y&dataset=news"
    assert main(["push", str(build), "--endpoint", endpoint]) == 0
    assert {auth for _, auth in recorder.requests} == {"Basic " + base64.b64encode(b"alice:s:cr@t").decode()}
    sent = "/store?token=t0ps3cret&api_key=k3y&dataset=news&graph="
    assert len(recorder.requests) == 2 and all(path.startswith(sent) for path, _ in recorder.requests)
    error = capsys.readouterr().err
    assert f"to http://***@127.0.0.1:{port}/store?token=***&api_key=***&dataset=news" in error
    recorder.reply = (401, b"\x1b]0;owned\x07\x1b[31mwrong password\x1b[0m\r\n" + b"x" * 5000)
    next(build.glob(".newskg-push-*.txt")).unlink()
    assert main(["push", str(build), "--endpoint", endpoint]) == 2
    error = capsys.readouterr().err
    assert "(401 Bad Thing: wrong password xxx" in error and "\x1b" not in error and "\r" not in error
    assert len(error.splitlines()) == 1 and len(error) < 1000
    for secret in ("alice", "s%3Acr", "s:cr@t", "t0ps3cret", "k3y"):
        assert secret not in error


def test_an_unreachable_server_is_named_without_its_credentials(
    seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = f"http://bob:hunter2@127.0.0.1:{port}/store?password=hunter3"
    assert main(["push", str(seed_build.out), "--endpoint", endpoint]) == 2
    error = capsys.readouterr().err
    assert f"http://127.0.0.1:{port}/store?password=***&graph=" in error and "cannot reach the server" in error
    assert "bob" not in error and "hunter" not in error


def test_a_graph_deleted_on_the_server_is_sent_again_with_verify_and_all_with_force(
    seed_build: BuildResult, server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = tmp_path / "build"
    shutil.copytree(seed_build.out, build)
    store = f"{server}/store"
    assert main(["push", str(build), "--endpoint", store]) == 0
    capsys.readouterr()
    delete = urllib.request.Request(f"{store}?{urllib.parse.urlencode({'graph': ARTICLE_GRAPH})}", method="DELETE")
    urllib.request.urlopen(delete, timeout=10).read()
    assert main(["push", str(build), "--endpoint", store]) == 0
    assert "pushed 0 graph(s)" in capsys.readouterr().err
    assert main(["push", str(build), "--endpoint", store, "--verify"]) == 0
    said = capsys.readouterr().err
    assert "pushed 1 graph(s)" in said and "1 already there, checked on the server" in said
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ARTICLE_GRAPH}> {{ ?s ?p ?o }} }}"
    assert int(_select(server, count)[0]["n"]["value"]) > 1000
    assert main(["push", str(build), "--endpoint", store, "--verify"]) == 0
    assert "pushed 0 graph(s)" in capsys.readouterr().err
    assert main(["push", str(build), "--endpoint", store, "--force"]) == 0
    assert "pushed 2 graph(s)" in capsys.readouterr().err


class _RawServer:
    """A stand-in on 127.0.0.1 that reads each request whole and answers it with `reply`'s bytes, then with
    `endless` bytes for as long as the client reads them (counted in `sent`)."""

    def __init__(self, reply: bytes, endless: bool = False) -> None:
        self.reply, self.endless, self.sent = reply, endless, 0
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/store"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                head = b""
                while b"\r\n\r\n" not in head:
                    head += connection.recv(65536)
                length = int(head.split(b"ontent-Length: ")[1].split(b"\r\n")[0]) if b"ontent-Length" in head else 0
                body = head.partition(b"\r\n\r\n")[2]
                while len(body) < length:
                    body += connection.recv(65536)
                try:
                    connection.sendall(self.reply)
                    while self.endless and self.sent < 1 << 30:
                        connection.sendall(b"x" * (1 << 20))
                        self.sent += 1 << 20
                except OSError:
                    continue


HOSTILE_REPLIES = {
    "not HTTP at all, with an escape sequence": b"\x1b[31mHELLO\r\n\r\n",
    "a body cut short": b"HTTP/1.1 500 Oops\r\nContent-Length: 100000\r\n\r\nabc",
    "a header line over 64 KiB": b"HTTP/1.1 204 No Content\r\nX: " + b"a" * 70_000 + b"\r\n\r\n",
    "more than 100 headers": b"HTTP/1.1 204 No Content\r\n" + b"X: a\r\n" * 200 + b"\r\n",
}


@pytest.mark.parametrize("name", HOSTILE_REPLIES)
def test_a_reply_that_is_not_http_is_one_line_and_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "small.trig"
    graph.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    server = _RawServer(HOSTILE_REPLIES[name])
    try:
        assert main(["push", str(graph), "--endpoint", server.url]) == 2
    finally:
        server.socket.close()
    error = capsys.readouterr().err
    assert error.startswith(f"newskg: {server.url}?graph=urn:x:g: ") and "run push again to resume" in error
    assert len(error.splitlines()) == 1 and "\x1b" not in error and len(error) < 1000


def test_an_endless_reply_to_an_accepted_graph_is_not_read(tmp_path: Path) -> None:
    graph = tmp_path / "small.trig"
    graph.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    server = _RawServer(b"HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n", endless=True)
    try:
        assert main(["push", str(graph), "--endpoint", server.url]) == 0
    finally:
        server.socket.close()
    assert server.sent < 1 << 28  # of the 1 GiB it would send: what the connection held when push let it go


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:abc/store",  # a port that is no number
        "http://127.0.0.1:99999/store",  # or none a socket can have
        "http://127.0.0.1:7878/store#part",  # ?graph= would be added to the fragment, which is never sent
    ],
)
def test_an_endpoint_url_that_cannot_name_each_graph_is_a_usage_error(
    endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "small.trig"
    graph.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    assert main(["push", str(graph), "--endpoint", endpoint]) == 2
    error = capsys.readouterr().err
    assert (
        error == f"newskg: --endpoint {endpoint}: give the server's Graph Store URL, e.g. http://127.0.0.1:7878/store\n"
    )


@pytest.mark.parametrize("name", HOSTILE_REPLIES)
def test_verify_against_a_reply_that_is_not_http_is_one_line_and_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "small.trig"
    graph.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    server = _RawServer(HOSTILE_REPLIES[name])
    name_and_body = next(push_module._parts(open_graph(graph, union=False), None, False))
    sent = {name_and_body[0]: hashlib.sha256(name_and_body[1]).hexdigest()}
    push_module._write_state(push_module._state_file(graph, server.url, None), sent)  # as if pushed before
    try:
        assert main(["push", str(graph), "--endpoint", server.url, "--verify"]) == 2
    finally:
        server.socket.close()
    error = capsys.readouterr().err
    assert error.startswith(f"newskg: {server.url}?graph=urn:x:g: ")
    assert len(error.splitlines()) == 1 and "\x1b" not in error and len(error) < 1000
