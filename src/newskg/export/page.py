"""The interactive graph page: vis-network (the copy pyvis ships, inlined) with a details panel, filters and
search; it works from a file, with no request leaving it.

The page is templates/page.html with its script and style (templates/page.js,
page.css) and one JSON document of the nodes, edges and details. That document
is written with `<`, `>` and `&` escaped, so no text can close its script
element, and the script puts every text on the page as text (`textContent`),
never as markup. Nodes are laid out here (`layout`) and drawn still: the same
network gives the same picture, and the view a link asks for is not moved by a
simulation settling afterwards.
"""

from __future__ import annotations

import json
from importlib import resources
from string import Template
from typing import Any

import networkx as nx
from rdflib import Graph

from newskg.export.assets import asset
from newskg.export.details import Describer, Details
from newskg.export.entity_network import centrality
from newskg.export.layout import layout
from newskg.model import KINDS

COLOURS = dict(zip(KINDS, ("#e15759", "#4e79a7", "#59a14f", "#f28e2b"), strict=True))
_VIS = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": True, "multiselect": False},
    "nodes": {
        "shape": "dot",
        "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"min": 12, "max": 32, "label": {"enabled": True, "min": 10, "max": 28, "drawThreshold": 9,
                                                     "maxVisible": 20}},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"inherit": False, "color": "#9aa0a6", "highlight": "#333333"},
        "font": {"size": 10, "align": "middle", "color": "#555555"},
        "scaling": {"label": {"drawThreshold": 8}},
        "smooth": False,
    },
}  # fmt: skip


def render_page(network: nx.MultiDiGraph, graph: Graph | None = None, total: int | None = None) -> str:
    """The HTML of the page for a network from `entity_network.entity_network`, its details read from `graph`
    (without one, from the network's own attributes); `total` is the node count of the whole graph."""
    ranks = centrality(network)
    positions, alone = layout(network)
    describer = Describer(graph) if graph is not None else None
    nodes, details = [], {}
    for node, data in sorted(network.nodes(data=True)):
        detail = describer.describe(node, data["kind"]) if describer else _from_attributes(data)
        details[node] = detail | {"label": data["label"], "kind": data["kind"], "iri": data["iri"]}
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": _label(data, detail),
                "kind": data["kind"],
                "color": COLOURS.get(data["kind"], "#bab0ac"),
                "value": round(1 + 99 * ranks.get(node, 0.0) ** 0.5, 2),
                "x": x,
                "y": y,
                "alone": node in alone,
                "names": data.get("names", ""),
                "articles": detail.get("articles", []),
                "begin": detail.get("begin", ""),
                "end": detail.get("end", ""),
            }
        )
    edges = [
        {"from": source, "to": target, "label": data["label"], "title": data["label"]}
        for source, target, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))
    ]
    document = {
        "nodes": nodes,
        "edges": edges,
        "details": details,
        "articles": describer.articles if describer else [],
        "kinds": list(COLOURS.items()),
        "total": total if total is not None else len(nodes),
        "options": _OPTIONS,
    }
    return Template(asset("page.html")).substitute(
        vis_css=(_VIS / "vis-network.css").read_text(encoding="utf-8"),
        vis_js=(_VIS / "vis-network.min.js").read_text(encoding="utf-8"),
        page_css=asset("page.css"),
        page_js=asset("page.js"),
        data=_script_json(document),
    )


def _label(data: dict[str, str], detail: Details) -> str:
    """A node's label; an event's with its largest figure (unless the label says it already) and its date
    under it."""
    lines = [data["label"]]
    figures = detail.get("figures") or []
    if data["kind"] == "Event" and figures and figures[0] not in data["label"]:
        lines.append(figures[0])
    if data.get("when"):
        lines.append(data["when"])
    return "\n".join(lines)


def _from_attributes(data: dict[str, str]) -> Details:
    """Details from the network alone (no graph to read sentences from)."""
    return {
        "names": [name for name in data.get("names", "").split("; ") if name],
        "links": [link for link in data.get("links", "").split("; ") if link],
        "when": data.get("when", ""),
        "figures": [figure for figure in data.get("quantities", "").split("; ") if figure],
        "sources": data.get("sources", ""),
    }


def _script_json(document: dict[str, Any]) -> str:
    """JSON that cannot end the script element holding it, nor open a comment or markup in it."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
