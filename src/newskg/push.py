"""Uploading a build into any SPARQL 1.1 Graph Store Protocol server (Fuseki, GraphDB, Virtuoso, Oxigraph ...).

Each named graph is PUT to `ENDPOINT?graph=IRI` as N-Triples (PUT replaces the
graph, so pushing again is safe); triples outside any named graph go to
`ENDPOINT?default`. With `--graph IRI` everything goes into that one graph.
After each graph the server accepted, its name and content digest are added
to a state file beside the source, so a push that stopped (a lost connection,
a killed run) resumes with the graphs not yet sent or changed since.

Credentials in the endpoint URL (`https://user:password@host/...`) are sent as HTTP
Basic auth and taken out of the URL; every message shows the URL with them, and with
the values of query parameters named like secrets (token, key, password ...), hidden.
What a server says back is shown without control characters or escape sequences, cut short.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from newskg.errors import UsageError
from newskg.files import write_whole
from newskg.rdf.iris import is_absolute_iri
from newskg.rdf.store import open_graph, store_path

PASSWORD_VARIABLE = "NEWSKG_PUSH_PASSWORD"
_TIMEOUT_SECONDS = 120
_SECRETS = ("token", "key", "pass", "pwd", "secret", "sig", "auth", "cred", "session")  # in parameter names
_HIDDEN = "***"
_REPLY_CHARACTERS = 200
_READABLE = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}

_REPLY_BYTES = 4096  # of a refusal's body, read to show the start of it
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[PX^_][^\x1b]*(\x1b\\)?|.?)", re.DOTALL)


@dataclass
class Pushed:
    """What a push sent, and what it skipped because an earlier push had sent it."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def push(
    source: str | Path,
    endpoint: str,
    graph: str | None = None,
    auth: str | None = None,
    force: bool = False,
    verify: bool = False,
) -> Pushed:
    """Upload the graphs of `source` (a build folder, an RDF file or oxigraph:DIR) to a Graph Store endpoint.
    Credentials in the endpoint's URL are used when `auth` is not given. A graph recorded as sent is skipped,
    unless `force` (send everything) or `verify` (ask the server what it holds, and send what differs)."""
    url, userinfo = _split_credentials(endpoint)
    if graph is not None and not is_absolute_iri(graph):
        raise UsageError(f"--graph {graph!r} is not an absolute IRI")
    store = open_graph(source, union=False)
    state = _state_file(source, url, graph)
    done = _read_state(state)
    pushed = Pushed()
    credentials = _authorisation(auth or userinfo)
    for name, body in _parts(store, graph, store_path(source) is not None):
        digest = hashlib.sha256(body).hexdigest()
        target = _target(url, name)
        if not force and done.get(name) == digest and (not verify or _holds(target, body, credentials)):
            pushed.skipped.append(name)
            continue
        _put(target, body, credentials)
        done[name] = digest
        _write_state(state, done)
        pushed.sent.append(name)
    return pushed


def _parts(store: ox.Store, graph: str | None, from_store: bool) -> Iterator[tuple[str, bytes]]:
    """(graph name, N-Triples) for each graph to send, one at a time; "" names the default graph, which in an
    Oxigraph store newskg filled is the union of the others and not sent again."""
    if graph is not None:
        yield graph, _ntriples(store.quads_for_pattern(None, None, None))
        return
    for name in sorted(store.named_graphs(), key=lambda node: node.value):
        yield name.value, _ntriples(store.quads_for_pattern(None, None, None, name))
    default = b"" if from_store else _ntriples(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        yield "", default


def _ntriples(quads: Iterable[ox.Quad]) -> bytes:
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _target(endpoint: str, name: str) -> str:
    joiner = "&" if "?" in endpoint else "?"
    return f"{endpoint}{joiner}default" if not name else f"{endpoint}{joiner}{urllib.parse.urlencode({'graph': name})}"


def _put(url: str, body: bytes, credentials: dict[str, str]) -> None:
    request = _request(url, credentials, data=body, headers={"Content-Type": "application/n-triples"}, method="PUT")
    try:
        urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS).close()  # its status says it all: no body is read
    except urllib.error.HTTPError as error:
        said = shown(_start(error).decode("utf-8", "replace"))
        raise UsageError(
            f"{redacted(url)}: the server refused the graph ({error.code} {shown(str(error.reason))}"
            f"{': ' if said else ''}{said}); run push again to resume"
        ) from error
    except (http.client.HTTPException, urllib.error.URLError, OSError, ValueError) as error:
        raise _unanswered(url, error, "; run push again to resume") from error


def _request(url: str, credentials: dict[str, str], **options: Any) -> urllib.request.Request:
    """A request to the server, with credentials that a redirect to another address never carries."""
    request = urllib.request.Request(url, **options)
    for header, value in credentials.items():
        request.add_unredirected_header(header, value)
    return request


