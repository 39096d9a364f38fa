"""Uploading a build into any SPARQL 1.1 Graph Store Protocol server (Fuseki, GraphDB, Virtuoso, Oxigraph ...).

Each named graph is PUT to `ENDPOINT?graph=IRI` as N-Triples (PUT replaces the
graph, so pushing again is safe); triples outside any named graph go to
`ENDPOINT?default`. With `--graph IRI` everything goes into that one graph.
After each graph the server accepted, its name and content digest are added
to a state file beside the source, so a push that stopped (a lost connection,
a killed run) resumes with the graphs not yet sent or changed since.
"""

from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from newskg.errors import UsageError
from newskg.rdf.iris import is_absolute_iri
from newskg.store import open_graph, store_path

PASSWORD_VARIABLE = "NEWSKG_PUSH_PASSWORD"
_TIMEOUT_SECONDS = 120


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
) -> Pushed:
    """Upload the graphs of `source` (a build folder, an RDF file or oxigraph:DIR) to a Graph Store endpoint."""
    if not is_absolute_iri(endpoint) or not endpoint.startswith(("http://", "https://")):
        raise UsageError(
            f"--endpoint {endpoint!r}: give the server's Graph Store URL, e.g. http://127.0.0.1:7878/store"
        )
    if graph is not None and not is_absolute_iri(graph):
        raise UsageError(f"--graph {graph!r} is not an absolute IRI")
    store = open_graph(source, union=False)
    state = _state_file(source, endpoint, graph)
    done = _read_state(state)
    pushed = Pushed()
    headers = {"Content-Type": "application/n-triples", **_authorisation(auth)}
    for name, body in _parts(store, graph, store_path(source) is not None):
        digest = hashlib.sha256(body).hexdigest()
        if done.get(name) == digest:
            pushed.skipped.append(name)
            continue
        _put(_target(endpoint, name), body, headers)
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


def _put(url: str, body: bytes, headers: dict[str, str]) -> None:
    request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as error:
        reason = error.read().decode("utf-8", "replace").strip().splitlines()[:1]
        raise UsageError(
            f"{url}: the server refused the graph ({error.code} {error.reason}{': ' if reason else ''}"
            f"{reason[0] if reason else ''}); run push again to resume"
        ) from error
    except (urllib.error.URLError, OSError) as error:
        raise UsageError(
            f"{url}: cannot reach the server ({getattr(error, 'reason', error)}); run push again to resume"
        ) from error


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
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text("".join(f"{digest} {name}\n" for name, digest in sorted(done.items())), encoding="utf-8")
    os.replace(temporary, path)
