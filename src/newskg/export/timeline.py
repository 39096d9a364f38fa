"""timeline.html: the dated events on a time axis, each linked to its node on the graph page.

Events are placed by their first date on one horizontal axis (spans drawn as bars),
and listed in date order with their type, actors, places, source sentence and article.
A link opens graph.html on the event's node; the article links to the sentence on
its web page when it has one. Every text is HTML-escaped.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO

from newskg.export.assets import stylesheet
from newskg.export.entity_network import event_types, labels, source, when
from newskg.limits import DEFAULT
from newskg.rdf.namespaces import NIF, SEM

_STYLE = stylesheet("timeline.css")


@dataclass(frozen=True)
class _Dated:
    begin: date
    end: date
    node: str


def render_timeline(graph: Graph, page: str = "graph.html", shown: int = DEFAULT.events_shown) -> str:
    """The timeline page of a graph's dated events (the `shown` latest, when there are more)."""
    counted = _Count()
    latest = heapq.nlargest(shown, counted(_dated(graph)), key=lambda e: (e.begin, e.end, e.node))
    events = sorted(latest, key=lambda e: (e.begin, e.end, e.node))
    rows = [(e, when(graph, URIRef(e.node)), _row(graph, URIRef(e.node))) for e in events]
    axis = _axis(rows)
    table = "".join(
        "<tr>"
        + f'<td><a href="{escape(page)}#node={quote(e.node, safe="")}">{escape(time)}</a></td>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row)
        + f"<td>{_article(*source(graph, URIRef(e.node)))}</td>"
        + "</tr>"
        for e, time, row in rows
    )
    note = (
        f"<p>The {len(events):,} latest of {counted.count:,} dated events; "
        "<code>newskg export</code> writes them all (events.csv).</p>\n"
        if counted.count > len(events)
        else ""
    )
    header = "".join(f"<th>{name}</th>" for name in ("when", "type", "event", "actors", "places", "source", "article"))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>newskg timeline</title>'
        f"<style>{_STYLE}</style></head><body>\n<h1>Timeline</h1>\n{note}{axis}\n"
        f"<table><tr>{header}</tr>{table}</table>\n</body></html>\n"
    )


class _Count:
    """Counts what passes through it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, items: Iterable[_Dated]) -> Iterator[_Dated]:
        for item in items:
            self.count += 1
            yield item


def _dated(graph: Graph) -> Iterator[_Dated]:
    for node in graph.subjects(RDF.type, SDO.Event, unique=True):
        point = graph.value(node, SEM.hasTimeStamp)
        begin = graph.value(node, SEM.hasBeginTimeStamp) or point
        end = graph.value(node, SEM.hasEndTimeStamp) or point or begin
        if begin is not None and isinstance(node, URIRef):
            yield _Dated(_first_day(str(begin)), _first_day(str(end)), str(node))


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _row(graph: Graph, node: URIRef) -> list[str]:
    sentences = [str(graph.value(s, NIF.anchorOf) or "") for s in graph.objects(node, PROV.wasDerivedFrom)]
    return [
        event_types(graph, node),
        str(graph.value(node, RDFS.label) or ""),
        labels(graph, graph.objects(node, SEM.hasActor)),
        labels(graph, graph.objects(node, SEM.hasPlace)),
        " ".join(sentences[:1]),
    ]


def _article(name: str, href: str) -> str:
    return f'<a href="{escape(href)}">{escape(name)}</a>' if href else escape(name)


def _axis(rows: list[tuple[_Dated, str, list[str]]]) -> str:
    """Marks on one line from the first to the last date, with a tick per year."""
    if not rows:
        return "<p>No dated events.</p>"
    first = min(e.begin for e, _, _ in rows).toordinal()
    last = max(e.end for e, _, _ in rows).toordinal()
    width = max(last - first, 1)

    def at(day: date) -> float:
        return round(100 * (day.toordinal() - first) / width, 2)

    marks = "".join(
        f'<div class="mark" title="{escape(time)} {escape(row[1])}" '
        f'style="left:{at(e.begin)}%;width:{max(at(e.end) - at(e.begin), 0.3)}%;bottom:{(i % 4) * 12}px"></div>'
        for i, (e, time, row) in enumerate(rows)
    )
    years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
    ticks = "".join(
        f'<div class="tick" style="left:{at(date(y, 1, 1)) if y > years[0] else 0}%">{y}</div>' for y in years
    )
    return f'<div id="axis">{marks}{ticks}</div>'
