"""Merging graphs: newskg builds and any other RDF datasets, into one dataset.

Every input is read before anything is written; one that cannot be read stops
the merge with its file and line named. Named graphs are kept; a file of plain
triples goes to the default graph. `owl:sameAs` clusters are smushed to one IRI
(newskg's node when the cluster has one, else the smallest IRI), with a link
kept to each other IRI newskg did not mint. newskg's entities are then joined
across the inputs exactly as a build joins them across articles (corpus.unify),
and every graph's description of them rewritten, so two builds over the two
halves of a corpus merge into what one build over the whole gives. A dataset
is a set: duplicate statements fall away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from networkx.utils import UnionFind
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from newskg.model import KINDS, Entity
from newskg.rdf.dataset import new_dataset
from newskg.rdf.iris import Iris
from newskg.rdf.namespaces import COARSE, ITSRDF, NIF, SEM
from newskg.rdf.read import read_into
from newskg.rdf.store import named_graphs, open_store, store_path
from newskg.rdf.triples import describe_entity
from newskg.resolve.article import fullest_label, normalise_name, qualifies
from newskg.resolve.corpus import Merge, entity_in_article, unify

_ENTITY_IRI = re.compile(r"^(?P<base>.+[/#])(?P<key>(?:person|organization|place|event)/[^/#?]+)$")
_DESCRIPTION = (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, SDO.geo, SDO.location)
_KIND_OF = {value: key for key, value in COARSE.items()}


@dataclass
class Merged:
    """The merged dataset, and what was joined or left unsure on the way."""

    dataset: Dataset
    merges: list[Merge] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    smushed: int = 0


def merge(paths: Sequence[str | Path]) -> Merged:
    """Read every input (a build folder means its graph.trig) and merge them; UsageError for a bad input."""
    dataset = new_dataset()
    for path in paths:
        folder = store_path(path)
        if folder is not None:
            dataset.parse(data=named_graphs(open_store(folder)).decode("utf-8"), format="nquads")
            continue
        path = Path(path)
        read_into(dataset, path / "graph.trig" if path.is_dir() else path)
    nodes = _entity_nodes(dataset)
    merged = Merged(dataset, smushed=_smush(dataset, nodes))
    _join_entities(merged, nodes)
    return merged


def _entity_nodes(dataset: Dataset) -> set[URIRef]:
    """newskg's entity nodes: what mentions point to, with an IRI of newskg's shape."""
    found = set(dataset.objects(None, ITSRDF.taIdentRef)) | set(dataset.objects(None, SDO.mentions))
    return {node for node in found if isinstance(node, URIRef) and _ENTITY_IRI.match(str(node))}


def _smush(dataset: Dataset, nodes: set[URIRef]) -> int:
    """Each owl:sameAs cluster to one IRI; return how many IRIs with statements of their own were replaced."""
    links = [(s, o) for s, o in dataset.subject_objects(OWL.sameAs) if isinstance(s, URIRef) and isinstance(o, URIRef)]
    union = UnionFind()
    for subject, obj in links:
        union.union(subject, obj)
    canonical: dict[Node, URIRef] = {}
    for members in union.to_sets():
        ours = sorted(m for m in members if m in nodes)
        chosen = ours[0] if ours else min(members)
        canonical.update((member, chosen) for member in members if member != chosen)
    described = {member for member in canonical if (member, None, None) in dataset}
    if canonical:
        _rewrite(dataset, canonical, nodes)
    nodes.difference_update(canonical)
    return len(described)


def _rewrite(dataset: Dataset, canonical: dict[Node, URIRef], nodes: set[URIRef]) -> None:
    """Replace IRIs in every graph, keeping a sameAs link from the chosen IRI to each foreign one replaced.

    A foreign node's label becomes another name (skos:altLabel) of the newskg node it
    joins, which keeps its one label.
    """
    for graph in list(dataset.graphs()):
        changed = [(s, p, o) for s, p, o in graph if s in canonical or o in canonical]
        for s, p, o in changed:
            graph.remove((s, p, o))
            foreign_name = p == RDFS.label and s not in nodes and canonical.get(s) in nodes
            new = (canonical.get(s, s), SKOS.altLabel if foreign_name else p, canonical.get(o, o))
            if p == OWL.sameAs:
                for old in (s, o):
                    if old in canonical and old not in nodes:
                        graph.add((canonical[old], OWL.sameAs, old))
            if not (p == OWL.sameAs and new[0] == new[2]):
                graph.add(new)


def _join_entities(merged: Merged, nodes: set[URIRef]) -> None:
    """newskg's entities joined across the inputs, each graph's description of them rewritten."""
    graphs = sorted(merged.dataset.graphs(), key=_name)
    parts = [{node: _entity(graph, node, nodes) for node in sorted(_labelled(graph) & nodes)} for graph in graphs]
    unified = unify(
        [(_name(graph), [e for e in found.values() if e]) for graph, found in zip(graphs, parts, strict=True)]
    )
    merged.merges, merged.ambiguous = unified.merges, unified.ambiguous
    bases = _bases(unified.key_of.items())
    for index, (graph, found) in enumerate(zip(graphs, parts, strict=True)):
        keys = {str(node): unified.key_of[(index, str(node))] for node, entity in found.items() if entity}
        _describe_again(graph, {URIRef(node): URIRef(bases[key] + key) for node, key in keys.items()})
        by_key: dict[str, list[Entity]] = {}
        for entity in filter(None, found.values()):
            by_key.setdefault(keys[entity.key], []).append(entity)
        for key, same in sorted(by_key.items()):
            describe_entity(graph, Iris(bases[key]), entity_in_article(unified.entities[key], same, keys))


def _name(graph: Graph) -> str:
    return str(graph.identifier)


def _labelled(graph: Graph) -> set[URIRef]:
    """The IRIs a graph gives a label."""
    return {node for node in graph.subjects(RDFS.label) if isinstance(node, URIRef)}


def _bases(pairs: Iterable[tuple[tuple[int, str], str]]) -> dict[str, str]:
    """Each corpus entity's base IRI: that of the smallest IRI it was known by."""
    bases: dict[str, str] = {}
    for (_, iri), key in sorted(pairs, key=lambda pair: pair[0][1]):
        found = _ENTITY_IRI.match(iri)
        bases.setdefault(key, found.group("base") if found else "")
    return bases


