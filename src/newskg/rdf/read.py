"""Reading RDF files of any common syntax into a dataset, with errors that name the file and the line."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.util import guess_format

from newskg.errors import UsageError
from newskg.rdf.guard import check_rdf_file

QUAD_SYNTAXES = {"trig", "nquads", "trix"}
SUFFIXES = ".trig, .nq, .ttl, .nt, .n3, .jsonld, .rdf or .owl"
_LINE = re.compile(r"\bline (\d+)\b")


def syntax_of(path: Path) -> str:
    """The RDF syntax a file's name says it is written in; a UsageError when it says none."""
    syntax = guess_format(str(path)) or ("json-ld" if path.suffix == ".jsonld" else None)
    if syntax is None:
        raise UsageError(f"{path}: unknown RDF syntax; use {SUFFIXES}")
    return syntax


def read_into(dataset: Dataset, path: Path, graph: URIRef | None = None) -> None:
    """Parse an RDF file into `dataset`: quads into their graphs, triples into `graph` (else the default graph);
    a file that would expand XML entities or fetch a JSON-LD context is refused first (`guard`)."""
    if not path.is_file():
        raise UsageError(f"{path}: no such RDF file")
    syntax = syntax_of(path)
    check_rdf_file(path, syntax)
    try:
        if syntax in QUAD_SYNTAXES:
            dataset.parse(path, format=syntax)
        else:
            target: Graph = dataset.graph(graph) if graph is not None else dataset.default_graph
            target.parse(path, format=syntax)
    except Exception as error:  # rdflib raises many parser-specific types; all mean bad input here
        raise UsageError(f"{path}:{_where(error, path)} not valid {syntax} ({_reason(error)})") from error


def _where(error: Exception, path: Path) -> str:
    """ " line N:" when the parser's message tells (or quotes) the offending line; "" otherwise."""
    text = str(error)
    found = _LINE.search(text)
    if found:
        return f" line {found.group(1)}:"
    quoted = [line.strip().strip("'\"") for line in text.splitlines()[1:] if line.strip()]
    if quoted:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip() == quoted[0]:
                    return f" line {number}:"
    return ""


def _reason(error: Exception) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    bad = next((line for line in lines if line.startswith("Bad syntax")), None)
    if bad:
        return bad.split(" at ^", 1)[0]
    first = lines[0].rstrip(":") if lines else type(error).__name__
    return re.sub(r"\s+", " ", _LINE.sub("", first).replace(" of <>", "")).strip(" :") or type(error).__name__
