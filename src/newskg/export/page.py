"""The interactive graph page (pyvis): works from a file, with no request leaving it.

vis-network is inlined by pyvis; the Bootstrap links its template adds are
removed, so the page needs no network. Node data reaches the page through
Jinja's `tojson`, which escapes `<`, `>` and `&`, and vis-network shows titles
as plain text; the page heading, which pyvis does not escape, is never given
text from an article.
"""

from __future__ import annotations

import html
import re

import networkx as nx
from pyvis.network import Network

from newskg.analyse import centrality

COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f", "Event": "#f28e2b"}
STATIC_FROM = 300
_REMOTE = re.compile(r"<link[^>]*https?://[^>]*>|<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.DOTALL)
_OPTIONS = """{
  "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": true, "iterations": 300},
              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
  "interaction": {"hover": true, "navigationButtons": false, "tooltipDelay": 120},
  "edges": {"arrows": {"to": {"enabled": true, "scaleFactor": 0.5}}, "font": {"size": 10, "align": "middle"},
            "color": {"inherit": false, "color": "#9aa0a6"}, "smooth": false},
  "nodes": {"shape": "dot", "font": {"size": 14}}
}"""


_TOOLBAR_SCRIPT = """
<script>
(function () {
  function byName(query) {
    query = query.trim().toLowerCase();
    if (!query) { return []; }
    return network.body.data.nodes.get({filter: function (node) {
      return (node.label + "\\n" + (node.names || "")).toLowerCase().indexOf(query) >= 0;
    }});
  }
  document.getElementById("newskg-search").addEventListener("input", function (event) {
    var found = byName(event.target.value);
    network.selectNodes(found.map(function (node) { return node.id; }));
    document.getElementById("newskg-found").textContent = event.target.value ? found.length + " found" : "";
    if (found.length) { network.focus(found[0].id, {scale: 1.2, animation: false}); }
  });
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      var kind = box.getAttribute("data-kind");
      network.body.data.nodes.update(network.body.data.nodes.get({filter: function (node) {
        return node.kind === kind;
      }}).map(function (node) { return {id: node.id, hidden: !box.checked}; }));
    });
  });
  var wanted = decodeURIComponent((window.location.hash.match(/^#node=(.*)$/) || [])[1] || "");
  if (wanted && network.body.data.nodes.get(wanted)) {
    network.selectNodes([wanted]);
    network.focus(wanted, {scale: 1.5, animation: false});
  }
  function settle() {
    network.setOptions({physics: {enabled: false}});
    document.body.setAttribute("data-settled", "true");
  }
  if (!network.physics.physicsEnabled || network.physics.stabilized) {
    settle();
  } else {
    network.once("stabilizationIterationsDone", settle);
  }
})();
</script>
"""


_STATIC_OPTIONS = """{
  "physics": {"enabled": false},
  "interaction": {"hover": true, "tooltipDelay": 120, "hideEdgesOnDrag": true},
  "edges": {"arrows": {"to": {"enabled": true, "scaleFactor": 0.5}}, "color": {"inherit": false, "color": "#9aa0a6"},
            "smooth": false},
  "nodes": {"shape": "dot", "font": {"size": 14}}
}"""


def render_page(network: nx.MultiDiGraph) -> str:
    """The HTML of the page for a network from `analyse.entity_network`.

    Up to STATIC_FROM nodes the layout is simulated in the browser until it settles; a
    larger network is laid out here (networkx, seeded) and drawn still, since a simulation
    of a thousand nodes does not settle in useful time.
    """
    page = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    ranks = centrality(network)
    positions = _layout(network) if network.number_of_nodes() >= STATIC_FROM else {}
    for node, data in sorted(network.nodes(data=True)):
        place = {"x": positions[node][0], "y": positions[node][1], "physics": False} if positions else {}
        page.add_node(
            node,
            label=f"{data['label']}\n{data['when']}" if data.get("when") else data["label"],
            title=_tooltip(data),
            color=COLOURS.get(data["kind"], "#bab0ac"),
            size=10 + 60 * ranks.get(node, 0.0) ** 0.5,
            kind=data["kind"],
            names=data.get("names", ""),
            **place,
        )
    for source, target, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        page.add_edge(source, target, label=data["label"], title=data["label"])
    page.set_options(_STATIC_OPTIONS if positions else _OPTIONS)
    document = page.generate_html(notebook=False)
    return _with_toolbar(_REMOTE.sub("", document))


def _layout(network: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions from a seeded ForceAtlas2 layout, scaled to the page (the same graph, the same picture)."""
    simple = nx.Graph(network.to_undirected())
    spread = 40.0 * network.number_of_nodes() ** 0.5
    layout = nx.forceatlas2_layout(simple, seed=0, max_iter=100)
    return {node: (round(float(x) * spread, 1), round(float(y) * spread, 1)) for node, (x, y) in layout.items()}


def _tooltip(data: dict[str, str]) -> str:
    """Plain text (vis-network shows a string title as text, never as HTML)."""
    lines = [f"{data['label']} ({data['kind']})"]
    if data.get("names"):
        lines.append(f"also: {data['names']}")
    if data.get("when"):
        lines.append(f"when: {data['when']}")
    if data.get("quantities"):
        lines.append(f"figures: {data['quantities']}")
    if data.get("links"):
        lines.append(f"same as: {data['links']}")
    if data.get("sources"):
        lines.append(f"from: {data['sources']}")
    lines.append(data["iri"])
    return "\n".join(lines)


def _with_toolbar(document: str) -> str:
    """A legend with a filter box per class, a search box, and the script behind them (no article text)."""
    items = "".join(
        f'<label style="margin-right:1em"><input type="checkbox" checked data-kind="{html.escape(kind)}"> '
        f'<span style="display:inline-block;width:.8em;height:.8em;border-radius:50%;background:{colour}"></span> '
        f"{html.escape(kind)}</label>"
        for kind, colour in COLOURS.items()
    )
    search = '<input id="newskg-search" type="search" placeholder="find a name" style="margin-left:1em">'
    toolbar = (
        f'<div id="newskg-legend" style="font:14px sans-serif;padding:6px">{items}{search} '
        '<span id="newskg-found"></span></div>'
    )
    document = document.replace("<body>", "<body>\n" + toolbar, 1)
    return document.replace("</body>", _TOOLBAR_SCRIPT + "</body>", 1)
