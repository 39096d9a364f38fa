"""An Oxigraph store's default graph read as an rdflib Graph, for the pages: the same statements in the same
order as through oxrdflib, several times faster.

oxrdflib answers each pattern by converting every term, and makes an rdflib Graph
object for each statement's graph name; the pages ask tens of thousands of small
patterns (a node's label, an article's title) of a graph that does not change while
they read it. Here a pattern goes straight to the store, IRIs are converted once,
a subject's statements are read once when they are few (and its patterns answered
from them, in the store's order), and the answer to another pattern with few
statements is kept: a bounded number of them, so the same lookup made for many
nodes is made once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import chain, islice

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.paths import Path
from rdflib.term import Node

_FEW = 8  # an answer of at most this many statements is kept ...
_DESCRIBED = 64  # ... and every statement of a subject with at most this many ...
_SHORT = 1024  # ... when their literals hold at most this many characters in all
_SHORT_LITERAL = 256  # characters of a literal converted once and kept
KEPT = 131072  # statements kept at most, a literal counting one per 64 characters too (all forgotten when full:
# memory stays within some tens of megabytes)

Triple = tuple[Node, Node, Node]
_NODES = (URIRef, BNode)
ByPredicate = dict[Node | None, tuple[Triple, ...]]  # a subject's statements by predicate; all under None


class StoreGraph(Graph):
    """The default graph of `store`, read only (the store must not change while it is read)."""

    def __init__(self, store: ox.Store, kept: int = KEPT) -> None:
        """A view of `store` that keeps at most `kept` statements of the answers it gave (see KEPT)."""
        super().__init__(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
        self._store = store
        self._kept: dict[tuple[Node | None, ...], tuple[Triple, ...] | ByPredicate | None] = {}
        self._weight = 0
        self._bound = kept

    def triples(self, triple):  # type: ignore[no-untyped-def,override]  # rdflib's overloaded signature
        """The statements matching a pattern, as `Graph.triples` gives them."""
        subject, predicate, value = triple
        if predicate is not None and type(predicate) is not URIRef and isinstance(predicate, Path):
            return super().triples(triple)
        return self._matching(subject, predicate, value)

    def _matching(self, subject: Node | None, predicate: Node | None, value: Node | None) -> Iterator[Triple]:
        if isinstance(subject, _NODES) and not isinstance(value, Literal):
            described = self._described(subject)
            if described is not None:
                found = described.get(predicate, ()) if predicate is not None else described[None]
                return iter(found if value is None else [triple for triple in found if triple[2] == value])
        key = (subject, predicate, value)
        known = self._kept.get(key)
        if isinstance(known, tuple):
            return iter(known)
        return self._read_and_keep(key)

    def _read_and_keep(self, key: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        found = self._read(*key)
        first = tuple(islice(found, _FEW + 1))
        if len(first) <= _FEW and not any(isinstance(term, Literal) for term in key):
            characters = _characters(first)
            if characters <= _SHORT:
                self._keep(key, first, len(first) + characters // 64)
        yield from chain(first, found)

    def _described(self, subject: URIRef | BNode) -> ByPredicate | None:
        """Every statement of a subject, read once and kept by predicate (None: all of them, in the store's
        order), when it has few and short ones (None otherwise): a node's label, names and classes are asked
        one by one."""
        key = (subject,)
        known = self._kept.get(key, False)
        if known is False:
            found = tuple(islice(self._read(subject, None, None), _DESCRIBED + 1))
            characters = _characters(found) if len(found) <= _DESCRIBED else _SHORT + 1
            known = _by_predicate(found) if characters <= _SHORT else None
            self._keep(key, known, len(found) + characters // 64 if known is not None else 0)
        return known if isinstance(known, dict) else None

    def _keep(
        self,
        key: tuple[Node | None, ...],
        answer: tuple[Triple, ...] | ByPredicate | None,
        statements: int,
    ) -> None:
        """Keep an answer of some statements (a literal counting one per 64 characters too), forgetting every
        answer kept first if the bound is reached."""
        weight = 1 + statements
        if self._weight + weight > self._bound:
            self._kept.clear()
            self._weight = 0
        self._kept[key] = answer
        self._weight += weight

    def _read(self, subject: Node | None, predicate: Node | None, value: Node | None) -> Iterator[Triple]:
        try:
            pattern = (_pattern(subject), _pattern(predicate), _pattern(value), ox.DefaultGraph())
            quads = self._store.quads_for_pattern(*pattern)  # type: ignore[arg-type]  # a literal subject: TypeError
        except (TypeError, ValueError):  # nothing matches a term no store holds there (as with oxrdflib)
            return
        for quad in quads:
            yield _term(quad.subject), _term(quad.predicate), _term(quad.object)


def _by_predicate(statements: tuple[Triple, ...]) -> ByPredicate:
    """A subject's statements by predicate, and all of them under None, each in the store's order."""
    grouped: dict[Node | None, list[Triple]] = {}
    for triple in statements:
        grouped.setdefault(triple[1], []).append(triple)
    return {None: statements} | {predicate: tuple(triples) for predicate, triples in grouped.items()}


def _characters(statements: tuple[Triple, ...]) -> int:
    return sum(len(term) for _, _, term in statements if type(term) is Literal)


def _pattern(term: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """A pattern's term for Oxigraph, as oxrdflib converts it (IRIs converted once)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        datatype = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(term, language=term.language, datatype=datatype)
    raise TypeError(f"no Oxigraph term for {term!r}")


@lru_cache(maxsize=65536)
def _iri(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(term)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A statement's term as rdflib's (IRIs and short literals converted once)."""
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.Literal) and len(term.value) <= _SHORT_LITERAL:
        return _short_literal(term)
    return rdflib_term(term)  # type: ignore[return-value]  # never None: the term is bound


@lru_cache(maxsize=65536)
def _uri(value: str) -> URIRef:
    return URIRef(value)


@lru_cache(maxsize=16384)  # some megabytes at most
def _short_literal(term: ox.Literal) -> Literal:
    """A literal made once for the same value (rdflib parses each value into Python's anew); long ones, like
    an article's text, are not kept."""
    return _literal(term)


def rdflib_term(term: object) -> Node | None:
    """An Oxigraph term as rdflib's (None for an unbound value); TypeError for a quoted triple."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return _literal(term)
    raise TypeError(f"no rdflib term for {term!r}")


def _literal(term: ox.Literal) -> Literal:
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=_uri(term.datatype.value))
