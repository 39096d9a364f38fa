"""report.html: the build report as one page that opens without a server.

What was built, the most connected entities, every figure with its event, actors,
places and period, the conflicting figures, the SHACL result, and each input's
status. Every text is HTML-escaped.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from html import escape
from urllib.parse import quote

from rdflib import Graph
from rdflib.namespace import PROV, RDFS, SDO
from rdflib.term import Node

from newskg.export.assets import stylesheet
from newskg.export.entity_network import event_types, labels, node_kind, source, when
from newskg.export.network_sparql import Ranked
from newskg.limits import DEFAULT
from newskg.rdf.namespaces import NKG, SEM
from newskg.result import BuildResult, WarningKind

Cell = str | tuple[str, str]  # a text, or a text and the address it links to ("" for none)

_STYLE = stylesheet("report.css")


def render_report(
    result: BuildResult,
    graph: Graph,
    central: list[Ranked],
    classes: dict[str, int],
    shown: int = DEFAULT.figures_shown,
) -> str:
    """The report page of a build from its union `graph` and its most `central` entities (`network_sparql.rank`),
    with its first `shown` figures."""
    figures, count = _figures(graph, shown)
    more = (
        f"<p>The first {len(figures):,} of {count:,} figures; <code>newskg export</code> writes them all "
        "(quantities.csv).</p>"
        if count > len(figures)
        else ""
    )
    sections = [
        "<h1>newskg build report</h1>",
        _table(["class", "nodes"], [[name, str(count)] for name, count in classes.items()]),
        "<h2>Most connected entities</h2>",
        _table(["entity", "class", "degree centrality"], _top_entities(graph, central)),
        "<h2>Figures</h2>",
        more
        + _table(
            ["value", "of", "event type", "actors", "places", "period", "said by", "as written", "article"], figures
        ),
        "<h2>Conflicting figures</h2>",
        _list([str(w) for w in result.warnings if w.kind is WarningKind.CONFLICT]) or "<p>None found.</p>",
        "<h2>Entities joined under several names</h2>",
        _table(
            ["entity", "names", "why", "articles"],
            [[m.label, "; ".join(m.names), "; ".join(m.reasons), ", ".join(m.articles)] for m in result.merges],
        )
        if result.merges
        else "<p>None.</p>",
        "<h2>Names left unlinked or apart</h2>",
        _list(result.ambiguous) or "<p>None.</p>",
        "<h2>SHACL</h2>",
        _shacl(result),
        "<h2>Inputs</h2>",
        _table(["article", "status"], [[article, "built"] for article in result.articles])
        + _list([str(f) for f in result.failures], "bad")
        + _list([str(w) for w in result.warnings if w.kind is not WarningKind.CONFLICT]),
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>newskg build report</title>'
        f"<style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def _table(header: list[str], rows: Sequence[Sequence[Cell]]) -> str:
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return escape(cell)
    text, href = cell
    return f'<a href="{escape(href)}">{escape(text)}</a>' if href else escape(text)


def _list(items: list[str], css: str = "") -> str:
    if not items:
        return ""
    return f'<ul class="{css}">' + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _shacl(result: BuildResult) -> str:
    validation = result.validation
    if validation is None:
        return "<p>Not run.</p>"
    if validation.conforms:
        return '<p class="ok">The graph conforms to the shapes.</p>'
    return '<p class="bad">The graph does not conform:</p>' + _list(list(validation.violations), "bad")


def _top_entities(graph: Graph, central: list[Ranked], count: int = 15) -> list[list[str]]:
    return [
        [str(graph.value(r.node, RDFS.label) or r.node), node_kind(graph, r.node) or "", f"{r.centrality:.3f}"]
        for r in central[:count]
    ]


def _figures(graph: Graph, shown: int) -> tuple[list[list[Cell]], int]:
    """The first `shown` figures in order (by event type, unit and value), and how many there are; only
    those shown are looked up in full."""
    found = [0]

    def keys() -> Iterator[tuple[tuple[str, str, str], Node, Node]]:
        for event, quantity in graph.subject_objects(NKG.quantity):
            found[0] += 1
            values = sorted(graph.objects(quantity, SDO.value), key=lambda v: float(str(v)))
            unit = graph.value(quantity, SDO.unitText) or graph.value(quantity, SDO.currency) or ""
            yield (event_types(graph, event), str(unit), " – ".join(map(str, values))), event, quantity

    first = heapq.nsmallest(shown, keys(), key=lambda item: item[0])
    return [_figure(graph, key, event, quantity) for key, event, quantity in first], found[0]


def _figure(graph: Graph, key: tuple[str, str, str], event: Node, quantity: Node) -> list[Cell]:
    """A figure's row: the text as written links to its event on the graph page (whose panel shows the sentence),
    the article to the sentence on the article's web page when it has one."""
    kind, unit, value = key
    return [
        value,
        unit,
        kind,
        labels(graph, graph.objects(event, SEM.hasActor)),
        labels(graph, graph.objects(event, SEM.hasPlace)),
        when(graph, event),
        labels(graph, graph.objects(quantity, PROV.wasAttributedTo)),
        (str(graph.value(quantity, RDFS.label) or ""), f"graph.html#node={quote(str(event), safe='')}"),
        source(graph, quantity),
    ]
