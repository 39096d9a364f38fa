"""newskg serve: a read-only SPARQL 1.1 Protocol endpoint, queried over plain HTTP on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
from rdflib import Graph
from waitress.server import create_server

from newskg import serve as serve_module
from newskg.pipeline.run import BuildResult
from newskg.rdf.store import open_graph
from newskg.serve import MAX_BODY, MAX_QUERY_STRING, Endpoint

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph of 2,000 statements: the cartesian product of three copies has 8 billion rows."""
    path = tmp_path_factory.mktemp("wide") / "wide.trig"
    lines = [f"<urn:x:s{i}> <urn:x:p> <urn:x:o{i}> ." for i in range(2000)]
    path.write_text("<urn:x:g> {\n" + "\n".join(lines) + "\n}\n", encoding="utf-8")
    return path


def _call(app: Endpoint, environ: dict) -> tuple[str, dict[str, str], bytes]:
    """A WSGI request to the app: its status, headers and body."""
    replies: list[tuple[str, list[tuple[str, str]]]] = []
    request = {"REQUEST_METHOD": "GET", "PATH_INFO": "/query", **environ}
    body = b"".join(app(request, lambda *reply: replies.append(reply)))
    return replies[0][0], dict(replies[0][1]), body


def _children() -> set[int]:
    return {child.pid for child in psutil.Process().children(recursive=True)}


@pytest.fixture(scope="module")
def endpoint(seed_build: BuildResult) -> Iterator[str]:
    app = Endpoint(open_graph(seed_build.out), seconds=5, queries=4)
    server = create_server(app, host="127.0.0.1", port=0, threads=4, asyncore_use_poll=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/query"
    server.close()


def _get(url: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, str, str]:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})
    return _send(request)


def _send(request: urllib.request.Request) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_select_in_json_xml_csv_and_tsv(endpoint: str) -> None:
    status, kind, body = _get(endpoint, COUNT)
    assert status == 200 and kind == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
    status, kind, body = _get(endpoint, COUNT, "application/sparql-results+xml")
    assert status == 200 and "<sparql" in body
    status, kind, body = _get(endpoint, COUNT, "text/csv")
    assert list(csv.reader(io.StringIO(body))) == [["n"], ["1"]]
    status, kind, body = _get(endpoint, COUNT, "text/tab-separated-values")
    assert status == 200 and body.splitlines()[0] == "?n"


def test_post_forms_and_query_bodies(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    assert _send(urllib.request.Request(endpoint, data=form, headers=headers))[2].splitlines()[1] == "1"
    headers = {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    assert _send(urllib.request.Request(endpoint, data=COUNT.encode(), headers=headers))[2].splitlines()[1] == "1"


def test_construct_gives_turtle(endpoint: str) -> None:
    status, kind, body = _get(endpoint, "CONSTRUCT { ?a a schema:NewsArticle } WHERE { ?a a schema:NewsArticle }", "")
    assert status == 200 and kind == "text/turtle" and "NewsArticle" in body


def test_updates_and_service_are_refused_with_403(endpoint: str) -> None:
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL"):
        status, _, body = _get(endpoint, update)
        assert status == 403 and "UPDATE is refused" in body
    status, _, body = _get(endpoint, 'PREFIX ex: <urn:x:> DELETE { ?s ex:p "SELECT" } WHERE { ?s ex:select ?o }')
    assert status == 403 and "UPDATE is refused" in body
    update = urllib.request.Request(endpoint.replace("/query", "/update"), data=b"update=CLEAR%20ALL")
    assert _send(update)[0] == 403
    status, _, body = _get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE is refused" in body
    assert _get(endpoint, 'SELECT ("SERVICE <x>" AS ?word) {}')[0] == 200


def test_a_bad_query_is_a_400(endpoint: str) -> None:
    status, _, body = _get(endpoint, "SELECT WHERE {")
    assert status == 400 and "not a valid SPARQL query" in body


@pytest.mark.slow
def test_concurrent_clients(endpoint: str) -> None:
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _get(endpoint, COUNT, "text/csv"), range(40)))
    assert all(status == 200 and body.splitlines()[1] == "1" for status, _, body in answers)


def test_a_query_past_the_time_limit_gets_503(seed_build: BuildResult) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(REGEX(CONCAT(STR(?c), STR(?f)), 'zz+q')) }"
    app = Endpoint(open_graph(seed_build.out), seconds=0.05)
    environ = {"PATH_INFO": "/query", "REQUEST_METHOD": "GET", "QUERY_STRING": urllib.parse.urlencode({"query": slow})}
    statuses: list[str] = []
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["503 Service Unavailable"] and b"time limit" in body


def test_a_query_past_the_time_limit_is_killed_and_leaves_no_process(wide: Path) -> None:
    app = Endpoint(open_graph(wide), seconds=1)
    before, threads = _children(), threading.active_count()
    status, _, body = _call(app, {"QUERY_STRING": urllib.parse.urlencode({"query": CARTESIAN})})
    assert status == "503 Service Unavailable" and b"time limit of 1 s" in body
    assert _children() == before and threading.active_count() == threads
    status, _, body = _call(app, {"QUERY_STRING": urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})})
    assert status == "200 OK" and json.loads(body)["boolean"] is True


