"""Positions for the graph page: each connected part laid out on its own, then the parts packed in rows.

One force layout over a network of many small parts flings the small parts and the
lone nodes far apart, so the view that shows them all shows nothing (a page of 500
nodes opened at a scale of 0.0005). Here every part gets a seeded ForceAtlas2 layout
sized by its node count, the parts are packed biggest first in rows about as wide as
a screen is wider than high, and the nodes without an edge are gathered in a grid
after them. The same network gives the same picture.
"""

from __future__ import annotations

import math
from functools import lru_cache

import networkx as nx

STEP = 60.0  # canvas units between neighbouring nodes
_GAP = STEP  # between two packed parts
_ASPECT = 1.6  # rows about this much wider than the whole is high
_APART = STEP * 1.0  # the least distance between two nodes of a part
_ROUNDS = 20

Positions = dict[str, tuple[float, float]]


def layout(network: nx.MultiDiGraph) -> tuple[Positions, set[str]]:
    """Each node's position, and the nodes without an edge (gathered last, in a grid)."""
    simple = nx.Graph(network.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    parts = sorted((sorted(p) for p in nx.connected_components(simple) if len(p) > 1), key=lambda p: (-len(p), p[0]))
    alone = sorted(node for node in simple if simple.degree(node) == 0)
    boxes = [_part(simple.subgraph(part)) for part in parts]
    if alone:
        boxes.append(_grid(alone))
    return _pack(boxes), set(alone)


def _part(part: nx.Graph) -> Positions:
    """One connected part, its width about 2 * STEP * sqrt(nodes), its corner at (0, 0)."""
    if part.number_of_nodes() == 2:
        first, second = sorted(part.nodes)
        return {first: (0.0, 0.0), second: (STEP * 1.5, 0.0)}
    nodes = sorted(part.nodes)
    number = {node: index for index, node in enumerate(nodes)}
    shape = tuple(sorted(tuple(sorted((number[first], number[second]))) for first, second in part.edges))
    raw = dict(zip(nodes, _forces(len(nodes), shape), strict=True))
    radius = STEP * 1.0 * math.sqrt(part.number_of_nodes())
    scaled = nx.rescale_layout_dict(raw, scale=radius)
    return _cornered(_spread({node: (float(x), float(y)) for node, (x, y) in scaled.items()}))


@lru_cache(maxsize=1024)
def _forces(count: int, shape: tuple[tuple[int, int], ...]) -> tuple[tuple[float, ...], ...]:
    """A seeded ForceAtlas2 layout of nodes 0 .. count-1 joined by the edges of `shape` (pairs of node numbers,
    sorted): the same for every part of that shape, so it is computed once (a page has many alike: pairs, paths
    of three, small stars)."""
    ordered = nx.Graph()
    ordered.add_nodes_from(range(count))
    ordered.add_edges_from(shape)
    raw = nx.forceatlas2_layout(ordered, seed=0, max_iter=100, strong_gravity=True)
    return tuple(tuple(float(value) for value in raw[node]) for node in range(count))


def _spread(positions: Positions) -> Positions:
    """Push apart nodes the force layout left closer than _APART, so that no node is drawn over another and each
    can be clicked; a few rounds over every pair of a part (parts are small: the page draws at most 500 nodes)."""
    nodes = sorted(positions)
    at = {node: list(positions[node]) for node in nodes}
    for _ in range(_ROUNDS):
        moved = False
        for i, first in enumerate(nodes):
            for second in nodes[i + 1 :]:
                moved |= _part_pair(at[first], at[second])
        if not moved:
            break
    return {node: (x, y) for node, (x, y) in at.items()}


def _part_pair(first: list[float], second: list[float]) -> bool:
    """Move two nodes closer than _APART away from each other along the line between them; whether they moved."""
    dx, dy = second[0] - first[0], second[1] - first[1]
    distance = math.hypot(dx, dy)
    if distance >= _APART:
        return False
    if distance == 0:
        dx, dy, distance = 1.0, 0.0, 1.0
    push = (_APART - distance) / 2 / distance
    first[0] -= dx * push
    first[1] -= dy * push
    second[0] += dx * push
    second[1] += dy * push
    return True


def _grid(nodes: list[str]) -> Positions:
    """Nodes in rows of a grid, closer together than linked nodes are."""
    columns = max(1, math.ceil(math.sqrt(len(nodes) * _ASPECT)))
    spacing = STEP * 0.7
    return {node: ((i % columns) * spacing, (i // columns) * spacing) for i, node in enumerate(nodes)}


def _cornered(positions: Positions) -> Positions:
    left = min(x for x, _ in positions.values())
    top = min(y for _, y in positions.values())
    return {node: (x - left, y - top) for node, (x, y) in positions.items()}


def _size(positions: Positions) -> tuple[float, float]:
    return max(x for x, _ in positions.values()), max(y for _, y in positions.values())


def _pack(boxes: list[Positions]) -> Positions:
    """The boxes left to right in rows (a row as wide as the whole's area allows), each row under the last."""
    sizes = [_size(box) for box in boxes]
    area = sum((w + _GAP) * (h + _GAP) for w, h in sizes)
    width = max([math.sqrt(area * _ASPECT)] + [w for w, _ in sizes])
    placed: Positions = {}
    x = y = row_height = 0.0
    for box, (w, h) in zip(boxes, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        placed.update({node: (round(x + bx, 1), round(y + by, 1)) for node, (bx, by) in box.items()})
        x += w + _GAP
        row_height = max(row_height, h)
    return placed
