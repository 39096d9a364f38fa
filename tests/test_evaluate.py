"""The scorer, on graphs written by hand, and the seed's score end to end."""

import json
from pathlib import Path

import pytest
from rdflib import Graph

from newskg.evaluate import evaluate, fold, score
from tests.conftest import SEED, SEED_GOLD

PREFIXES = """
@prefix schema: <https://schema.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GOLD = {
    "doc": "t",
    "entities": [
        {"name": "Jane Doe", "type": "Person", "aliases": ["Doe"], "required": True},
        {"name": "Demining Agency", "type": "Organization", "aliases": ["DA"], "required": True},
        {"name": "Ruritania", "type": "Place", "aliases": [], "required": True},
    ],
    "roles": [{"person": "Jane Doe", "title": "director", "org": "Demining Agency"}],
    "quantities": [
        {"value": 18, "what": "hectare", "unit_code": "HAR", "text": "18 hectares", "required": True},
        {"value": 40, "what": "mine", "detail": ["anti-tank"], "text": "40 anti-tank mines", "required": True},
        {"value": 5, "what": "money", "currency": "USD", "text": "$5", "required": True},
    ],
    "not_quantities": [{"text": "1949"}],
    "events": [
        {"what": "clearance", "start": "2020-01-01", "end": "2020-02-01", "required": True},
        {"what": "visit", "date": "2020-03-04", "required": True},
    ],
    "statements": [{"speaker": "Jane Doe", "contains": "fields are safe"}],
}


def graph(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + body, format="turtle")


def test_a_perfect_graph_scores_one() -> None:
    result = score(
        graph("""
        <urn:p> a schema:Person ; rdfs:label "Jane Doe" ; schema:jobTitle "Director" ; schema:affiliation <urn:o> .
        <urn:o> a schema:Organization ; rdfs:label "The Demining Agency" .
        <urn:r> a schema:Place ; rdfs:label "Ruritania" .
        <urn:q1> a schema:QuantitativeValue ; schema:value 18 ; schema:unitText "hectare" ; schema:unitCode "HAR" .
        <urn:q2> a schema:QuantitativeValue ; schema:value 40 ; schema:unitText "antitank mine" .
        <urn:m> a schema:MonetaryAmount ; schema:value 5 ; schema:currency "USD" .
        <urn:e1> a schema:Event ; sem:hasBeginTimeStamp "2020-01-01"^^xsd:date ;
                 sem:hasEndTimeStamp "2020-02-01"^^xsd:date .
        <urn:e2> a schema:Event ; sem:hasTimeStamp "2020-03-04"^^xsd:date .
        <urn:s> a schema:Quotation ; schema:creator <urn:p> ; schema:text "The fields are safe now" .
    """),
        GOLD,
    )
    assert score is not None and result.overall == pytest.approx(1.0)


def test_misses_and_wrong_nodes_count() -> None:
    result = score(
        graph("""
        <urn:p> a schema:Person ; rdfs:label "Doe" ; schema:jobTitle "spokesman" .
        <urn:x> a schema:Place ; rdfs:label "Atlantis" .
        <urn:q1> a schema:QuantitativeValue ; schema:value 18 ; schema:unitText "acre" .
        <urn:q2> a schema:QuantitativeValue ; schema:value 40 ; schema:unitText "mine" .
        <urn:q3> a schema:QuantitativeValue ; schema:value 1949 ; schema:unitText "year" .
        <urn:e2> a schema:Event ; sem:hasTimeStamp "2020-03-05"^^xsd:date .
    """),
        GOLD,
    )
    entities, quantities, events = (result.kinds[k] for k in ("entities", "quantities", "events"))
    assert (entities.precision, entities.recall) == (0.5, pytest.approx(1 / 3))
    assert entities.wrong == ["Atlantis"]
    assert (quantities.precision, quantities.recall) == (0.0, 0.0)
    assert (events.precision, events.recall) == (0.0, 0.0)
    assert result.kinds["roles"].recall == 0.0 and result.kinds["statements"].recall == 0.0


@pytest.mark.parametrize(
    ("raw", "folded"), [("The Agency's", "agency"), ("Azerbaijan’s", "azerbaijan"), ("  CNN Türk ", "cnn türk")]
)
def test_name_folding(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.slow
def test_seed_scores_well_above_a_plain_spacy_script(tmp_path: Path) -> None:
    (result,) = evaluate([SEED_GOLD], tmp_path)
    assert result.overall >= 0.9
    assert all(kind.figure is not None and kind.figure >= 0.65 for kind in result.kinds.values())
    assert (tmp_path / "mine-clearance-azerbaijan-2021" / "graph.trig").exists()


@pytest.mark.slow
def test_a_gold_files_doc_cannot_place_the_build_outside_out(tmp_path: Path) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    gold["doc"], gold["source"] = "../outside", str(SEED)
    (tmp_path / "gold").mkdir()
    hostile = tmp_path / "gold" / "hostile.json"
    hostile.write_text(json.dumps(gold), encoding="utf-8")
    (result,) = evaluate([hostile], tmp_path / "out")
    assert result.doc == "../outside" and not (tmp_path / "outside").exists()
    (built,) = (tmp_path / "out").iterdir()
    assert built.name.startswith("outside-") and (built / "graph.trig").exists()
