"""How many of a corpus's places the offline gazetteer links to GeoNames, as a Markdown table.

    python benchmarks/geonames_coverage.py PATH [PATH ...]

Builds the articles (nothing written) and lists every place node: linked (its
GeoNames id), ambiguous (several candidates, left unlinked) or not found.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newskg.knowledge.gazetteer import candidates_for
from newskg.model import Entity
from newskg.pipeline.run import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = build(arguments.paths, folder, write=False, use_cache=False)
    assert result.dataset is not None
    places = _places(result.dataset)
    print("| place | articles | GeoNames |\n| --- | --- | --- |")
    counts = {"linked": 0, "ambiguous": 0, "not found": 0}
    for label, (entity, articles) in sorted(places.items()):
        status = _status(entity)
        counts[status.split(" ")[0] if not status.startswith("not") else "not found"] += 1
        print(f"| {label} | {', '.join(sorted(articles))} | {status} |")
    print(f"\n{len(places)} places: " + ", ".join(f"{count} {name}" for name, count in counts.items()))


def _places(dataset: object) -> dict[str, tuple[Entity, set[str]]]:
    from rdflib import Dataset
    from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

    assert isinstance(dataset, Dataset)
    found: dict[str, tuple[Entity, set[str]]] = {}
    for graph in dataset.graphs():
        article = str(graph.identifier).rsplit("/", 1)[-1]
        for node in set(graph.subjects(RDF.type, SDO.Place)):
            label = str(graph.value(node, RDFS.label))
            names = tuple(str(n) for n in graph.objects(node, SKOS.altLabel))
            links = tuple(str(o) for o in graph.objects(node, OWL.sameAs))
            _, articles = found.setdefault(label, (Entity(str(node), "Place", label, names, same_as=links), set()))
            articles.add(article)
    return found


def _status(entity: Entity) -> str:
    geonames = [link for link in entity.same_as if "geonames.org" in link]
    if geonames:
        return f"linked ({geonames[0].rstrip('/').rsplit('/', 1)[1]})"
    options = len(candidates_for(entity.label))
    return f"ambiguous ({options} candidates)" if options > 1 else "not found"


if __name__ == "__main__":
    main()
