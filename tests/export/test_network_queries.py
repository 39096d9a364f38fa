"""The entity network read by SPARQL gives what the network held in memory gives."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from newskg.export.entity_network import centrality, entity_network, network_of
from newskg.export.network import graphml
from newskg.export.network_sparql import edges, nodes, rank, select_in
from newskg.pipeline.run import BuildResult
from newskg.rdf.dataset import union


@pytest.fixture(scope="module")
def seed_network(seed_build: BuildResult) -> tuple:
    assert seed_build.dataset is not None
    graph = union(seed_build.dataset)
    return graph, entity_network(graph)


def test_nodes_and_edges_are_the_networks(seed_network: tuple) -> None:
    graph, network = seed_network
    select = select_in(graph)
    assert list(map(str, nodes(select))) == sorted(network.nodes)
    assert list(edges(select)) == sorted((u, v, key) for u, v, key in network.edges(keys=True))
    assert rank(select, 1).total == network.number_of_nodes()


def test_the_most_connected_are_the_most_central_with_their_centrality(seed_network: tuple) -> None:
    graph, network = seed_network
    ranks = centrality(network)
    ranking = rank(select_in(graph), 12)
    best = sorted(network.nodes, key=lambda node: (-ranks[node], network.nodes[node]["label"], node))
    assert [str(r.node) for r in ranking.nodes] == best[:12]
    assert all(r.centrality == pytest.approx(ranks[str(r.node)]) for r in ranking.nodes)
    entities = [node for node in best if network.nodes[node]["kind"] != "Event"]
    assert [str(r.node) for r in ranking.entities] == entities[:12]


def test_a_part_of_the_network_is_the_networks_subgraph(seed_network: tuple) -> None:
    graph, network = seed_network
    chosen = [r.node for r in rank(select_in(graph), 12).nodes]
    part = network_of(graph, chosen)
    expected = network.subgraph(map(str, chosen))
    assert dict(part.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(part.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_graphml_written_node_by_node_reads_back_as_the_network(seed_network: tuple) -> None:
    graph, network = seed_network
    read = nx.read_graphml(io.BytesIO(graphml(graph, select_in(graph))), force_multigraph=True)
    assert dict(read.nodes(data=True)) == dict(network.nodes(data=True))
    assert sorted((u, v, d["label"]) for u, v, d in read.edges(data=True)) == sorted(network.edges(keys=True))


def test_the_internal_sparql_is_package_data_that_parses() -> None:
    """The network's queries and the store's union update ship as files (pyproject's package data) and parse
    once filled in."""
    import tomllib

    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parser import parseUpdate

    from newskg.export import network_sparql

    queries = sorted(network_sparql.QUERIES.glob("*.rq"))
    assert [path.name for path in queries] == sorted(network_sparql.NETWORK_QUERIES)
    for query in network_sparql.NETWORK_QUERIES.values():
        assert "$" not in query  # every blank of the file filled in from the network's definition
        prepareQuery(network_sparql._PREFIXES + query)
    union = network_sparql.QUERIES.parent.parent / "rdf" / "queries" / "union.ru"
    parseUpdate(union.read_text(encoding="utf-8"))
    pyproject = tomllib.loads((network_sparql.QUERIES.parents[3] / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["newskg"]
    assert {"export/queries/*.rq", "rdf/queries/*.ru"} <= set(data)
