"""Every RDF file a build writes parses back to the graph it was written from."""

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from newskg.pipeline.run import BuildResult
from newskg.rdf.dataset import union


def _explain(expected: Graph, found: Graph) -> str:
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(found))
    return f"missing {len(missing)}: {sorted(missing)[:3]}; extra {len(extra)}: {sorted(extra)[:3]}"


@pytest.mark.parametrize(("name", "syntax"), [("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")])
def test_union_files_round_trip(seed_build: BuildResult, name: str, syntax: str) -> None:
    expected = union(seed_build.dataset)
    found = Graph().parse(seed_build.out / name, format=syntax)
    assert isomorphic(expected, found), _explain(expected, found)


def test_trig_round_trips_graph_by_graph(seed_build: BuildResult) -> None:
    found = Dataset()
    found.parse(seed_build.out / "graph.trig", format="trig")
    expected = {str(g.identifier): g for g in seed_build.dataset.graphs() if len(g)}
    parsed = {str(g.identifier): g for g in found.graphs() if len(g)}
    assert set(parsed) == {k for k in expected if not k.startswith("urn:x-rdflib:")}
    for name, graph in parsed.items():
        assert isomorphic(expected[name], graph), _explain(expected[name], graph)