@pytest.mark.slow
def test_queries_in_flight_are_bounded_and_the_rest_told_to_retry(wide: Path) -> None:
    app = Endpoint(open_graph(wide), seconds=5, queries=1)
    slow = {"QUERY_STRING": urllib.parse.urlencode({"query": CARTESIAN})}
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(_call, app, slow)
        while not _children() and not running.done():  # the slow query's process has started
            threading.Event().wait(0.01)
        status, headers, body = _call(app, {"QUERY_STRING": urllib.parse.urlencode({"query": "ASK {}"})})
        assert status == "503 Service Unavailable" and headers["Retry-After"] == "1" and b"running already" in body
        assert running.result()[0] == "503 Service Unavailable" and b"time limit" in running.result()[2]
    assert _call(app, {"QUERY_STRING": urllib.parse.urlencode({"query": "ASK {}"})})[0] == "200 OK"


def test_every_accept_format_answers(endpoint: str) -> None:
    ask = "ASK { ?a a schema:NewsArticle }"
    assert json.loads(_get(endpoint, ask)[2]) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in _get(endpoint, ask, "application/sparql-results+xml")[2]
    construct = "CONSTRUCT { ?a a schema:NewsArticle } WHERE { ?a a schema:NewsArticle }"
    for accept, syntax in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
        status, kind, body = _get(endpoint, construct, accept)
        assert status == 200 and kind == accept
        assert len(Graph().parse(data=body, format=syntax)) == 1


def test_a_body_over_the_limit_is_413_not_cut_short(seed_build: BuildResult) -> None:
    app = Endpoint(open_graph(seed_build.out), seconds=5)
    query = "SELECT ?s WHERE { ?s ?p ?o }" + " " * MAX_BODY + "LIMIT 1"
    environ = {"REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/sparql-query", "CONTENT_LENGTH": str(len(query))}
    status, _, body = _call(app, {**environ, "wsgi.input": io.BytesIO(query.encode())})
    assert status.startswith("413 ") and b"over 1,000,000 bytes" in body
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    environ["CONTENT_LENGTH"] = str(len(query))
    status, _, body = _call(app, {**environ, "wsgi.input": io.BytesIO(query.encode())})
    assert status == "200 OK" and len(json.loads(body)["results"]["bindings"]) == 1


def test_a_query_string_over_the_limit_is_414(seed_build: BuildResult) -> None:
    app = Endpoint(open_graph(seed_build.out), seconds=5)
    query = "SELECT ?s WHERE { ?s ?p ?o }" + " " * MAX_QUERY_STRING + "LIMIT 1"
    status, _, body = _call(app, {"QUERY_STRING": urllib.parse.urlencode({"query": query})})
    assert status == "414 URI Too Long" and b"POST the query" in body


def test_a_port_in_use_is_one_line_and_exit_2(seed_build: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    from newskg.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(seed_build.out), "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


DOUBLING = (  # a string of 16 GiB, made by doubling
    'SELECT (STRLEN(?v30) AS ?n) WHERE { BIND("0123456789abcdef" AS ?v0) '
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(30))
    + " }"
)


@pytest.mark.slow
def test_a_query_past_its_memory_allowance_is_stopped(seed_build: BuildResult) -> None:
    app = Endpoint(open_graph(seed_build.out), seconds=120, memory=256 << 20)
    statuses: list[str] = []
    environ = {
        "PATH_INFO": "/query",
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": urllib.parse.urlencode({"query": DOUBLING}),
    }
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["503 Service Unavailable"]
    assert body == b"the query needed more than its memory allowance of 256 MiB\n"


@pytest.mark.slow
def test_connections_that_never_finish_a_request_do_not_lock_others_out(
    wide: Path,
) -> None:
    endpoint = Endpoint(open_graph(wide), seconds=5, queries=1)
    server = serve_module.server_for(endpoint, "127.0.0.1", 0, 1, connections=20)  # as many as it takes, fewer sockets
    threading.Thread(target=server.run, daemon=True).start()
    address = ("127.0.0.1", server.effective_port)
    idle = [socket.create_connection(address) for _ in range(30)]
    try:
        for connection in idle:
            connection.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\n")  # and never the rest
        url = f"http://127.0.0.1:{server.effective_port}/query?query=ASK%7B%7D"
        with urllib.request.urlopen(url, timeout=60) as response:  # served once the idle ones are let go
            assert response.status == 200 and json.loads(response.read())["boolean"] is True
    finally:
        for connection in idle:
            connection.close()
        server.close()


def test_an_update_sent_to_query_as_the_protocol_sends_one_is_a_403(endpoint: str) -> None:
    form = urllib.request.Request(endpoint, data=b"update=CLEAR%20ALL")  # a form's update parameter
    body = urllib.request.Request(
        endpoint, data=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update; charset=utf-8"}
    )
    for request in (form, body):
        status, _, text = _send(request)
        assert status == 403 and text == "this endpoint is read-only\n"
