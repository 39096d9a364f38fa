"""A graph's entity network as networkx: people, organizations, places and events, and how they connect.

Quantities and dates are kept as details of their events rather than as nodes,
so the network stays readable; every node keeps its IRI. `CLASSES` and `LINKS` define the network once:
its SPARQL (`network_sparql`, for graphs too large to hold) is filled in from them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from newskg.rdf.namespaces import COARSE, NIF, NKG, SEM


class Link(NamedTuple):
    """A kind of edge: `label`, from each subject of `predicate` to its object, or from the object to the
    subject when `backwards` (a quotation's creator said it)."""

    label: str
    predicate: URIRef
    backwards: bool = False


CLASSES = tuple(COARSE.items())
LINKS = (
    Link("actor", SEM.hasActor),
    Link("place", SEM.hasPlace),
    Link("affiliation", SDO.affiliation),
    Link("said", SDO.creator, backwards=True),
)


def entity_network(graph: Graph) -> nx.MultiDiGraph:
    """Nodes for every entity and event (CLASSES); edges for actors, places, affiliations and who said what
    (LINKS)."""
    network = nx.MultiDiGraph()
    for name, rdf_class in CLASSES:
        for node in sorted(set(graph.subjects(RDF.type, rdf_class)), key=str):
            if isinstance(node, URIRef) and node not in network:
                network.add_node(str(node), **attributes(graph, node, name))
    for label, predicate, backwards in LINKS:
        for subject, obj in sorted(graph.subject_objects(predicate), key=lambda pair: (str(pair[0]), str(pair[1]))):
            if backwards:
                subject, obj = obj, subject
            if str(subject) in network and str(obj) in network:
                network.add_edge(str(subject), str(obj), key=label, label=label)
    return network


def network_of(graph: Graph, nodes: Iterable[URIRef]) -> nx.MultiDiGraph:
    """Some nodes of the entity network, with the attributes and the edges among them that
    `entity_network` gives them (in the same order), without making the whole network."""
    kinds = {node: kind for node in nodes if (kind := node_kind(graph, node))}
    order = [name for name, _ in CLASSES]
    network = nx.MultiDiGraph()
    for node in sorted(kinds, key=lambda node: (order.index(kinds[node]), str(node))):
        network.add_node(str(node), **attributes(graph, node, kinds[node]))
    for label, predicate, backwards in LINKS:
        if backwards:
            pairs = [(str(s), str(o)) for o in kinds for s in graph.subjects(predicate, o)]
        else:
            pairs = [(str(s), str(o)) for s in kinds for o in graph.objects(s, predicate)]
        for subject, obj in sorted(pairs):
            if backwards:
                subject, obj = obj, subject
            if subject in network and obj in network:
                network.add_edge(subject, obj, key=label, label=label)
    return network


def node_kind(graph: Graph, node: URIRef) -> str | None:
    """The network's name for a node's class (the first of CLASSES it has), or None if it is no node."""
    return next((name for name, rdf_class in CLASSES if (node, RDF.type, rdf_class) in graph), None)


def attributes(graph: Graph, node: URIRef, kind: str) -> dict[str, str]:
    """What the network says of a node: its label, kind, IRI, names, links and sources (and for an event,
    its time and quantities)."""
    label = graph.value(node, RDFS.label)
    names = sorted(str(n) for n in graph.objects(node, SKOS.altLabel))
    attributes = {
        "label": str(label) if label is not None else str(node),
        "kind": kind,
        "iri": str(node),
        "names": "; ".join(names),
        "links": "; ".join(sorted(str(link) for link in graph.objects(node, OWL.sameAs))),
        "sources": _sources(graph, node),
    }
    if kind == "Event":
        attributes["when"] = when(graph, node)
        attributes["quantities"] = "; ".join(sorted(_quantities(graph, node)))
    return attributes


def _sources(graph: Graph, node: URIRef) -> str:
    """Where the node comes from: its sentence for an event, the articles that mention an entity."""
    sentences = [str(graph.value(s, NIF.anchorOf) or "") for s in graph.objects(node, PROV.wasDerivedFrom)]
    articles = sorted(_article_line(graph, a) for a in graph.subjects(SDO.mentions, node))
    if not articles:
        context = next((graph.value(s, NIF.referenceContext) for s in graph.objects(node, PROV.wasDerivedFrom)), None)
        articles = sorted(_article_line(graph, a) for a in graph.subjects(SDO.text, context)) if context else []
    return " | ".join(sentences[:2] + articles[:5])


def _article_line(graph: Graph, article: Node) -> str:
    title = graph.value(article, SDO.headline) or graph.value(article, SDO.identifier) or article
    published = graph.value(article, SDO.datePublished)
    return f"{title} ({published})" if published else str(title)


def source(graph: Graph, fact: Node) -> tuple[str, str]:
    """The article a fact comes from (its title, else its identifier), and a link to the fact's sentence on the
    article's web page (a text fragment of its first words) when the article has a web address, else ""."""
    sentence = min(graph.objects(fact, PROV.wasDerivedFrom), key=str, default=None)
    context = graph.value(sentence, NIF.referenceContext) if sentence is not None else None
    article = graph.value(predicate=SDO.text, object=context) if context is not None else None
    if article is None:
        return "", ""
    name = str(graph.value(article, SDO.headline) or graph.value(article, SDO.identifier) or article)
    url = str(graph.value(article, SDO.url) or "")
    if not url.startswith(("https://", "http://")):
        return name, ""
    words = " ".join(str(graph.value(sentence, NIF.anchorOf) or "").split()[:8])
    return name, f"{url}#:~:text={quote(words, safe='').replace('-', '%2D')}" if words else url


def labels(graph: Graph, nodes: Iterable[Node]) -> str:
    """The labels of some nodes, sorted and joined (a node without one by its IRI)."""
    return ", ".join(sorted(str(graph.value(node, RDFS.label) or node) for node in nodes))


def event_types(graph: Graph, event: Node) -> str:
    """An event's classes from the ontology ("Clearance"), joined."""
    prefix = str(NKG)
    return ", ".join(
        sorted(str(k).removeprefix(prefix) for k in graph.objects(event, RDF.type) if str(k).startswith(prefix))
    )


def when(graph: Graph, node: Node) -> str:
    """An event's time as written for people: a date, or "begin – end" with "…" for an open end."""
    point = graph.value(node, SEM.hasTimeStamp)
    begin = graph.value(node, SEM.hasBeginTimeStamp)
    end = graph.value(node, SEM.hasEndTimeStamp)
    if point is not None:
        return str(point)
    if begin is not None or end is not None:
        return f"{begin or '…'} – {end or '…'}"
    return ""


def _quantities(graph: Graph, node: URIRef) -> list[str]:
    return [str(graph.value(q, RDFS.label) or q) for q in graph.objects(node, NKG.quantity)]


def centrality(network: nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality of each node over the undirected network of distinct neighbours."""
    if network.number_of_nodes() < 2:
        return dict.fromkeys(network.nodes, 0.0)
    return nx.degree_centrality(nx.Graph(network.to_undirected()))


def named(network: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes `name` names: by IRI; else by label or another name, compared loosely (case, accents and
    punctuation aside); else those with a name holding every word of `name` as the start of one of its words."""
    if name.strip() in network:
        return [name.strip()]
    wanted = folded(name)
    names = {node: [folded(n) for n in [data["label"], *data.get("names", "").split(";")] if n.strip()]
             for node, data in network.nodes(data=True)}  # fmt: skip
    exact = sorted(node for node, folds in names.items() if wanted in folds)
    if exact or not wanted:
        return exact
    words = wanted.split()
    return sorted(
        node
        for node, folds in names.items()
        if any(all(any(w.startswith(part) for w in fold.split()) for part in words) for fold in folds)
    )


def closest_names(network: nx.MultiDiGraph, name: str, count: int = 3) -> list[str]:
    """The names in the network most like `name` (difflib), for saying what a missed name may have meant."""
    every: dict[str, str] = {}
    for _, data in sorted(network.nodes(data=True)):
        for one in [data["label"], *data.get("names", "").split(";")]:
            if one.strip():
                every.setdefault(folded(one), one.strip())
    return [every[match] for match in difflib.get_close_matches(folded(name), list(every), n=count, cutoff=0.6)]


def folded(text: str) -> str:
    """A name as compared loosely: accents dropped, case folded, punctuation made space, spaces collapsed."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def neighbourhood(network: nx.MultiDiGraph, centres: list[str], depth: int) -> nx.MultiDiGraph:
    """The nodes within `depth` steps of any of the `centres` (all nodes of one name), either way along the edges."""
    undirected = network.to_undirected(as_view=True)
    near = {node for centre in centres for node in nx.single_source_shortest_path_length(undirected, centre, depth)}
    return network.subgraph(near).copy()


def most_central(network: nx.MultiDiGraph, count: int) -> nx.MultiDiGraph:
    """The `count` nodes of highest degree centrality (ties by label)."""
    ranks = centrality(network)
    best = sorted(network.nodes, key=lambda node: (-ranks.get(node, 0.0), network.nodes[node]["label"]))[:count]
    return network.subgraph(best).copy()
