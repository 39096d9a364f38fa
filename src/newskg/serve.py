"""A read-only SPARQL 1.1 Protocol endpoint over a build or a store: Oxigraph answers, waitress serves.

GET or POST /query (a `query` parameter, a form, or an application/sparql-query
body). Results in SPARQL JSON (the default), XML, CSV or TSV for SELECT and ASK,
Turtle, N-Triples or RDF/XML for CONSTRUCT and DESCRIBE, by the Accept header.
The default graph is the union of the named graphs. Each query is parsed (newskg.query.prepare)
and run in a process of its own, forked from the server and cut off from the network
(newskg.isolate): updates and SERVICE are refused (403), a query still running at the time
limit is killed (503), one that grows by more than `memory` bytes is stopped (503), and at most
`queries` run at once (503 with Retry-After beyond).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

import pyoxigraph as ox

from newskg.errors import QueryError, RefusedQuery
from newskg.isolate import DEFAULT_MEMORY, ChildFailed, OutOfMemory, Overtime, run_isolated
from newskg.query import prepare
from newskg.rdf.namespaces import PREFIXES
from newskg.rdf.store import open_graph, open_store, store_path

if TYPE_CHECKING:
    from waitress.server import BaseWSGIServer

DEFAULT_PORT = 7878
DEFAULT_SECONDS = 30.0
DEFAULT_QUERIES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
MAX_BODY = 1_000_000  # bytes of a POST body
MAX_QUERY_STRING = 65_536  # bytes of a GET request's query string
MAX_CONNECTIONS = 500  # open at once; more wait to be accepted
IDLE_SECONDS = 10  # a connection that sends nothing for this long, with no query running, is closed
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

StartResponse = Callable[[str, list[tuple[str, str]]], object]
Reply = tuple[str, str, bytes, list[tuple[str, str]]]  # status, content type, body, other headers


class _Unread(Exception):
    """A request whose query the server does not read: one longer than it reads (413, 414), an update (403)."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Endpoint:
    """The WSGI application answering SPARQL queries over one store: a store in memory, or the folder of an
    on-disk store, which each query's process opens read-only."""

    store: ox.Store | Path
    seconds: float = DEFAULT_SECONDS
    queries: int = DEFAULT_QUERIES
    memory: int = DEFAULT_MEMORY  # bytes each query's process may grow by
    _slots: threading.BoundedSemaphore = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_slots", threading.BoundedSemaphore(self.queries))

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        status, kind, body, headers = self._answer(environ)
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))), *headers])
        return [body]

    def _answer(self, environ: dict) -> Reply:
        path = environ.get("PATH_INFO", "")
        if path in ("/update", "/store") or (path == "/query" and environ["REQUEST_METHOD"] not in ("GET", "POST")):
            return _error("403 Forbidden", "this endpoint is read-only")
        if path != "/query":
            return _error("404 Not Found", "SPARQL queries go to /query")
        try:
            query = _query_text(environ)
        except _Unread as error:
            return _error(error.status, str(error))
        if not query:
            return _error("400 Bad Request", "no query: give a query parameter or an application/sparql-query body")
        if not self._slots.acquire(blocking=False):
            busy = f"{self.queries} queries are running already; try again"
            return _error("503 Service Unavailable", busy, [("Retry-After", "1")])
        try:
            respond = partial(_respond, self.store, query, environ.get("HTTP_ACCEPT", ""))
            head, body = run_isolated(respond, self.seconds, self.memory)
        except Overtime:
            return _error("503 Service Unavailable", f"the query ran past the time limit of {self.seconds:g} s")
        except OutOfMemory as error:
            return _error("503 Service Unavailable", f"the query needed {error}")
        except ChildFailed as error:
            return _error("500 Internal Server Error", f"the query failed: {error}")
        finally:
            self._slots.release()
        status, _, kind = head.partition("\t")
        return status, kind, body, []


