"""The README agrees with the code: commands, options, exit codes, files, lexicons."""

import re
from pathlib import Path

import pytest

from newskg import cli
from newskg.knowledge.lexicon import ONTOLOGY_DIR

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = README[: README.index("## What it reads")]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize("command", ["build", "validate", "query", "viz", "export", "merge", "serve", "push", "eval"])
def test_every_command_and_option_is_documented(command: str) -> None:
    subparser = cli.parser()._subparsers._group_actions[0].choices[command]
    assert f"newskg {command}" in README
    for action in subparser._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in README, f"{command} {flag}"


def test_exit_codes_are_documented() -> None:
    table = README[README.index("### Exit codes") :]
    for code in (cli.EXIT_OK, cli.EXIT_PARTIAL, cli.EXIT_USAGE, cli.EXIT_STRICT):
        assert re.search(rf"^\| {code} \|", table, re.MULTILINE)


def test_every_lexicon_file_is_documented() -> None:
    for path in (ONTOLOGY_DIR / "lexicon").glob("*.toml"):
        assert path.name in README, path.name
