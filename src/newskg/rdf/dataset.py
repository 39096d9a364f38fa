"""A build's RDF dataset: one named graph per article, and one for the build's provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from newskg.model import ResolvedArticle
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import NKG, PREFIXES
from newskg.rdf.triples import ArticleWriter


@dataclass(frozen=True)
class BuildInfo:
    """What made a build: recorded as its prov:Activity."""

    tool_version: str
    model: str
    started: datetime
    digest: str


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs, prefixes bound."""
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def add_article(dataset: Dataset, iris: Iris, resolved: ResolvedArticle, activity: URIRef) -> URIRef:
    """Write one article into its own named graph; return the graph's IRI."""
    name = iris.graph(resolved.extraction.article.id)
    graph = dataset.graph(name)
    ArticleWriter(graph, iris, resolved).write(activity)
    return name


def add_provenance(dataset: Dataset, iris: Iris, info: BuildInfo, graphs: list[URIRef]) -> URIRef:
    """The build's activity, and each article graph linked to it, in the provenance graph."""
    activity = iris.activity(info.digest)
    graph = dataset.graph(iris.provenance_graph())
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"newskg {info.tool_version} build")))
    graph.add((activity, PROV.startedAtTime, Literal(info.started.isoformat(), datatype=XSD.dateTime)))
    graph.add((activity, NKG.toolVersion, Literal(info.tool_version)))
    graph.add((activity, NKG.model, Literal(info.model)))
    for name in graphs:
        graph.add((name, PROV.wasGeneratedBy, activity))
    return activity


def union(dataset: Dataset) -> Graph:
    """Every triple of every named graph, as one graph."""
    merged = Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, replace=True)
    for graph in dataset.graphs():
        for triple in graph:
            merged.add(triple)
    return merged
