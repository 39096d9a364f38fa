"""RDF files of a build: TriG (named graphs), Turtle (the union) and JSON-LD (compact)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from newskg.export.files import write_text
from newskg.rdf.dataset import union
from newskg.rdf.namespaces import PREFIXES


def write_rdf(dataset: Dataset, out: Path) -> dict[str, Path]:
    """Write graph.trig, graph.ttl and graph.jsonld into `out`; return them by format."""
    merged = union(dataset)
    files = {
        "trig": out / "graph.trig",
        "ttl": out / "graph.ttl",
        "jsonld": out / "graph.jsonld",
    }
    write_text(files["trig"], _trig(dataset))
    write_text(files["ttl"], merged.serialize(format="turtle"))
    write_text(files["jsonld"], jsonld(merged))
    return files


def _trig(dataset: Dataset) -> str:
    """TriG with the named graphs only (the default graph is their union, not a graph of its own)."""
    named = Dataset()
    for prefix, namespace in PREFIXES.items():
        named.bind(prefix, namespace, replace=True)
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if str(graph.identifier).startswith("urn:x-rdflib:"):
            continue
        target = named.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return named.serialize(format="trig")


def jsonld(graph: Graph) -> str:
    """JSON-LD with a compact @context of the contract's prefixes."""
    return graph.serialize(format="json-ld", context=dict(PREFIXES), indent=2, sort_keys=True)
