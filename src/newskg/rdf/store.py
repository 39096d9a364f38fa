"""An on-disk graph store: Oxigraph (RocksDB), named on the command line as `oxigraph:DIR`.

`build --store oxigraph:DIR` writes the build's graphs into it (each replacing
the graph of the same name, so builds of several corpora can share a store),
with the default graph kept as the union of the named graphs;
`query`, `viz`, `validate`, `export`, `merge`, `serve` and `push` read from it
wherever they read a build folder or an RDF file. Queries run on Oxigraph
itself; the other commands read the store's statements once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from newskg.errors import UsageError
from newskg.limits import DEFAULT, Limits
from newskg.rdf.guard import check_rdf_file
from newskg.rdf.store_graph import StoreGraph, rdflib_term

PREFIX = "oxigraph:"
_GUARDED = {ox.RdfFormat.RDF_XML: "xml", ox.RdfFormat.JSON_LD: "json-ld", ox.RdfFormat.STREAMING_JSON_LD: "json-ld"}
_UNION = (Path(__file__).resolve().parent / "queries" / "union.ru").read_text(encoding="utf-8")


def store_path(spec: str | Path) -> Path | None:
    """The folder of an `oxigraph:DIR` spec; None for anything else (a build folder or an RDF file)."""
    text = str(spec)
    if not text.startswith(PREFIX):
        return None
    folder = text[len(PREFIX) :]
    if not folder:
        raise UsageError(f"{text!r}: name the store's folder, as in oxigraph:store/")
    return Path(folder)


def load_build(folder: Path, trig: Path, turtle: Path, names: Iterable[str], limits: Limits = DEFAULT) -> None:
    """Put a build's graphs (its TriG file; `names` are its graphs) into the store, each replacing the graph
    of the same name, and make the default graph the union of all the store's graphs, each statement once
    (the build's Turtle file is that union when the store holds no other graphs). Files are loaded in bulk,
    streamed from disk."""
    try:
        store = ox.Store(str(folder))
    except OSError as error:
        raise UsageError(f"{folder}: cannot open the Oxigraph store ({error})") from error
    ours = set(names)
    for name in sorted(ours):
        if store.contains_named_graph(graph := ox.NamedNode(name)):
            store.remove_graph(graph)
    load_file(store, trig, ox.RdfFormat.TRIG, limits.load_statements)
    store.clear_graph(ox.DefaultGraph())
    if any(graph.value not in ours for graph in store.named_graphs()):
        with_union(store)
    else:
        load_file(store, turtle, ox.RdfFormat.TURTLE, limits.load_statements)
    store.flush()


def load_file(store: ox.Store, path: Path, syntax: ox.RdfFormat, size: int = DEFAULT.load_statements) -> None:
    """Load a file into the store in bulk, `size` statements at a time: Oxigraph's bulk loader
    holds what it loads in memory (about 900 MB for a million statements at once). A file that would expand
    XML entities or fetch a JSON-LD context is refused first (`guard`)."""
    check_rdf_file(path, _GUARDED.get(syntax, ""))
    try:
        statements = ox.parse(path=str(path), format=syntax)
        while chunk := list(islice(statements, size)):
            store.bulk_extend(chunk)
    except (SyntaxError, ValueError, OSError, MemoryError) as error:  # MemoryError: a token over 16 MiB
        raise UsageError(f"{path}: cannot be read ({error})") from error


class UnionStore:
    """A union graph loaded into Oxigraph on disk under `folder` (in memory without one), its statements added
    a run at a time (as `write_union` parses them for the graph files, so they are read once): the build's
    pages read it as an rdflib Graph and by SELECT queries whose rows stream, without holding it in memory."""

    def __init__(self, folder: Path | None) -> None:
        self.store = ox.Store(str(folder)) if folder is not None else ox.Store()
        self.graph = StoreGraph(self.store)

    def __call__(self, statements: list[ox.Quad]) -> None:
        """Add a run of statements (an observer of `write_union`); the pages read the store after the last."""
        self.store.bulk_extend(statements)

    def select(self, query: str) -> Iterator[tuple[Node | None, ...]]:
        """The rows of a SELECT query, as rdflib terms (None where unbound), one at a time."""
        solutions = self.store.query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("a SELECT query was expected")
        names = solutions.variables
        for solution in solutions:
            yield tuple(rdflib_term(solution[name]) for name in names)


def with_union(store: ox.Store) -> ox.Store:
    """The store with its named graphs' statements added to its default graph, each statement once: the
    default graph becomes the union of all its graphs, and a file of triples keeps its own statements.

    Entities are described in every article graph that mentions them; queried over
    the graphs taken together with repeats (Oxigraph's union-default-graph option),
    a join over a person's labels and titles multiplies by the articles naming them.
    """
    store.update(_UNION)
    return store


def open_graph(source: str | Path, union: bool = True, named: bool = True) -> ox.Store:
    """A graph to query, serve or push, in Oxigraph: `oxigraph:DIR` opened read-only, or a build folder's (or
    an RDF file's) graphs in memory, with the default graph made the union of the graphs unless `union` is
    False. Without `named`, a build folder gives only its union (graph.ttl): Oxigraph answers queries of
    the default graph several times faster when it holds no named graphs beside it."""
    folder = store_path(source)
    if folder is not None:
        return open_store(folder)
    path = Path(source)
    if path.is_dir() and not named and (path / "graph.ttl").is_file():
        store = ox.Store()
        load_file(store, path / "graph.ttl", ox.RdfFormat.TURTLE)
        return store
    path = path / "graph.trig" if path.is_dir() else path
    if not path.is_file():
        raise UsageError(f"{path}: no such graph file (give a build folder, an RDF file or oxigraph:DIR)")
    store = ox.Store()
    load_file(store, path, ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG)
    return with_union(store) if union else store


def open_store(folder: Path) -> ox.Store:
    """The store, opened read-only (other readers may share it; no writer may run meanwhile)."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no Oxigraph store there")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as error:
        raise UsageError(f"{folder}: not an Oxigraph store ({error})") from error


def read_store(folder: Path) -> Dataset:
    """The store's named graphs as an rdflib dataset whose default graph is their union."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=named_graphs(open_store(folder)).decode("utf-8"), format="nquads")
    return dataset


def named_graphs(store: ox.Store) -> bytes:
    """The store's named graphs as N-Quads (its default graph is their union, made by newskg)."""
    quads = [quad for quad in store if not isinstance(quad.graph_name, ox.DefaultGraph)]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
