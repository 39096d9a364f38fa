"""Running SPARQL over a built graph: read-only, no SERVICE, results in the usual formats.

A graph is a build folder (its graph.trig) or any RDF file. Queries are parsed
before they run, and what is decided is decided on the parsed query: an UPDATE is
refused, and so is a SERVICE clause, which would make newskg fetch from the
network. Each query runs in a process of its own, killed at its time limit. Values
are bound with `initBindings`, never pasted into the query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result, ResultRow

from newskg.errors import QueryError, RefusedQuery, UsageError
from newskg.export.tables import spreadsheet_safe
from newskg.isolate import DEFAULT_MEMORY, ChildFailed, OutOfMemory, Overtime, run_isolated
from newskg.rdf.namespaces import PREFIXES
from newskg.rdf.read import read_into
from newskg.store import read_store, store_path

FORMATS = ("table", "csv", "tsv", "json")
_QUOTED = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
_NAMED_GRAPHS = re.compile(r"(?<![?$:\w])(GRAPH|FROM)(?![:\w])", re.IGNORECASE)  # keywords, not ?from or ex:graph
DEFAULT_SECONDS = 30.0


def load_graph(path: str | Path) -> Dataset:
    """The graph at `path`: a build folder's graph.trig, or an RDF file of any common syntax.

    A file of triples becomes a named graph named after the file.
    """
    folder = store_path(path)
    if folder is not None:
        return read_store(folder)
    path = Path(path)
    if path.is_dir():
        path = path / "graph.trig"
    if not path.is_file():
        raise UsageError(f"{path}: no such graph file (give a build folder or an RDF file)")
    dataset = Dataset(default_union=True)
    read_into(dataset, path, URIRef(path.resolve().as_uri()))
    return dataset


def bare(text: str) -> str:
    """A query's text with its strings, IRIs and comments blanked: what is left are its keywords and names."""
    return _QUOTED.sub(" ", text)


def reads_named_graphs(text: str) -> bool:
    """Whether a query reads named graphs (GRAPH, FROM, FROM NAMED) rather than only the default graph."""
    return bool(_NAMED_GRAPHS.search(bare(text)))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


@dataclass(frozen=True)
class Outcome:
    """A query's result, and its kind: SELECT, ASK, CONSTRUCT or DESCRIBE."""

    kind: str
    result: Result


def run(
    graph: Graph | ox.Store,
    text: str,
    bindings: Mapping[str, URIRef | Literal] | None = None,
    seconds: float = DEFAULT_SECONDS,
    memory: int = DEFAULT_MEMORY,
) -> Outcome:
    """Run a read-only query, with optional bindings for its variables, within a time limit and a memory allowance.

    It is evaluated in a child process of its own (newskg.isolate), killed at the limit or stopped should it
    grow by more than `memory` bytes, so a query given up on stops and gives its memory back; its answer comes
    back serialised.
    """
    query, text = prepare(text)
    kind = query.algebra.name.replace("Query", "").upper()
    try:
        _, body = run_isolated(lambda: _evaluate(graph, query, text, kind, bindings or {}), seconds, memory)
    except Overtime:
        raise QueryError(f"the query ran past its time limit of {seconds:g} s; narrow it or raise --timeout") from None
    except OutOfMemory as error:
        raise QueryError(f"the query needed {error}; narrow it or raise --memory") from None
    except ChildFailed as error:
        raise QueryError(str(error)) from None
    return Outcome(kind, _result(kind, body))


def _evaluate(
    graph: Graph | ox.Store, query: Query, text: str, kind: str, bindings: Mapping[str, URIRef | Literal]
) -> tuple[str, bytes]:
    """The query's answer as SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE)."""
    try:
        if isinstance(graph, ox.Store):
            substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
                ox.Variable(name): _to_oxigraph(value) for name, value in bindings.items()
            }
            answer = graph.query(text, prefixes=PREFIXES, substitutions=substitutions)
            if isinstance(answer, ox.QueryTriples):
                return kind, ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b""
            return kind, answer.serialize(format=ox.QueryResultsFormat.JSON) or b""
        result = graph.query(query, initBindings=dict(bindings))
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return kind, (result.graph or Graph()).serialize(format="nt", encoding="utf-8")
        return kind, result.serialize(format="json") or b""
    except Exception as error:
        raise QueryError(f"the query failed: {_first_line(error)}") from error


