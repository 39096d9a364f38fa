"""Oxigraph terms for what newskg writes: the vocabularies' IRIs, each made once, and literals in the very
lexical forms rdflib's `Literal` gives them, so a graph made of these terms serialises as one made in rdflib.

A build makes its article graphs from these terms straight (see `triples`), skipping rdflib's
terms and graphs, which cost it more than its own logic.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from newskg.rdf.namespaces import ITSRDF, NIF, NKG, SEM

Subject = ox.NamedNode
Value = ox.NamedNode | ox.Literal
Triple = tuple[Subject, ox.NamedNode, Value]


class Vocabulary:
    """An rdflib namespace's terms as Oxigraph IRIs, each made on first use and kept; a term a closed namespace
    lacks still raises AttributeError, as the rdflib namespace does."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._terms: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(str(self._namespace[name]))
        return term

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, term)  # found as a plain attribute from now on
        return term


O_OWL, O_PROV, O_RDF, O_RDFS, O_SDO, O_SKOS = map(Vocabulary, (OWL, PROV, RDF, RDFS, SDO, SKOS))
O_ITSRDF, O_NIF, O_NKG, O_SEM = map(Vocabulary, (ITSRDF, NIF, NKG, SEM))

_BOOLEAN, _DECIMAL = ox.NamedNode(str(XSD.boolean)), ox.NamedNode(str(XSD.decimal))
INTEGER, NON_NEGATIVE_INTEGER = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.nonNegativeInteger))
_TRUE, _FALSE = ox.Literal("true", datatype=_BOOLEAN), ox.Literal("false", datatype=_BOOLEAN)


def string(text: str) -> ox.Literal:
    """A plain string, as `Literal(text)`."""
    return ox.Literal(text)


def boolean(value: bool) -> ox.Literal:
    """A boolean, as `Literal(value)`."""
    return _TRUE if value else _FALSE


def integer(value: int, datatype: ox.NamedNode = INTEGER) -> ox.Literal:
    """A whole number of an integer datatype, as `Literal(value, datatype=...)`."""
    return ox.Literal(str(value), datatype=datatype)


def decimal(value: Decimal) -> ox.Literal:
    """An xsd:decimal, as `Literal(value, datatype=XSD.decimal)` (positional notation, never an exponent)."""
    return ox.Literal(f"{value:f}", datatype=_DECIMAL)


@lru_cache(maxsize=4096)
def typed(lexical: str, datatype: str) -> ox.Literal:
    """A literal of a datatype given its lexical form (a date, a year), as `Literal(lexical, datatype=...)`:
    through rdflib itself, which rewrites the forms of some datatypes (xsd:date) and keeps the others; the
    same few dates recur across a build's articles, hence the cache."""
    return ox.Literal(str(Literal(lexical, datatype=datatype)), datatype=ox.NamedNode(datatype))
