"""The command line: exit codes, streams, help text, read-only queries."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newskg.cli import main, parser
from tests.conftest import SEED, SEEDS

COMMANDS = ("build", "validate", "query", "eval")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out.startswith("newskg ")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_an_example(command: str) -> None:
    help_text = parser()._subparsers._group_actions[0].choices[command].format_help()
    assert "example:" in help_text.strip().splitlines()[-2] or "example:" in help_text.split("\n\n")[-1]
    assert help_text.strip().splitlines()[-1].strip().startswith("newskg ")


def test_build_writes_every_file_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEEDS), "--out", str(tmp_path)]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "graph.trig",
        "graph.ttl",
        "graph.jsonld",
        "graph.html",
        "graph.graphml",
        "report.json",
        "report.html",
        "timeline.html",
        ".cache",
    }
    captured = capsys.readouterr()
    assert captured.out == "" and "built 1 article" in captured.err
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["articles_built"] == 1 and report["shacl"]["conforms"] is True
    assert report["classes"]["QuantitativeValue"] >= 15


def test_build_with_a_bad_file_builds_the_rest_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs)
    (inputs / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.txt: is a binary file" in err and "Traceback" not in err
    assert (out / "graph.trig").exists()


def test_nothing_built_keeps_previous_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("previous", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    assert main(["build", str(empty), "--out", str(out)]) == 1
    assert (out / "graph.trig").read_text(encoding="utf-8") == "previous"
    assert "empty.txt: is empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["build", "seeds", "--frobnicate"], "unrecognized arguments"),
        (["build", "seeds", "--model", "no_such_pipeline"], "is not installed"),
        (["build", "seeds", "--base-iri", "not an iri"], "not an absolute IRI"),
        (["query", "nowhere/", "SELECT * WHERE { ?s ?p ?o }"], "no such graph file"),
        (["validate", "nowhere.ttl"], "no such graph file"),
        (["serve", "nowhere/", "--max-queries", "0"], "--max-queries at least 1"),
        (["query", "nowhere/", "ASK {}", "--timeout", "inf"], "--timeout: give seconds, more than 0 and at most"),
        (["query", "nowhere/", "ASK {}", "--timeout", "1e300"], "--timeout: give seconds, more than 0 and at most"),
        (["query", "nowhere/", "ASK {}", "--timeout", "nan"], "--timeout: give seconds, more than 0 and at most"),
        (["query", "nowhere/", "ASK {}", "--timeout", "0"], "--timeout: give seconds, more than 0 and at most"),
        (["serve", "nowhere/", "--timeout", "inf"], "--timeout: give seconds, more than 0 and at most"),
        (["query", "nowhere/", "ASK {}", "--memory", "0"], "--memory: give mebibytes, at least 1"),
        (["serve", "nowhere/", "--memory", "-5"], "--memory: give mebibytes, at least 1"),
        (["push", "nowhere/", "--endpoint", "ftp://u:hunter2@host/"], "--endpoint ftp://***@host/: give the server's"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(arguments) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def run(arguments: list[str]) -> int | str | None:
    """The exit code of the command, whether it returns or exits."""
    try:
        return main(arguments)
    except SystemExit as exit_info:
        return exit_info.code


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli-build")
    assert main(["build", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    return out


def test_validate_conforms_and_fails(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(built / "graph.trig")]) == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix schema: <https://schema.org/> .\n<urn:x:p> a schema:Person .\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(bad)]) == 1
    assert "exactly one rdfs:label" in capsys.readouterr().out


def test_validate_malformed_rdf_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert "broken.ttl: line 1: not valid turtle" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(built: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label WHERE { ?p a schema:Person ; rdfs:label ?label } ORDER BY ?label"
    )
    assert main(["query", str(built), text, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Vugar Suleymanov" in out
    if fmt == "json":
        assert json.loads(out)["head"]["vars"] == ["label"]


def test_ask_and_construct(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(built), "ASK { ?s a <https://schema.org/Quotation> }"]) == 0
    assert capsys.readouterr().out == "true\n"
    assert (
        main(
            [
                "query",
                str(built),
                "CONSTRUCT { ?p a <https://schema.org/Person> } WHERE { ?p a <https://schema.org/Person> }",
            ]
        )
        == 0
    )
    assert "schema:Person" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "UPDATE is refused"),
        ("DELETE WHERE { ?s ?p ?o }", "UPDATE is refused"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
        ("SELEKT nothing", "not a valid SPARQL query"),
        (
            "SELECT * WHERE { " + " ".join(f"?s <urn:x:p{i}> ?o{i} ." for i in range(4000)) + " }",
            "too long or too deeply nested for rdflib's parser, which decides what runs: split it",
        ),
    ],
)
def test_query_refuses_updates_service_and_nonsense(
    built: Path, text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", str(built), text]) == 2
    assert message in capsys.readouterr().err


def test_a_literal_over_oxigraphs_16_mib_limit_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "long.ttl"
    graph.write_text('<urn:x:a> <urn:x:text> "' + "mines " * 3_000_000 + '" .\n', encoding="utf-8")
    assert main(["query", str(graph), "SELECT * WHERE { ?s ?p ?o }"]) == 2
    error = capsys.readouterr().err
    assert f"{graph}: cannot be read" in error and "16777216" in error and len(error.splitlines()) == 1


def test_csv_cells_cannot_start_a_formula(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", str(built), 'SELECT ?x WHERE { BIND("=HYPERLINK(1)" AS ?x) }', "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "'=HYPERLINK(1)"


@pytest.mark.slow
def test_the_installed_command_runs_without_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("newskg")
    completed = subprocess.run(
        [str(command), "build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "missing.txt: no such file or folder" in completed.stderr and "Traceback" not in completed.stderr


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run(["build", str(SEED), "--out", str(blocker / "out")]) == 2
    err = capsys.readouterr().err
    assert "cannot create the output folder" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_strict_fails_a_build_whose_graph_does_not_conform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newskg.rdf.validate import BuildCheck, Validation

    made_up = Validation(False, ("urn:x: a made-up violation",))
    monkeypatch.setattr(BuildCheck, "result", lambda self: (made_up, set()))
    assert run(["build", str(SEED), "--out", str(tmp_path / "lenient")]) == 0
    assert run(["build", str(SEED), "--out", str(tmp_path / "strict"), "--strict"]) == 3
    assert "does NOT conform" in capsys.readouterr().err
    report = json.loads((tmp_path / "strict" / "report.json").read_text(encoding="utf-8"))
    assert report["shacl"] == {"conforms": False, "violations": ["urn:x: a made-up violation"]}


@pytest.mark.slow
def test_the_same_text_twice_is_built_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / "first.txt")
    shutil.copy(SEED, inputs / "second copy.txt")
    assert run(["build", str(inputs), "--out", str(tmp_path / "out")]) == 0
    assert "second copy.txt: the same text as" in capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_built"] == 1


def test_a_windows_1252_file_is_built_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "café.txt"
    path.write_bytes("Deminers cleared 40 hectares near Fuzuli, the ministry’s spokesman said.".encode("cp1252"))
    assert run(["build", str(path), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "café.txt: is not UTF-8" in err and "read as Windows-1252" in err


def test_an_article_in_another_language_is_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs)
    (inputs / "nachricht.txt").write_text(
        "Die Minenräumer haben im vergangenen Monat mehr als vierzig Hektar Land in der Nähe der Grenze geräumt. "
        "Nach Angaben des Ministeriums wurden dabei zahlreiche Blindgänger gefunden und unschädlich gemacht. "
        "Die Arbeiten sollen im Frühjahr fortgesetzt werden, sobald das Wetter es zulässt.",
        encoding="utf-8",
    )
    assert run(["build", str(inputs), "--out", str(tmp_path / "out")]) == 0
    assert "nachricht.txt: does not read as 'en' text; skipped" in capsys.readouterr().err
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_built"] == 1


def test_a_query_past_its_time_limit_is_given_up(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g <https://schema.org/mentions> ?h }"
    assert run(["query", str(built), slow, "--timeout", "0.01"]) == 2
    assert "time limit of 0.01 s" in capsys.readouterr().err


def test_progress_reports_articles_rate_and_time_left() -> None:
    import io

    from newskg.cli import Progress

    stream = io.StringIO()
    progress = Progress(stream)
    progress(0, 4)
    progress(4, 4)
    lines = stream.getvalue()
    assert "0/4 articles" in lines and lines.endswith("\n") and "4/4 articles" in lines


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["build", str(SEED), "--out", str(tmp_path / "out")]) == 0
    assert "articles, " not in capsys.readouterr().err


@pytest.mark.slow
def test_a_query_past_its_memory_allowance_is_stopped_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "small.ttl"
    graph.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    doubling = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(30))  # 16 GiB
    query = f'SELECT (STRLEN(?v30) AS ?n) WHERE {{ BIND("0123456789abcdef" AS ?v0) {doubling} }}'
    assert run(["query", str(graph), query, "--memory", "256", "--timeout", "120"]) == 2
    error = capsys.readouterr().err
    assert error == "newskg: the query needed more than its memory allowance of 256 MiB; narrow it or raise --memory\n"
