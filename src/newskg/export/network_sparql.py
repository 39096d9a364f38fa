"""The entity network (see `entity_network`) read by SPARQL, for graphs too large to hold as a network at once:
its nodes and edges in a stable order, and its most connected nodes. The queries' files are filled in with the
network's classes and links from `entity_network`, so the network is defined once.

Each function takes a `Select`: a SELECT query to rows of rdflib terms, streamed
where the graph lives in a store (`rdf.store.UnionStore.select`), or run by rdflib on
a graph in memory (`select_in`). Rows are asked for unordered and sorted on disk
(`SortedLines` in a scratch folder under `folder`): a store's ORDER BY or GROUP BY
over every node of a large graph holds them all in memory at once.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from string import Template

from rdflib import Graph, URIRef
from rdflib.namespace import SDO
from rdflib.term import Node

from newskg.export.entity_network import CLASSES, LINKS
from newskg.rdf.namespaces import PREFIXES
from newskg.rdf.sorted_lines import SortedLines

Select = Callable[[str], Iterator[tuple[Node | None, ...]]]

_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(PREFIXES.items()))
QUERIES = Path(__file__).resolve().parent / "queries"  # the network's SPARQL, as package data


def _filled(name: str) -> str:
    """A query of the network from its file, with the network's classes and links (`entity_network`) in it."""
    template = Template((QUERIES / name).read_text(encoding="utf-8"))
    return template.substitute(
        classes=" ".join(f"<{rdf_class}>" for _, rdf_class in CLASSES),
        forwards=" ".join(f'(<{link.predicate}> "{link.label}")' for link in LINKS if not link.backwards),
        backwards=" ".join(f'(<{link.predicate}> "{link.label}")' for link in LINKS if link.backwards),
    )


NETWORK_QUERIES = {name: _filled(name) for name in ("network-nodes.rq", "network-labels.rq", "network-edges.rq")}
_NODES, _LABELS, _EDGES = NETWORK_QUERIES.values()
_EVENT = str(SDO.Event)
_Key = tuple[int, bool, str, str]


@dataclass(frozen=True)
class Ranked:
    """A node of the network, and its degree centrality (distinct neighbours over the other nodes)."""

    node: URIRef
    centrality: float


@dataclass(frozen=True)
class Ranking:
    """The most connected nodes, the most connected of those that are not only events, and the node count."""

    nodes: list[Ranked]
    entities: list[Ranked]
    total: int


def select_in(graph: Graph) -> Select:
    """SELECT queries run by rdflib on a graph held in memory."""
    return lambda query: (tuple(row) for row in graph.query(_PREFIXES + query))  # type: ignore[arg-type]


def nodes(select: Select, folder: Path | None = None) -> Iterator[URIRef]:
    """Every node of the network, by IRI, in IRI order."""
    rows = (str(row[0]) for row in select(_PREFIXES + _NODES) if isinstance(row[0], URIRef))
    return map(URIRef, _sorted(rows, folder))


def edges(select: Select, folder: Path | None = None) -> Iterator[tuple[str, str, str]]:
    """Every edge of the network as (from, to, label), in that order."""
    rows = ("\t".join(map(str, row)) for row in select(_PREFIXES + _EDGES))
    return (_three(line.split("\t")) for line in _sorted(rows, folder))


def rank(select: Select, count: int, folder: Path | None = None) -> Ranking:
    """The `count` nodes with the most distinct neighbours (ties by label, then IRI), among all nodes and
    among those that are not only events, with their centrality; one pass over the sorted network."""
    best, entities = _Best(count), _Best(count)
    total = 0
    for node, key, only_event in _places(select, folder):
        total += 1
        best.offer(key, node)
        if not only_event:
            entities.offer(key, node)
    share = (lambda degree: degree / (total - 1)) if total > 1 else (lambda degree: 0.0)
    return Ranking(
        [Ranked(URIRef(node), share(-key[0])) for key, node in best.sorted()],
        [Ranked(URIRef(node), share(-key[0])) for key, node in entities.sorted()],
        total,
    )


def _places(select: Select, folder: Path | None) -> Iterator[tuple[str, _Key, bool]]:
    """Each node with its ranking key (more neighbours, then a label, then an earlier label and IRI first) and
    whether it is only an event, from one sorted stream of the nodes' classes, labels and neighbours."""
    classes = (f"{row[0]}\tc\t{row[1]}" for row in select(_PREFIXES + _NODES) if isinstance(row[0], URIRef))
    names = (f"{row[0]}\tl\t{json.dumps(str(row[1]))}" for row in select(_PREFIXES + _LABELS))
    ends = (
        line
        for row in select(_PREFIXES + _EDGES)
        if row[0] != row[1]
        for line in (f"{row[0]}\tn\t{row[1]}", f"{row[1]}\tn\t{row[0]}")
    )
    lines = _sorted(chain(classes, names, ends), folder)
    for node, group in groupby((line.split("\t", 2) for line in lines), key=itemgetter(0)):
        kinds, labels, degree = set(), [], 0
        for _, tag, value in group:
            if tag == "c":
                kinds.add(value)
            elif tag == "l":
                labels.append(json.loads(value))
            else:
                degree += 1
        if kinds:
            label = min(labels, default=None)
            yield node, (-degree, label is not None, label or "", node), kinds == {_EVENT}


class _Best:
    """The `count` smallest keys offered, each with its item, kept in a heap of the largest first."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._heap: list[tuple[_Reversed, str]] = []

    def offer(self, key: _Key, item: str) -> None:
        entry = (_Reversed(key), item)
        if len(self._heap) < self.count:
            heapq.heappush(self._heap, entry)
        elif self._heap and key < self._heap[0][0].key:
            heapq.heapreplace(self._heap, entry)

    def sorted(self) -> list[tuple[_Key, str]]:
        return sorted((entry.key, item) for entry, item in self._heap)


@dataclass(frozen=True)
class _Reversed:
    key: _Key

    def __lt__(self, other: _Reversed) -> bool:
        return self.key > other.key


def _sorted(lines: Iterator[str], folder: Path | None) -> Iterator[str]:
    """The lines sorted, each once, through runs in a scratch folder removed when they have been read."""
    with tempfile.TemporaryDirectory(prefix="network-", dir=folder) as scratch:
        store = SortedLines(Path(scratch))
        store.add(lines)
        yield from store


def _three(parts: list[str]) -> tuple[str, str, str]:
    return parts[0], parts[1], parts[2]