def _result(kind: str, body: bytes) -> Result:
    """The answer read back from its serialisation."""
    try:
        if kind in ("SELECT", "ASK"):
            return Result.parse(io.BytesIO(body), format="json")
        result = Result(kind)
        result.graph = Graph().parse(data=body, format="nt")
        return result
    except Exception as error:
        raise QueryError(f"the query returned a term newskg cannot show ({_first_line(error)})") from error


def _to_oxigraph(value: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if value.language:
        return ox.Literal(str(value), language=value.language)
    return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype or XSD.string)))


def prepare(text: str) -> tuple[Query, str]:
    """The query parsed by a real SPARQL parser (rdflib's), which decides what runs, and the text it parsed, which
    is what runs (see `as_parsed`): QueryError when it is not a query that parser reads (even if another would),
    RefusedQuery for an UPDATE or a SERVICE clause anywhere."""
    parsed = as_parsed(text)
    try:
        query = prepareQuery(parsed, initNs=PREFIXES)
    except ParseException as error:
        if _is_update(parsed):
            raise RefusedQuery("SPARQL UPDATE is refused: newskg only reads the graph") from error
        raise QueryError(f"not a valid SPARQL query: {error.msg} (line {error.lineno}, column {error.col})") from error
    except RecursionError as error:  # a few thousand patterns in a row, or brackets a few dozen deep
        raise QueryError(
            f"the query ({len(parsed):,} characters) is too long or too deeply nested for rdflib's parser, which "
            "decides what runs: split it"
        ) from error
    except Exception as error:
        raise QueryError(f"not a valid SPARQL query: {_first_line(error)}") from error
    if _has_service(query.algebra):
        raise RefusedQuery("SERVICE is refused: newskg does not query other endpoints")
    return query, parsed


def as_parsed(text: str) -> str:
    """A query's text as both rdflib and Oxigraph read it alike: its \\u escapes expanded first (as SPARQL says,
    and as rdflib does but Oxigraph does not) and every line break a line feed (a carriage return ends a comment
    for Oxigraph, not for rdflib), so no text can hide from one parser a clause the other runs."""
    try:
        expanded = expandUnicodeEscapes(text).replace("\r\n", "\n").replace("\r", "\n")
        expanded.encode("utf-8")
    except ValueError as error:  # a code point past U+10FFFF, a lone surrogate (UnicodeEncodeError)
        raise QueryError(f"not a valid SPARQL query: {_first_line(error)}") from error
    if expandUnicodeEscapes_re.search(expanded):  # an escape that spells another would be expanded twice
        raise QueryError("not a valid SPARQL query: a \\u escape spells another escape")
    return expanded


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _has_service(node: object) -> bool:
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_has_service(value) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_has_service(item) for item in node)
    return False


def render(outcome: Outcome, fmt: str, graph: Graph) -> str:
    """The result as text: a table, CSV, TSV or SPARQL JSON (Turtle or JSON-LD for graphs)."""
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if outcome.kind in ("CONSTRUCT", "DESCRIBE"):
        result_graph = outcome.result.graph if outcome.result.graph is not None else Graph()
        for prefix, namespace in PREFIXES.items():
            result_graph.bind(prefix, namespace, replace=True)
        return result_graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if outcome.kind == "ASK":
        answer = bool(outcome.result.askAnswer)
        return json.dumps({"head": {}, "boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    if fmt == "json":
        return (outcome.result.serialize(format="json") or b"").decode("utf-8") + "\n"
    names = [str(v) for v in outcome.result.vars or []]
    rows = [[_cell(row.get(name), graph, fmt) for name in names] for row in _rows(outcome.result)]
    if fmt == "table":
        return _table(names, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue()


def _rows(result: Result) -> Iterator[Mapping[str, object]]:
    for row in result:
        if isinstance(row, ResultRow):
            yield row.asdict()


def _cell(value: object, graph: Graph, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef) and fmt == "table":
        return value.n3(graph.namespace_manager)
    text = str(value)
    if fmt in ("csv", "tsv") and not isinstance(value, URIRef):
        text = spreadsheet_safe(text)
    return text.replace("\n", " ") if fmt in ("table", "tsv") else text


def _table(names: list[str], rows: list[list[str]]) -> str:
    cells = [[c if len(c) <= 80 else c[:77] + "..." for c in row] for row in rows]
    widths = [max([len(n)] + [len(row[i]) for row in cells]) for i, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(row) for row in cells]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
