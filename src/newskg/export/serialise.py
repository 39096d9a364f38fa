"""RDF files of a build: TriG (named graphs), Turtle (the union) and JSON-LD (compact)."""

from __future__ import annotations

import json
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
    """TriG of the named graphs, sorted by name (rdflib's own order varies between processes)."""
    parts = [f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(PREFIXES.items())]
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if str(graph.identifier).startswith("urn:x-rdflib:") or not len(graph):
            continue
        single = Graph()
        for prefix, namespace in PREFIXES.items():
            single.bind(prefix, namespace, replace=True)
        for triple in graph:
            single.add(triple)
        parts.append(f"\n<{graph.identifier}> {{\n{_without_prefixes(single.serialize(format='turtle'))}}}\n")
    return "".join(parts)


def _without_prefixes(turtle: str) -> str:
    """The statements of a Turtle document, less its leading prefix lines."""
    lines = turtle.split("\n")
    start = 0
    while start < len(lines) and (lines[start].startswith("@prefix") or not lines[start].strip()):
        start += 1
    return "\n".join(lines[start:]).rstrip() + "\n"


def jsonld(graph: Graph) -> str:
    """JSON-LD with a compact @context of the contract's prefixes, in a stable order.

    rdflib's serializer orders nodes and values as its sets iterate, which varies
    between processes; nodes are sorted by @id and values by their JSON text.
    """
    document = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES)))
    return json.dumps(_ordered(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _ordered(value: object) -> object:
    if isinstance(value, dict):
        return {key: _ordered(item) if key != "@list" else [_ordered(i) for i in item] for key, item in value.items()}
    if isinstance(value, list):
        items = [_ordered(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
