"""CSV tables of a graph for spreadsheet users: entities, events, quantities, statements, mentions.

One row per fact, with the article and the character offsets it comes from. A cell that
a spreadsheet would read as a formula (=, +, -, @ first) is prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from rdflib import Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from newskg.export.entity_network import event_types, labels
from newskg.rdf.namespaces import COARSE, ITSRDF, NIF, NKG, SEM

HEADERS = {
    "entities.csv": ["iri", "class", "label", "other names", "same as"],
    "events.csv": ["iri", "type", "label", "when", "from", "to", "actors", "places", "negated", "modality", "said by",
                   "sentence"],
    "quantities.csv": ["iri", "value", "max", "unit", "unit code", "currency", "approximate", "qualifier", "event",
                       "event type", "actors", "places", "when", "from", "to", "said by", "as written"],
    "statements.csv": ["iri", "speaker", "text", "sentence"],
    "mentions.csv": ["article", "begin", "end", "text", "entity"],
}  # fmt: skip


def tables(graph: Graph) -> dict[str, str]:
    """Every table, as CSV text by file name."""
    rows = {
        "entities.csv": _entities(graph),
        "events.csv": _events(graph),
        "quantities.csv": _quantities(graph),
        "statements.csv": _statements(graph),
        "mentions.csv": _mentions(graph),
    }
    return {name: _csv(HEADERS[name], found) for name, found in rows.items()}


def _csv(header: list[str], rows: Iterator[list[str]]) -> str:
    """CSV text of the rows in a stable order (whole numbers compared as numbers), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in sorted(rows, key=_order))
    return buffer.getvalue()


def _order(row: list[str]) -> tuple[tuple[int, int, str], ...]:
    """Whole numbers first, by value (their length, then their digits: no int, which reads at most 4,300 digits
    and no "²"), then every other text."""
    return tuple(_whole(cell.lstrip("0")) if cell.isascii() and cell.isdigit() else (1, 0, cell) for cell in row)


def _whole(digits: str) -> tuple[int, int, str]:
    return 0, len(digits), digits


def spreadsheet_safe(cell: str) -> str:
    """No cell may start a spreadsheet formula (=, +, -, @ first): such a text gets a leading quote; numbers stay."""
    if cell[:1] in ("=", "+", "-", "@"):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def _text(graph: Graph, node: Node | None, predicate: Node) -> str:
    value = graph.value(node, predicate) if node is not None else None
    return "" if value is None else str(value)


def _entities(graph: Graph) -> Iterator[list[str]]:
    for name, rdf_class in COARSE.items():
        for node in set(graph.subjects(RDF.type, rdf_class)):
            if name == "Event" and graph.value(node, NKG.trigger) is not None:
                continue
            yield [
                str(node),
                name,
                _text(graph, node, RDFS.label),
                "; ".join(sorted(str(n) for n in graph.objects(node, SKOS.altLabel))),
                "; ".join(sorted(str(n) for n in graph.objects(node, OWL.sameAs))),
            ]


def _when(graph: Graph, node: Node) -> list[str]:
    return [
        _text(graph, node, SEM.hasTimeStamp),
        _text(graph, node, SEM.hasBeginTimeStamp),
        _text(graph, node, SEM.hasEndTimeStamp),
    ]


def _sentence(graph: Graph, node: Node) -> str:
    return "; ".join(sorted(_text(graph, s, NIF.anchorOf) for s in graph.objects(node, PROV.wasDerivedFrom)))


def _events(graph: Graph) -> Iterator[list[str]]:
    for node in set(graph.subjects(NKG.trigger, None)):
        yield [
            str(node),
            event_types(graph, node),
            _text(graph, node, RDFS.label),
            *_when(graph, node),
            labels(graph, graph.objects(node, SEM.hasActor)),
            labels(graph, graph.objects(node, SEM.hasPlace)),
            _text(graph, node, NKG.negated),
            _text(graph, node, NKG.modality),
            labels(graph, graph.objects(node, PROV.wasAttributedTo)),
            _sentence(graph, node),
        ]


def _quantities(graph: Graph) -> Iterator[list[str]]:
    for event, node in graph.subject_objects(NKG.quantity):
        values = sorted((str(v) for v in graph.objects(node, SDO.value)), key=float)
        yield [
            str(node),
            values[0] if values else "",
            values[-1] if len(values) > 1 else "",
            _text(graph, node, SDO.unitText),
            _text(graph, node, SDO.unitCode),
            _text(graph, node, SDO.currency),
            _text(graph, node, NKG.approximate),
            _text(graph, node, NKG.qualifier),
            _text(graph, event, RDFS.label),
            event_types(graph, event),
            labels(graph, graph.objects(event, SEM.hasActor)),
            labels(graph, graph.objects(event, SEM.hasPlace)),
            *_when(graph, event),
            labels(graph, graph.objects(node, PROV.wasAttributedTo)),
            _text(graph, node, RDFS.label),
        ]


def _statements(graph: Graph) -> Iterator[list[str]]:
    for node in set(graph.subjects(RDF.type, SDO.Quotation)):
        yield [
            str(node),
            labels(graph, graph.objects(node, SDO.creator)),
            _text(graph, node, SDO.text),
            _sentence(graph, node),
        ]


def _mentions(graph: Graph) -> Iterator[list[str]]:
    articles = {
        str(text): str(graph.value(article, SDO.identifier)) for article, text in graph.subject_objects(SDO.text)
    }
    for phrase, entity in graph.subject_objects(ITSRDF.taIdentRef):
        context = str(graph.value(phrase, NIF.referenceContext))
        yield [
            articles.get(context, context),
            _text(graph, phrase, NIF.beginIndex),
            _text(graph, phrase, NIF.endIndex),
            _text(graph, phrase, NIF.anchorOf),
            str(entity),
        ]
