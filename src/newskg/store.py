"""An on-disk graph store: Oxigraph (RocksDB), named on the command line as `oxigraph:DIR`.

`build --store oxigraph:DIR` writes the build's graphs into it (each replacing
the graph of the same name, so builds of several corpora can share a store),
with the default graph kept as the union of the named graphs;
`query`, `viz`, `validate`, `export`, `merge`, `serve` and `push` read from it
wherever they read a build folder or an RDF file. Queries run on Oxigraph
itself; the other commands read the store's statements once.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from newskg.errors import UsageError
from newskg.export.serialise import Statements

PREFIX = "oxigraph:"
_UNION = "CLEAR DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def store_path(spec: str | Path) -> Path | None:
    """The folder of an `oxigraph:DIR` spec; None for anything else (a build folder or an RDF file)."""
    text = str(spec)
    if not text.startswith(PREFIX):
        return None
    folder = text[len(PREFIX) :]
    if not folder:
        raise UsageError(f"{text!r}: name the store's folder, as in oxigraph:store/")
    return Path(folder)


def write_store(folder: Path, statements: Statements) -> int:
    """Put a build's graphs into the store, each replacing the graph of the same name, and make the
    default graph the union of all its graphs, each statement once; return the quads written."""
    try:
        store = ox.Store(str(folder))
    except OSError as error:
        raise UsageError(f"{folder}: cannot open the Oxigraph store ({error})") from error
    quads = statements.oxigraph_quads
    names = {quad.graph_name.value for quad in quads if isinstance(quad.graph_name, ox.NamedNode)}
    for name in sorted(names):
        graph = ox.NamedNode(name)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    store.bulk_extend(quads)
    with_union(store)
    store.flush()
    return len(quads)


def with_union(store: ox.Store) -> ox.Store:
    """The store with its default graph made the union of its named graphs, each statement once.

    Entities are described in every article graph that mentions them; queried over
    the graphs taken together with repeats (Oxigraph's union-default-graph option),
    a join over a person's labels and titles multiplies by the articles naming them.
    """
    store.update(_UNION)
    return store


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
