"""report.json: what a build made, per class and per article, what failed, and how long it took."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib.namespace import RDF, SDO

from newskg.model import ResolvedArticle
from newskg.rdf.namespaces import COARSE, NIF
from newskg.result import ArticleCounts, BuildResult
from newskg.version import __version__

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
_RDF_TYPE = str(RDF.type)
COUNTED = {
    **COARSE,
    "QuantitativeValue": SDO.QuantitativeValue,
    "MonetaryAmount": SDO.MonetaryAmount,
    "Quotation": SDO.Quotation,
    "NewsArticle": SDO.NewsArticle,
    "Mention": NIF.Phrase,
}


class ClassCounts:
    """How many nodes of each contract class a graph holds, counted over its statements given each once
    (see `newskg.rdf.serialise.write_union`)."""

    def __init__(self) -> None:
        self._names = {str(rdf_class): name for name, rdf_class in COUNTED.items()}
        self.counts = dict.fromkeys(COUNTED, 0)

    def __call__(self, quads: list[ox.Quad]) -> None:
        for quad in quads:
            if quad.predicate.value != _RDF_TYPE or not isinstance(quad.object, ox.NamedNode):
                continue
            if name := self._names.get(quad.object.value):
                self.counts[name] += 1


def article_counts(item: ResolvedArticle) -> ArticleCounts:
    """An article's entities, events, quantities, statements and roles."""
    extraction, whole = item.extraction, item.sectioned
    if whole is not None:
        counts = (whole.events, whole.quantities, whole.statements, whole.roles)
    else:
        events, statements, roles = extraction.events, extraction.statements, extraction.roles
        counts = (len(events), sum(len(e.quantities) for e in events), len(statements), len(roles))
    return ArticleCounts(extraction.article.source, len(item.entities), *counts)


def report_json(result: BuildResult, classes: dict[str, int], articles: dict[str, ArticleCounts]) -> str:
    """The report as sorted, indented JSON."""
    validation = result.validation
    report = {
        "newskg": __version__,
        "finished": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "articles_built": len(result.articles),
        "failures": [str(failure) for failure in result.failures],
        "failures_typed": [{"kind": failure.kind.value, "text": failure.text} for failure in result.failures],
        "warnings": [str(warning) for warning in result.warnings],
        "warnings_typed": [{"kind": warning.kind.value, "text": warning.text} for warning in result.warnings],
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
        "articles": {name: counts._asdict() for name, counts in articles.items()},
        "shacl": {
            "conforms": validation.conforms if validation else None,
            "violations": list(validation.violations) if validation else [],
        },
        "timings_seconds": {name: round(value, 3) for name, value in result.timings.items()},
        "files": sorted(OUTPUT_FILES),
    }
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
