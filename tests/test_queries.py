"""Each competency question in queries/ answers on the seed."""

from pathlib import Path

import pytest

from newskg.pipeline.run import BuildResult
from newskg.query import run
from newskg.rdf.dataset import union
from tests.conftest import SEED

QUERIES = Path(__file__).resolve().parent.parent / "queries"


def rows(seed_build: BuildResult, name: str) -> list[dict[str, str]]:
    outcome = run(union(seed_build.dataset), (QUERIES / name).read_text(encoding="utf-8"))
    return [{k: str(v) for k, v in row.asdict().items()} for row in outcome.result]


def test_every_query_opens_with_a_comment() -> None:
    for path in QUERIES.glob("*.rq"):
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_entities_and_names(seed_build: BuildResult) -> None:
    found = {(r["class"], r["label"]): r.get("otherNames", "") for r in rows(seed_build, "entities-and-names.rq")}
    assert ("Person", "Vugar Suleymanov") in found and "Suleymanov" in found[("Person", "Vugar Suleymanov")]
    assert ("Organization", "Azerbaijan's Mine Action Agency") in found
    assert ("Place", "Aghdam") in found


def test_roles(seed_build: BuildResult) -> None:
    found = rows(seed_build, "roles.rq")
    assert {
        "person": "Vugar Suleymanov",
        "title": "chairman of the board",
        "organization": "Azerbaijan's Mine Action Agency",
    } in found


def test_quantities(seed_build: BuildResult) -> None:
    found = rows(seed_build, "quantities.rq")
    (hectares,) = [r for r in found if r["value"] == "18302"]
    assert hectares["unit"] == "hectare" and hectares["eventType"] == "Clearance"
    assert (hectares["from"], hectares["to"]) == ("2020-11-10", "2021-10-15")
    assert hectares["saidBy"] == "Vugar Suleymanov"
    assert (
        hectares["article"] == "mine-clearance-azerbaijan-2021"
        and "18,302 hectares were cleared" in hectares["sentence"]
    )
    text = SEED.read_text(encoding="utf-8")
    assert text[int(hectares["begin"]) : int(hectares["end"])] == hectares["sentence"]


def test_events_in_date_order(seed_build: BuildResult) -> None:
    found = rows(seed_build, "events-in-date-order.rq")
    dates = [r["date"] for r in found]
    assert dates == sorted(dates) and "2021-06-12" in dates
    assert all(r["article"] == "mine-clearance-azerbaijan-2021" and r["sentence"] for r in found)


def test_who_said_what(seed_build: BuildResult) -> None:
    found = rows(seed_build, "who-said-what.rq")
    assert any(r["speaker"] == "Ilham Aliyev" and "only 25 percent" in r["text"] for r in found)
    assert {r["article"] for r in found} == {"mine-clearance-azerbaijan-2021"}


@pytest.mark.parametrize("kind", ["quantity", "event", "statement"])
def test_fact_sources(seed_build: BuildResult, kind: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = [r for r in rows(seed_build, "fact-sources.rq") if r["kind"] == kind]
    assert found
    for row in found:
        assert text[int(row["begin"]) : int(row["end"])] == row["sentence"]


def test_values_are_bound_never_pasted(seed_build: BuildResult) -> None:
    from rdflib import Literal

    text = "SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    graph = union(seed_build.dataset)
    found = run(graph, text, {"name": Literal("Vugar Suleymanov")}).result
    assert [str(row[0]) for row in found] == ["https://w3id.org/newskg/id/person/vugar-suleymanov"]
    hostile = Literal('x" } ; DROP ALL ; SELECT * { ?s ?p "')
    assert list(run(graph, text, {"name": hostile}).result) == []


def test_a_query_of_named_graphs_is_told_from_one_of_the_default_graph() -> None:
    from newskg.query import reads_named_graphs

    assert reads_named_graphs("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert reads_named_graphs("select * from named <urn:x:g> where { ?s ?p ?o }")
    assert not reads_named_graphs('SELECT * WHERE { ?s <urn:x:GRAPH> "FROM GRAPH" } # GRAPH in a comment')
    assert not reads_named_graphs("SELECT (MIN(?x) AS ?from) WHERE { ?s ex:graph ?x ; graph:x ?from }")
    assert not any(reads_named_graphs(path.read_text(encoding="utf-8")) for path in QUERIES.glob("*.rq"))


def test_the_command_answers_queries_of_named_graphs_and_of_the_union(
    seed_build: BuildResult, capsys: pytest.CaptureFixture[str]
) -> None:
    from newskg.cli import main

    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert main(["query", str(seed_build.out), graphs, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "2"  # the article's graph and the provenance graph
    people = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:Person }"
    assert main(["query", str(seed_build.out), people, "--format", "csv"]) == 0
    assert int(capsys.readouterr().out.splitlines()[1]) >= 3


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.slow
def test_a_query_given_up_on_stops_and_leaves_nothing_running(engine: str) -> None:
    import threading

    import psutil
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    from newskg.errors import QueryError

    graph: Graph | ox.Store = Graph() if engine == "rdflib" else ox.Store()
    for i in range(500):
        if isinstance(graph, Graph):
            graph.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:p"), URIRef(f"urn:x:o{i}")))
        else:
            graph.add(ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.NamedNode(f"urn:x:o{i}")))
    before, threads = psutil.Process().children(recursive=True), threading.active_count()
    with pytest.raises(QueryError, match="time limit of 1 s"):
        run(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", seconds=1)
    assert psutil.Process().children(recursive=True) == before and threading.active_count() == threads
    assert [int(row[0]) for row in run(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }").result] == [500]
