"""report.json: what a build made, per class and per article, what failed, and how long it took."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF, SDO

from newskg import __version__
from newskg.model import ResolvedArticle
from newskg.rdf.namespaces import NIF

if TYPE_CHECKING:
    from newskg.pipeline import BuildResult

OUTPUT_FILES = (
    "graph.trig",
    "graph.ttl",
    "graph.jsonld",
    "graph.html",
    "graph.graphml",
    "report.json",
    "report.html",
    "timeline.html",
)
COUNTED = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Place": SDO.Place,
    "Event": SDO.Event,
    "QuantitativeValue": SDO.QuantitativeValue,
    "MonetaryAmount": SDO.MonetaryAmount,
    "Quotation": SDO.Quotation,
    "NewsArticle": SDO.NewsArticle,
    "Mention": NIF.Phrase,
}


def class_counts(graph: Graph) -> dict[str, int]:
    """How many nodes of each contract class the graph holds."""
    return {name: len(set(graph.subjects(RDF.type, rdf_class))) for name, rdf_class in COUNTED.items()}


def article_counts(resolved: list[ResolvedArticle]) -> dict[str, dict[str, int | str]]:
    """Per article: entities, events, quantities, statements, roles."""
    counts: dict[str, dict[str, int | str]] = {}
    for item in resolved:
        extraction = item.extraction
        counts[extraction.article.id] = {
            "source": extraction.article.source,
            "entities": len(item.entities),
            "events": len(extraction.events),
            "quantities": sum(len(e.quantities) for e in extraction.events),
            "statements": len(extraction.statements),
            "roles": len(extraction.roles),
        }
    return counts


def report_json(result: BuildResult, classes: dict[str, int], articles: dict) -> str:
    """The report as sorted, indented JSON."""
    validation = result.validation
    report = {
        "newskg": __version__,
        "finished": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "articles_built": len(result.articles),
        "failures": result.failures,
        "warnings": result.warnings,
        "merges": [
            {
                "entity": m.key,
                "label": m.label,
                "names": list(m.names),
                "why": list(m.reasons),
                "articles": list(m.articles),
            }
            for m in result.merges
        ],
        "ambiguous": result.ambiguous,
        "cached_articles": result.cached,
        "classes": classes,
        "articles": articles,
        "shacl": {
            "conforms": validation.conforms if validation else None,
            "violations": list(validation.violations) if validation else [],
        },
        "timings_seconds": {name: round(value, 3) for name, value in result.timings.items()},
        "files": sorted(OUTPUT_FILES),
    }
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
