"""A read-only SPARQL 1.1 Protocol endpoint over a build or a store: Oxigraph answers, waitress serves.

GET or POST /query (a `query` parameter, a form, or an application/sparql-query
body). Results in SPARQL JSON (the default), XML, CSV or TSV for SELECT and ASK,
Turtle, N-Triples or RDF/XML for CONSTRUCT and DESCRIBE, by the Accept header.
The default graph is the union of the named graphs. Updates are refused (403),
and so is SERVICE (400), which would make the server fetch from elsewhere; a
query still running after the time limit gets 503 (Oxigraph cannot be stopped
mid-query, so its thread finishes in the background).
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox

from newskg.query import bare
from newskg.rdf.namespaces import PREFIXES
from newskg.store import open_graph

DEFAULT_PORT = 7878
DEFAULT_SECONDS = 30.0
_MAX_BODY = 1_000_000
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.IGNORECASE)

StartResponse = Callable[[str, list[tuple[str, str]]], object]


@dataclass(frozen=True)
class Endpoint:
    """The WSGI application answering SPARQL queries over one store."""

    store: ox.Store
    seconds: float = DEFAULT_SECONDS

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        status, kind, body = self._answer(environ)
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]

    def _answer(self, environ: dict) -> tuple[str, str, bytes]:
        path = environ.get("PATH_INFO", "")
        if path in ("/update", "/store") or (path == "/query" and environ["REQUEST_METHOD"] not in ("GET", "POST")):
            return _error("403 Forbidden", "this endpoint is read-only")
        if path != "/query":
            return _error("404 Not Found", "SPARQL queries go to /query")
        query = _query_text(environ)
        if not query:
            return _error("400 Bad Request", "no query: give a query parameter or an application/sparql-query body")
        words = bare(query)
        if _SERVICE.search(words):
            return _error("400 Bad Request", "SERVICE is refused: this endpoint does not query other endpoints")
        if _UPDATE.search(words) and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", words, re.IGNORECASE):
            return _error("403 Forbidden", "SPARQL UPDATE is refused: this endpoint is read-only")
        return self._run(query, environ.get("HTTP_ACCEPT", ""))

    def _run(self, query: str, accept: str) -> tuple[str, str, bytes]:
        box: dict[str, str] = {}
        answer: list[tuple[str, bytes]] = []

        def evaluate() -> None:
            try:
                found = self.store.query(query, prefixes=PREFIXES)
                answer.append(_serialise(found, accept))
            except SyntaxError as error:
                box["bad"] = str(error)
            except Exception as error:  # reported to the client as a server error
                box["error"] = str(error)

        worker = threading.Thread(target=evaluate, name="newskg-serve-query", daemon=True)
        worker.start()
        worker.join(self.seconds)
        if worker.is_alive():
            return _error("503 Service Unavailable", f"the query ran past the time limit of {self.seconds:g} s")
        if "bad" in box:
            return _error("400 Bad Request", f"not a valid SPARQL query: {box['bad']}")
        if "error" in box:
            return _error("500 Internal Server Error", f"the query failed: {box['error']}")
        kind, body = answer[0]
        return "200 OK", kind, body


def _query_text(environ: dict) -> str:
    found = parse_qs(environ.get("QUERY_STRING", "")).get("query", [""])[0]
    if environ["REQUEST_METHOD"] != "POST":
        return found
    length = min(int(environ.get("CONTENT_LENGTH") or 0), _MAX_BODY)
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
    kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip()
    if kind == "application/sparql-query":
        return body
    return parse_qs(body).get("query", [found])[0]


def _serialise(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str) -> tuple[str, bytes]:
    wanted = [part.split(";")[0].strip() for part in accept.split(",") if part.strip()]
    if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        kind = next((k for k in wanted if k in _RESULTS), "application/sparql-results+json")
        return kind, answer.serialize(format=_RESULTS[kind]) or b""
    kind = next((k for k in wanted if k in _GRAPHS), "text/turtle")
    return kind, ox.serialize(answer, format=_GRAPHS[kind]) or b""


def _error(status: str, message: str) -> tuple[str, str, bytes]:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")


def serve(
    source: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, seconds: float = DEFAULT_SECONDS
) -> None:
    """Serve a graph until interrupted (on 127.0.0.1 unless another host is named); OSError when the
    address cannot be listened on."""
    from waitress import serve as run

    endpoint = Endpoint(open_graph(source), seconds)
    _check_free(host, port)
    run(endpoint, host=host, port=port, threads=8, ident="newskg")


def _check_free(host: str, port: int) -> None:
    """Bind the address once and let it go, so a taken port fails here (waitress would leave its socket open)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
