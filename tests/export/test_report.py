"""report.json: each warning and failure with its kind beside the plain lines a reader already takes."""

from __future__ import annotations

import json
from pathlib import Path

from newskg.export.report import report_json
from newskg.result import BuildFailure, BuildResult, BuildWarning, FailureKind, WarningKind


def test_warnings_and_failures_are_written_with_their_kinds() -> None:
    result = BuildResult(Path("out"), articles=["a"])
    result.warnings = [
        BuildWarning(WarningKind.CONFLICT, "a: conflicting figures '18' and '18,302'"),
        BuildWarning(WarningKind.PAGE, "graph.html shows the 2 most central of 3 nodes"),
    ]
    result.failures = [BuildFailure(FailureKind.UNREADABLE, "b.txt: not text")]
    report = json.loads(report_json(result, {}, {}))
    assert report["warnings"] == [
        "a: conflicting figures '18' and '18,302'",
        "graph.html shows the 2 most central of 3 nodes",
    ]
    assert report["warnings_typed"] == [
        {"kind": "conflict", "text": "a: conflicting figures '18' and '18,302'"},
        {"kind": "page", "text": "graph.html shows the 2 most central of 3 nodes"},
    ]
    assert report["failures"] == ["b.txt: not text"]
    assert report["failures_typed"] == [{"kind": "unreadable", "text": "b.txt: not text"}]
