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

import pytest
from waitress.server import create_server

from newskg.pipeline import BuildResult
from newskg.serve import Endpoint
from newskg.store import open_graph

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"


@pytest.fixture(scope="module")
def endpoint(seed_build: BuildResult) -> Iterator[str]:
    server = create_server(Endpoint(open_graph(seed_build.out), seconds=5), host="127.0.0.1", port=0, threads=4)
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


def test_updates_and_service_are_refused(endpoint: str) -> None:
    assert _get(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 403
    update = urllib.request.Request(endpoint.replace("/query", "/update"), data=b"update=CLEAR%20ALL")
    assert _send(update)[0] == 403
    status, _, body = _get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and "SERVICE is refused" in body
    assert _get(endpoint, 'SELECT ("SERVICE <x>" AS ?word) {}')[0] == 200


def test_a_bad_query_is_a_400(endpoint: str) -> None:
    status, _, body = _get(endpoint, "SELECT WHERE {")
    assert status == 400 and "not a valid SPARQL query" in body


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


def test_a_port_in_use_is_one_line_and_exit_2(seed_build: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    from newskg.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(seed_build.out), "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
