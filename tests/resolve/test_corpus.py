"""One entity across a corpus: a corpus of short articles written for the purpose, in which the same
entities appear under different names and the same names stand for different entities."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from newskg.pipeline.run import BuildResult, build
from newskg.rdf.dataset import union
from newskg.rdf.namespaces import ITSRDF
from tests.conftest import CORPUS

pytestmark = pytest.mark.usefixtures("recorded_time")
ID = "https://w3id.org/newskg/id/"
GEONAMES = "https://sws.geonames.org/"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build([CORPUS], tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def graph(corpus_build: BuildResult) -> Graph:
    assert corpus_build.dataset is not None
    return union(corpus_build.dataset)


def _named(graph: Graph, name: str, kind: URIRef) -> set[URIRef]:
    """The nodes of a class with this label or other name."""
    found = set(graph.subjects(RDFS.label, Literal(name))) | set(graph.subjects(SKOS.altLabel, Literal(name)))
    return {node for node in found if isinstance(node, URIRef) and (node, RDF.type, kind) in graph}


def _articles_mentioning(graph: Graph, node: URIRef) -> set[str]:
    return {str(phrase).split("/article/")[1].split("#")[0] for phrase in graph.subjects(ITSRDF.taIdentRef, node)}


def test_an_agency_under_three_names_is_one_node(graph: Graph) -> None:
    nodes = _named(graph, "MNAMA", SDO.Organization)
    assert len(nodes) == 1
    agency = nodes.pop()
    assert _named(graph, "Moldova National Agency for Mine Action", SDO.Organization) == {agency}
    assert _named(graph, "Moldova's Mine Action Agency", SDO.Organization) == {agency}
    assert list(graph.objects(agency, RDFS.label)) == [Literal("Moldova National Agency for Mine Action")]
    assert _articles_mentioning(graph, agency) == {"agency-report", "agency-survey", "agency-possessive"}


def test_a_surname_alone_in_another_article_joins_the_one_full_name(graph: Graph) -> None:
    person = URIRef(f"{ID}person/maria-petrescu")
    assert Literal("Petrescu") in set(graph.objects(person, SKOS.altLabel))
    assert _articles_mentioning(graph, person) == {"agency-report", "agency-survey"}


def test_spellings_of_a_place_are_one_node_linked_to_geonames(graph: Graph) -> None:
    for first, second in (("Kiev", "Kyiv"), ("Turkey", "Türkiye")):
        nodes = _named(graph, first, SDO.Place)
        assert nodes and nodes == _named(graph, second, SDO.Place), (first, second)
        links = {str(o) for o in graph.objects(nodes.pop(), OWL.sameAs)}
        assert len(links) == 1 and links.pop().startswith(GEONAMES)
    turkey = _named(graph, "Turkey", SDO.Place).pop()
    assert (turkey, OWL.sameAs, URIRef(f"{GEONAMES}298795/")) in graph


def test_two_people_who_share_a_surname_stay_apart(corpus_build: BuildResult, graph: Graph) -> None:
    mark, lisa = URIRef(f"{ID}person/mark-olsen"), URIRef(f"{ID}person/lisa-olsen")
    assert (mark, RDF.type, SDO.Person) in graph and (lisa, RDF.type, SDO.Person) in graph
    alone = _named(graph, "Olsen", SDO.Person)
    assert len(alone) == 1 and alone.isdisjoint({mark, lisa})
    assert any("'Olsen'" in note and "kept apart" in note for note in corpus_build.ambiguous)


def test_georgia_the_country_and_georgia_the_state_are_two_nodes(graph: Graph) -> None:
    nodes = _named(graph, "Georgia", SDO.Place)
    assert len(nodes) == 2
    links = {str(link): node for node in nodes for link in graph.objects(node, OWL.sameAs)}
    country, state = links[f"{GEONAMES}614540/"], links[f"{GEONAMES}4197000/"]
    assert (country, RDF.type, SDO.Country) in graph and (state, RDF.type, SDO.AdministrativeArea) in graph
    assert _articles_mentioning(graph, country) == {"georgia-caucasus"}
    assert _articles_mentioning(graph, state) == {"georgia-state"}


def test_two_countries_ministries_of_the_same_name_stay_apart(graph: Graph) -> None:
    nodes = _named(graph, "Ministry of Defence", SDO.Organization)
    assert len(nodes) == 2
    places = {str(graph.value(graph.value(node, SDO.location), RDFS.label)) for node in nodes}
    assert places == {"Moldova", "Ukraine"}


def test_the_report_explains_joins_of_different_names(corpus_build: BuildResult) -> None:
    joined = {merge.label: merge for merge in corpus_build.merges}
    agency = joined["Moldova National Agency for Mine Action"]
    assert set(agency.names) >= {"MNAMA", "Moldova's Mine Action Agency"}
    assert agency.articles == ("agency-possessive", "agency-report", "agency-survey")
    assert agency.reasons
    assert "Kiev" in joined and "Türkiye" in joined
    assert "Mark Olsen" not in joined and "Lisa Olsen" not in joined
    report = json.loads((corpus_build.out / "report.json").read_text(encoding="utf-8"))
    assert {"label": "Türkiye", "names": ["Türkiye", "Turkey"]}.items() <= next(
        m for m in report["merges"] if m["label"] == "Türkiye"
    ).items()
    assert any("'Olsen'" in note for note in report["ambiguous"])
    page = (corpus_build.out / "report.html").read_text(encoding="utf-8")
    assert "<td>Moldova National Agency for Mine Action</td>" in page and "Moldova&#x27;s Mine Action Agency" in page


def test_two_halves_merged_are_the_whole(corpus_build: BuildResult, tmp_path: Path) -> None:
    from newskg.cli import main

    files = sorted(CORPUS.glob("*.txt"))
    for number, half in enumerate((files[::2], files[1::2])):
        folder = tmp_path / f"in{number}"
        folder.mkdir()
        for path in half:
            shutil.copy(path, folder / path.name)
        build([folder], tmp_path / f"half{number}")
    assert main(["merge", str(tmp_path / "half0"), str(tmp_path / "half1"), "--out", str(tmp_path / "m.trig")]) == 0
    whole = (corpus_build.out / "graph.trig").read_bytes()
    assert (tmp_path / "m.trig").read_bytes() == whole
