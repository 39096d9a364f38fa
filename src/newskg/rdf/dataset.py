"""A build's RDF dataset: one named graph per article, and one for the build's provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from newskg.model import ResolvedArticle
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import NKG, PREFIXES
from newskg.rdf.quads import QuadSink, rdflib_graph
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


def article_quads(iris: Iris, resolved: ResolvedArticle, activity: URIRef) -> list[ox.Quad]:
    """One article's named graph as Oxigraph quads, each statement once, as a build makes and writes them: a
    graph's terms made in rdflib cost the build more than its own logic, and its files are written by Oxigraph."""
    sink = QuadSink(str(iris.graph(resolved.extraction.article.id)))
    ArticleWriter(sink, iris, resolved).write(activity)
    return sink.quads


def article_graph(iris: Iris, resolved: ResolvedArticle, activity: URIRef) -> Graph:
    """One article's named graph as an rdflib Graph, on its own."""
    name = str(iris.graph(resolved.extraction.article.id))
    return rdflib_graph(article_quads(iris, resolved, activity), name)


def add_article(dataset: Dataset, iris: Iris, resolved: ResolvedArticle, activity: URIRef) -> URIRef:
    """Write one article into its own named graph of `dataset`; return the graph's IRI."""
    made = article_graph(iris, resolved, activity)
    target = dataset.graph(made.identifier)
    for triple in made:
        target.add(triple)
    return URIRef(str(made.identifier))


def activity_graph(iris: Iris, info: BuildInfo) -> Graph:
    """The build's prov:Activity, described."""
    activity = iris.activity(info.digest)
    graph = Graph(identifier=iris.provenance_graph())
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"newskg {info.tool_version} build")))
    graph.add((activity, PROV.startedAtTime, Literal(info.started.isoformat(), datatype=XSD.dateTime)))
    graph.add((activity, NKG.toolVersion, Literal(info.tool_version)))
    graph.add((activity, NKG.model, Literal(info.model)))
    return graph


def union(dataset: Dataset) -> Graph:
    """Every triple of every named graph, as one graph."""
    merged = Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, replace=True)
    for graph in dataset.graphs():
        for triple in graph:
            merged.add(triple)
    return merged