def _respond(source: ox.Store | Path, text: str, accept: str) -> tuple[str, bytes]:
    """("status<TAB>content type", body) for one query; run in the query's own process, where any other
    error becomes a 500."""
    try:
        _, parsed = prepare(text)
        store = open_store(source) if isinstance(source, Path) else source
        kind, body = _serialise(store.query(parsed, prefixes=PREFIXES), accept)
    except RefusedQuery as error:
        return _plain("403 Forbidden", str(error))
    except QueryError as error:
        return _plain("400 Bad Request", str(error))
    except SyntaxError as error:  # rdflib's parser read it, Oxigraph's does not
        return _plain("400 Bad Request", f"not a valid SPARQL query: {error}")
    return f"200 OK\t{kind}", body


def _plain(status: str, message: str) -> tuple[str, bytes]:
    status, kind, body, _ = _error(status, message)
    return f"{status}\t{kind}", body


def _query_text(environ: dict) -> str:
    """The query of a GET or POST request; _Unread when it is longer than the server reads (414, 413: rather than a
    shorter query cut from it), or when the request is an update as the protocol sends one (403)."""
    string = environ.get("QUERY_STRING", "")
    if len(string) > MAX_QUERY_STRING:
        raise _Unread("414 URI Too Long", f"the query string is over {MAX_QUERY_STRING:,} bytes: POST the query")
    found = parse_qs(string).get("query", [""])[0]
    if environ["REQUEST_METHOD"] != "POST":
        return found
    body = environ["wsgi.input"].read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        raise _Unread("413 Content Too Large", f"the request body is over {MAX_BODY:,} bytes")
    text = body.decode("utf-8", "replace")
    kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip()
    if kind == "application/sparql-query":
        return text
    form = parse_qs(text)
    if kind == "application/sparql-update" or "update" in form:
        raise _Unread("403 Forbidden", "this endpoint is read-only")
    return form.get("query", [found])[0]


def _serialise(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str) -> tuple[str, bytes]:
    wanted = [part.split(";")[0].strip() for part in accept.split(",") if part.strip()]
    if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        kind = next((k for k in wanted if k in _RESULTS), "application/sparql-results+json")
        return kind, answer.serialize(format=_RESULTS[kind]) or b""
    kind = next((k for k in wanted if k in _GRAPHS), "text/turtle")
    return kind, ox.serialize(answer, format=_GRAPHS[kind]) or b""


def _error(status: str, message: str, headers: list[tuple[str, str]] | None = None) -> Reply:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or []


def serve(
    source: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    seconds: float = DEFAULT_SECONDS,
    queries: int = DEFAULT_QUERIES,
    memory: int = DEFAULT_MEMORY,
) -> None:
    """Serve a graph until interrupted (on 127.0.0.1 unless another host is named); OSError when the
    address cannot be listened on. An on-disk store is opened here once to check it, then by each query."""
    folder = store_path(source)
    if folder is not None:
        open_store(folder)
    endpoint = Endpoint(folder if folder is not None else open_graph(source), seconds, queries, memory)
    _check_free(host, port)
    server_for(endpoint, host, port, queries).run()


def server_for(
    endpoint: Endpoint, host: str, port: int, queries: int, connections: int = MAX_CONNECTIONS
) -> BaseWSGIServer:
    """The waitress server for an endpoint: bodies no longer than the endpoint reads, at most `connections` open
    at once, and connections that never finish a request (slowloris) closed after IDLE_SECONDS, so they cannot
    hold every place for long."""
    from waitress.server import create_server

    return create_server(
        endpoint,
        host=host,
        port=port,
        threads=queries + 4,
        ident="newskg",
        max_request_body_size=MAX_BODY,
        connection_limit=connections,
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=1,
        asyncore_use_poll=True,  # select() fails past 1,024 descriptors, and on one closed under it
    )


def _check_free(host: str, port: int) -> None:
    """Bind the address once and let it go, so a taken port fails here (waitress would leave its socket open)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