def _unanswered(url: str, error: Exception, advice: str = "") -> UsageError:
    """One line for a server that could not be reached, or whose reply is not HTTP (a bad status line,
    endless headers, a body cut short ...)."""
    if isinstance(error, http.client.HTTPException):
        reason = shown(f"{type(error).__name__}: {error}")
        return UsageError(f"{redacted(url)}: the server's reply is not HTTP ({reason}){advice}")
    reason = shown(str(getattr(error, "reason", error)))
    return UsageError(f"{redacted(url)}: cannot reach the server ({reason}){advice}")


def _holds(url: str, body: bytes, credentials: dict[str, str]) -> bool:
    """Whether the server's graph at `url` has exactly the statements of `body` (N-Triples). A missing graph,
    an answer larger than twice the graph, or one in a syntax other than N-Triples or Turtle counts as not."""
    request = _request(url, credentials, headers={"Accept": "application/n-triples, text/turtle;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:
            syntax = _READABLE.get(response.headers.get_content_type())
            answer = response.read(2 * len(body) + 1)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise UsageError(f"{redacted(url)}: the server would not show the graph ({error.code})") from error
    except (http.client.HTTPException, urllib.error.URLError, OSError, ValueError) as error:
        raise _unanswered(url, error) from error
    if syntax is None or len(answer) > 2 * len(body):
        return False
    try:
        held = {str(triple) for triple in ox.parse(answer, format=syntax)}
    except (SyntaxError, ValueError):
        return False
    return held == {str(triple) for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}


def _start(error: urllib.error.HTTPError) -> bytes:
    """The first bytes of a refusal's body, to show; what a server cut short is shown as far as it came."""
    try:
        return error.read(_REPLY_BYTES)
    except http.client.IncompleteRead as cut:
        return cut.partial[:_REPLY_BYTES]
    except (http.client.HTTPException, OSError):
        return b""


def _split_credentials(endpoint: str) -> tuple[str, str | None]:
    """The endpoint URL without its user and password, and them as USER:PASSWORD (None when it has none)."""
    try:
        parts = urllib.parse.urlsplit(endpoint)
        _ = parts.port  # a port that is no number, or past 65535, is a ValueError here
    except ValueError:
        parts = urllib.parse.urlsplit("")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not is_absolute_iri(endpoint)
        or "#" in endpoint  # ?graph= would be added to the fragment, which is never sent: every graph to one
    ):
        raise UsageError(
            f"--endpoint {redacted(endpoint)}: give the server's Graph Store URL, e.g. http://127.0.0.1:7878/store"
        )
    if parts.username is None:
        return endpoint, None
    host = parts.netloc.rpartition("@")[2]
    userinfo = urllib.parse.unquote(parts.username)
    if parts.password is not None:
        userinfo += ":" + urllib.parse.unquote(parts.password)
    return urllib.parse.urlunsplit(parts._replace(netloc=host)), userinfo


def redacted(url: str) -> str:
    """The URL as it may be shown: its user and password, and the values of query parameters named like
    secrets, replaced by ***."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "(a malformed URL)"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{_HIDDEN}@{netloc.rpartition('@')[2]}"
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    hidden = [(name, _HIDDEN if any(word in name.lower() for word in _SECRETS) else value) for name, value in pairs]
    query = urllib.parse.urlencode(hidden, safe="*/:") if hidden else parts.query
    return shown(urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=query)), 500)


def shown(text: str, limit: int = _REPLY_CHARACTERS) -> str:
    """Text from outside as one line that can be printed: no escape sequences or control or format
    characters (which could rewrite the terminal or reorder what it shows), at most `limit` characters."""
    text = _ESCAPES.sub("", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _authorisation(auth: str | None) -> dict[str, str]:
    """HTTP Basic credentials from USER:PASSWORD, or USER with the password in $NEWSKG_PUSH_PASSWORD."""
    if not auth:
        return {}
    user, _, password = auth.partition(":")
    password = password or os.environ.get(PASSWORD_VARIABLE, "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def _state_file(source: str | Path, endpoint: str, graph: str | None) -> Path:
    """Where a push to this endpoint records what it sent: beside the source, named by the endpoint."""
    key = hashlib.sha256(f"{endpoint}\n{graph or ''}".encode()).hexdigest()[:16]
    store = store_path(source)
    if store is not None:
        return store.parent / f".newskg-push-{store.name}-{key}.txt"
    path = Path(source)
    return (path if path.is_dir() else path.parent) / f".newskg-push-{key}.txt"


def _read_state(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    return {name: digest for digest, _, name in (line.partition(" ") for line in lines) if digest}


def _write_state(path: Path, done: dict[str, str]) -> None:
    """Record what the server accepted, whole or not at all."""
    text = "".join(f"{digest} {name}\n" for name, digest in sorted(done.items()))
    write_whole(path, lambda stream: stream.write(text.encode("utf-8")))
