"""The errors newskg raises, as one small tree.

NewskgError                 anything a user can cause; the CLI prints its message
├── InputError              an article file that cannot be read (names the file, and line)
│   └── Skipped             an input passed over on purpose (a warning, not a failure)
├── UsageError              a bad option, model name or path
├── OutputError             an output folder or file that cannot be written
└── QueryError              a SPARQL query that cannot run
    └── RefusedQuery        a valid query newskg will not run: an update, or one with SERVICE
"""

from __future__ import annotations


class NewskgError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(NewskgError):
    """An input file (or one line of it) cannot be read as an article."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class Skipped(InputError):
    """An input passed over on purpose: a link out of the folder named, or the build's own output."""


class UsageError(NewskgError):
    """A bad option, model name, or path given on the command line or to the API."""


class OutputError(NewskgError):
    """An output location that cannot be written."""


class QueryError(NewskgError):
    """A SPARQL query that is malformed, cannot run, or is refused."""


class RefusedQuery(QueryError):
    """A valid SPARQL request newskg refuses to run: an UPDATE (it only reads) or a SERVICE clause (it fetches
    from nowhere else)."""
