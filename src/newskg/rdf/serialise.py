"""RDF files of a build: TriG and N-Quads (named graphs), Turtle (the union) and JSON-LD (compact).

TriG and Turtle are written by Oxigraph's serializer, fed the statements in a
sorted order, and JSON-LD directly, with nodes and values sorted: the same graph
always gives the same bytes. Each file can be written a piece at a time (a graph,
a run of subjects), so a build streams them whatever its size; a piece written
alone is the same text as within the whole.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache
from itertools import groupby
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from newskg.limits import DEFAULT, Limits
from newskg.rdf.namespaces import PREFIXES

_DEFAULT_GRAPH_PREFIX = "urn:x-rdflib:"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Observer = Callable[[list[ox.Quad]], None]


class Statements:
    """A dataset's statements, read from rdflib once for every file written from them.

    The named graphs' statements, and the default graph's own (a build's has none:
    its default graph is the union of the named ones); a plain Graph's triples are
    its default graph's.
    """

    def __init__(self, source: Graph) -> None:
        graphs = source.graphs() if isinstance(source, Dataset) else [source]
        self.quads: list[tuple[Node, Node, Node, str | None]] = []
        for graph in graphs:
            name = str(graph.identifier)
            target = None if name.startswith(_DEFAULT_GRAPH_PREFIX) or not isinstance(source, Dataset) else name
            self.quads.extend((s, p, o, target) for s, p, o in graph)

    @cached_property
    def oxigraph_quads(self) -> list[ox.Quad]:
        quads = [
            ox.Quad(_subject(s), _iri(p), _term(o), ox.NamedNode(g) if g else ox.DefaultGraph())
            for s, p, o, g in self.quads
        ]
        return sorted(quads, key=_order)

    def union_lines(self) -> list[str]:
        """Every statement once, whatever graph it is in, as sorted N-Triples lines."""
        return sorted({statement_line(quad) for quad in self.oxigraph_quads})


def _statements(source: Graph | Statements) -> Statements:
    return source if isinstance(source, Statements) else Statements(source)


def oxigraph_quads(graph: Iterable[tuple[Node, Node, Node]], name: str) -> list[ox.Quad]:
    """One rdflib graph's statements (or some rdflib triples) as Oxigraph quads in the named graph `name`."""
    target = ox.NamedNode(name)
    return [ox.Quad(_subject(s), _iri(p), _term(o), target) for s, p, o in graph]


def statement_line(quad: ox.Quad | ox.Triple) -> str:
    """A statement as an N-Triples line (without its line break); such lines sort as the statements do."""
    return f"{quad.subject} {quad.predicate} {quad.object} ."


def header() -> str:
    """The prefix declarations that open a TriG or Turtle file, in alphabetical order."""
    return "\n".join(f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(PREFIXES.items())) + "\n\n"


def graph_text(quads: list[ox.Quad]) -> str:
    """One named graph's block of TriG, statements sorted (a file is the header and its graphs' blocks)."""
    return _body(sorted(quads, key=_order), ox.RdfFormat.TRIG)


def graph_blocks(lines: Iterable[str], name: str, limits: Limits = DEFAULT) -> Iterator[str]:
    """One named graph's TriG block from its statements as sorted, unique N-Triples lines, written a run of
    whole subjects at a time (`limits.block_lines`): together the same text as `graph_text` of them all."""
    target = ox.NamedNode(name)
    closing = "}\n"
    opened = False
    for run in subject_runs(lines, limits.block_lines, limits):
        text = graph_text([ox.Quad(quad.subject, quad.predicate, quad.object, target) for quad in run])
        yield text[: -len(closing)] if not opened else text[text.index("{\n") + 2 : -len(closing)]
        opened = True
    if opened:
        yield closing


def trig(source: Dataset | Statements) -> str:
    """TriG of a dataset's graphs."""
    return header() + _body(_statements(source).oxigraph_quads, ox.RdfFormat.TRIG)


