"""newskg push into a real Oxigraph server started on 127.0.0.1 for the test, queried back over SPARQL."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newskg.cli import main
from newskg.pipeline import BuildResult

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