def _entity(graph: Graph, node: URIRef, nodes: set[URIRef]) -> Entity | None:
    """An entity as one graph describes it, named by its IRI: its names are the graph's other names for it,
    and its label when a mention in the graph reads so, when it is one of them qualified by a possessive
    ("Chile's Demining Office"), or when it has no other name."""
    types = set(graph.objects(node, RDF.type))
    kinds = [kind for kind in KINDS if COARSE[kind] in types]
    if not kinds:
        return None
    labels = {str(label) for label in graph.objects(node, RDFS.label)}
    names = {str(name) for name in graph.objects(node, SKOS.altLabel)}
    anchors = {normalise_name(str(graph.value(p, NIF.anchorOf))) for p in graph.subjects(ITSRDF.taIdentRef, node)}
    names |= {
        label
        for label in labels
        if normalise_name(label) in anchors or not names or len(labels) > 1 or qualifies(label, names)
    }
    label = fullest_label(sorted(names))
    fine = sorted(str(t).removeprefix(str(SDO)) for t in types if t not in _KIND_OF and t != SEM.Event)
    return Entity(
        key=str(node),
        kind=kinds[0],
        label=label,
        alt_labels=tuple(sorted(names - {label})),
        subtypes=tuple(fine),
        same_as=tuple(sorted(str(o) for o in graph.objects(node, OWL.sameAs) if o not in nodes)),
        geo=_geo(graph, node),
        located_in=tuple(sorted(str(o) for o in graph.objects(node, SDO.location) if o in nodes)),
    )


def _geo(graph: Graph, node: URIRef) -> tuple[float, float] | None:
    spot = graph.value(node, SDO.geo)
    latitude, longitude = graph.value(spot, SDO.latitude), graph.value(spot, SDO.longitude)
    if isinstance(latitude, Literal) and isinstance(longitude, Literal):
        return float(Decimal(str(latitude))), float(Decimal(str(longitude)))
    return None


def _describe_again(graph: Graph, iri_of: dict[URIRef, URIRef]) -> None:
    """Drop a graph's own descriptions of newskg's entities and point every statement at the joined entities."""
    for node in [n for n in _labelled(graph) if n in iri_of]:
        for spot in list(graph.objects(node, SDO.geo)):
            graph.remove((spot, None, None))
        for p in _DESCRIPTION:
            graph.remove((node, p, None))
    rename: dict[Node, Node] = {old: new for old, new in iri_of.items()}
    changed = [(s, p, o) for s, p, o in graph if s in rename or o in rename]
    for subject, predicate, obj in changed:
        graph.remove((subject, predicate, obj))
        graph.add((rename.get(subject, subject), predicate, rename.get(obj, obj)))