def nquads(source: Dataset | Statements) -> str:
    """N-Quads of the same statements as `trig`, one per line."""
    return (ox.serialize(_statements(source).oxigraph_quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def turtle(source: Graph | Statements) -> str:
    """Turtle of one graph, or of the union of a dataset's graphs."""
    stream = io.StringIO()
    write_union(_statements(source).union_lines(), turtle=stream)
    return stream.getvalue()


def jsonld(source: Graph | Statements) -> str:
    """Compact JSON-LD of one graph, or of the union of a dataset's graphs (see `write_union`)."""
    stream = io.StringIO()
    write_union(_statements(source).union_lines(), jsonld=stream)
    return stream.getvalue()


def write_union(
    lines: Iterable[str],
    *,
    turtle: IO[str] | None = None,
    jsonld: IO[str] | None = None,
    observers: Iterable[Observer] = (),
    limits: Limits = DEFAULT,
) -> None:
    """The union graph's Turtle and JSON-LD from its statements as sorted, unique N-Triples lines, a run of
    whole subjects at a time; each observer sees every run of statements too.

    JSON-LD is compact: one node object per subject, in statement order, terms as
    prefixed names under an @context, values sorted by their JSON text.
    """
    document = _JsonLd(jsonld) if jsonld is not None else None
    if turtle is not None:
        turtle.write(header())
    for block in subject_runs(lines, limits.block_lines, limits):
        if turtle is not None:
            turtle.write(_body(block, ox.RdfFormat.TURTLE))
        if document is not None:
            document.add(block)
        for observe in observers:
            observe(block)
    if document is not None:
        document.close()


def subject_runs(
    lines: Iterable[str], size: int = DEFAULT.block_lines, limits: Limits = DEFAULT
) -> Iterator[list[ox.Quad]]:
    """Sorted N-Triples lines parsed `size` at a time or a few more, never splitting a subject's statements;
    a line over `limits.long_line` characters is read by our own reader."""
    block: list[str] = []
    last = None
    for line in lines:
        subject = line.split(" ", 1)[0]
        if subject != last and len(block) >= size:
            yield _parsed(block, limits.long_line)
            block = []
        block.append(line)
        last = subject
    if block:
        yield _parsed(block, limits.long_line)


def _parsed(lines: list[str], long_line: int) -> list[ox.Quad]:
    """N-Triples lines as quads, in order: by Oxigraph, but a line over `long_line` characters by our own
    reader (Oxigraph's parsers take no token over 16 MiB, as a whole article's text can be)."""
    quads: list[ox.Quad] = []
    for long, group in groupby(lines, key=lambda line: len(line) > long_line):
        if long:
            quads.extend(map(_long_line, group))
        else:
            quads.extend(ox.parse(input="\n".join(group).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return quads


def _long_line(line: str) -> ox.Quad:
    """A statement whose object is a long literal, read from its N-Triples line in one pass (rdflib's
    N-Triples reader takes minutes over a line of millions of characters)."""
    subject, predicate, value = line[: -len(" .")].split(" ", 2)
    close = value.rindex('"')
    text = _ESCAPE.sub(_unescaped, value[1:close])
    suffix = value[close + 1 :]
    if suffix.startswith("@"):
        literal = ox.Literal(text, language=suffix[1:])
    else:
        literal = ox.Literal(text, datatype=ox.NamedNode(suffix[3:-1] if suffix else _XSD_STRING))
    node = ox.BlankNode(subject[2:]) if subject.startswith("_:") else ox.NamedNode(subject[1:-1])
    return ox.Quad(node, ox.NamedNode(predicate[1:-1]), literal, ox.DefaultGraph())


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescaped(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPES[code]


def _order(statement: ox.Quad | ox.Triple) -> tuple[str, ...]:
    graph = str(statement.graph_name) if isinstance(statement, ox.Quad) else ""
    return (graph, str(statement.subject), str(statement.predicate), str(statement.object))


def _body(statements: Iterable[ox.Quad] | Iterable[ox.Triple], syntax: ox.RdfFormat) -> str:
    """Serialised with the contract's prefixes, without their declarations (see `header`)."""
    text = (ox.serialize(statements, format=syntax, prefixes=PREFIXES) or b"").decode("utf-8")
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return "\n".join(lines[start:])


def _subject(node: Node) -> ox.NamedNode | ox.BlankNode:
    """A subject: an IRI in newskg's graphs, or a blank node merged from another dataset."""
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else _iri(node)


def _iri(node: Node) -> ox.NamedNode:
    """A predicate (or a subject newskg made): always an IRI."""
    if not isinstance(node, URIRef):
        raise TypeError(f"newskg writes no {type(node).__name__} subjects or predicates")
    return ox.NamedNode(str(node))


def _term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib IRI, literal or (from another dataset) blank node as an Oxigraph term."""
    if isinstance(node, URIRef | BNode):
        return _subject(node)
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"newskg writes no {type(node).__name__} terms")


class _JsonLd:
    """A compact JSON-LD document written a node at a time, the same text as one `json.dumps` of it with
    `indent=1` (each node written by `_node_text`: the standard encoder indents in pure Python, far slower)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.nodes = 0
        opening = json.dumps({"@context": dict(sorted(PREFIXES.items())), "@graph": []}, indent=1)
        stream.write(opening[: -len("[]\n}")] + "[")

    def add(self, quads: list[ox.Quad]) -> None:
        for subject, statements in groupby(quads, key=lambda quad: quad.subject):
            node: dict[str, list[tuple[str, str]]] = {}
            for quad in statements:
                if isinstance(quad.object, ox.Triple):
                    raise TypeError("newskg writes no quoted triples")
                kind = quad.predicate.value == _RDF_TYPE
                key = "@type" if kind else _curie(quad.predicate.value)
                node.setdefault(key, []).append(_text(_curie(quad.object.value)) if kind else _value(quad.object))
            self.stream.write(("," if self.nodes else "") + _node_text(_id(subject), node))
            self.nodes += 1

    def close(self) -> None:
        self.stream.write(("\n ]" if self.nodes else "]") + "\n}\n")


def _id(node: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else node.value


@lru_cache(maxsize=65536)
def _curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


_string = json.encoder.encode_basestring  # a JSON string as `json.dumps(text, ensure_ascii=False)` writes it


def _node_text(identifier: str, values: dict[str, list[tuple[str, str]]]) -> str:
    """A node object as it stands in the document's @graph: a line break, then `json.dumps(node, indent=1,
    ensure_ascii=False)` with two more spaces before each line; keys sorted, each key's values sorted."""
    members = [f'   "@id": {_string(identifier)}']
    for key, found in sorted(values.items()):
        items = ",\n".join(f"    {text}" for _, text in sorted(found, key=lambda value: value[0]))
        members.append(f"   {_string(key)}: [\n{items}\n   ]")
    return "\n  {\n" + ",\n".join(members) + "\n  }"


def _text(text: str) -> tuple[str, str]:
    """A string value: the key it sorts by (its JSON text) and its JSON text."""
    encoded = _string(text)
    return encoded, encoded


def _object(members: list[tuple[str, str]]) -> tuple[str, str]:
    """An object value from its members in order: the key it sorts by (its JSON text with sorted keys, on one
    line) and its JSON text as written among a node's values."""
    encoded = [(_string(name), _string(value)) for name, value in members]
    key = "{" + ", ".join(f"{name}: {value}" for name, value in sorted(encoded)) + "}"
    text = "{\n" + ",\n".join(f"     {name}: {value}" for name, value in encoded) + "\n    }"
    return key, text


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[str, str]:
    if isinstance(term, ox.BlankNode):
        return _object([("@id", f"_:{term.value}")])
    if isinstance(term, ox.NamedNode):
        return _object([("@id", _curie(term.value))])
    if term.language:
        return _object([("@value", term.value), ("@language", term.language)])
    if term.datatype.value != _XSD_STRING:
        return _object([("@value", term.value), ("@type", _curie(term.datatype.value))])
    return _text(term.value)
