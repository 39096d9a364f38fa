"""The `shacl` engine that checks builds gives pySHACL's verdicts (the reference) on good graphs and on every
kind of fault the shapes describe, and `validate` words what it finds as pySHACL does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SDO, SH, XSD
from rdflib.term import Node

from newskg.pipeline.run import BuildResult
from newskg.rdf import validate as validate_module
from newskg.rdf.dataset import union
from newskg.rdf.namespaces import NIF, SEM
from newskg.rdf.serialise import oxigraph_quads, statement_line
from newskg.rdf.validate import (
    _engine,
    _lines,
    _offset_violations,
    _rdflib_offsets,
    check_graphs,
    shapes,
    validate,
)

EX = "http://example.org/"
GOOD = """
@prefix ex: <http://example.org/> .
@prefix schema: <https://schema.org/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix nkg: <https://w3id.org/newskg/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:build a prov:Activity ; prov:startedAtTime "2024-01-01T00:00:00Z"^^xsd:dateTime ;
    nkg:toolVersion "1.0" ; nkg:model "a model" .
ex:article a schema:NewsArticle ; schema:identifier "a" ; schema:datePublished "2024-03-03"^^xsd:date ;
    schema:headline "Bridges repaired" ; schema:url <http://example.org/a.html> ; schema:author ex:ann ;
    schema:mentions ex:ann .
ex:ann a schema:Person ; rdfs:label "Ann Lee" ; skos:altLabel "Lee" .
ex:port a schema:Organization ; rdfs:label "Port Authority" .
ex:lyon a schema:Place ; rdfs:label "Lyon" .
ex:repair a schema:Event ; rdfs:label "repair" ; sem:hasActor ex:port ; sem:hasPlace ex:lyon ;
    sem:hasTimeStamp "2024-04-09"^^xsd:date ; sem:hasBeginTimeStamp "2024"^^xsd:gYear ;
    sem:hasEndTimeStamp "2024-05"^^xsd:gYearMonth ; nkg:negated false ; nkg:quantity ex:bridges, ex:cost .
ex:bridges a schema:QuantitativeValue ; schema:value 4 ; schema:unitText "bridges" ; schema:unitCode "C62" ;
    nkg:approximate false ; prov:wasDerivedFrom ex:sentence .
ex:cost a schema:MonetaryAmount ; schema:value 12.5 ; schema:currency "EUR" ; prov:wasDerivedFrom ex:sentence .
ex:quote a schema:Quotation ; schema:creator ex:ann ; schema:text "We are done." ; prov:wasDerivedFrom ex:sentence .
ex:context a nif:Context ; nif:isString "Ann Lee said: We are done." .
ex:sentence a nif:Sentence ; nif:anchorOf "Ann Lee said: We are done." ; nif:referenceContext ex:context ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "26"^^xsd:nonNegativeInteger .
ex:phrase a nif:Phrase ; nif:anchorOf "Ann Lee" ; nif:referenceContext ex:context ; itsrdf:taIdentRef ex:ann ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger .
"""
Finding = tuple[str, str, str]  # focus node, constraint component, path ("inverse" for an inverse path)


def good() -> Graph:
    return Graph().parse(data=GOOD, format="turtle")


def by_pyshacl(data: Graph) -> list[Finding]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[1]
        where = str(path) if isinstance(path, URIRef) else "inverse" if path is not None else ""
        found.append((str(report.value(result, SH.focusNode)), component, where))
    return sorted(found)


def by_shacl(data: Graph) -> list[Finding]:
    text = "\n".join(statement_line(quad) for quad in oxigraph_quads(data, EX))
    found = []
    for result in _engine().validate_text(text, format="ntriples").results:
        path = result.path or ""
        where = "inverse" if path.startswith("^") else path.strip("<>")
        found.append((result.focus_node.strip("<>"), result.component, where))
    return sorted(found)


def wording(data: Graph) -> list[str]:
    """pySHACL's violations of `data` and the offsets check's, read from rdflib, in newskg's lines (as
    `validate` gave them before the `shacl` engine)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True)
    return sorted(_lines(report, None) + list(_offset_violations(_rdflib_offsets(data), None)))


Change = Callable[[Graph], None]


def _set(node: str, path: URIRef, *values: Node) -> Change:
    def change(graph: Graph) -> None:
        graph.remove((URIRef(EX + node), path, None))
        for value in values:
            graph.add((URIRef(EX + node), path, value))

    return change


def _shape_faults() -> dict[str, Change]:
    """For every property of every shape, on a node the shape targets: its values gone, one too many, a
    string, an IRI, a blank node and a negative number in their place."""
    targets = {
        "NewsArticle": "article",
        "Person": "ann",
        "Organization": "port",
        "Place": "lyon",
        "Event": "repair",
        "QuantitativeValue": "bridges",
        "MonetaryAmount": "cost",
        "Quotation": "quote",
        "Context": "context",
        "Sentence": "sentence",
        "Phrase": "phrase",
        "Activity": "build",
    }
    faults: dict[str, Change] = {}
    graph, rules = good(), shapes()
    for shape in rules.subjects(RDF.type, SH.NodeShape):
        classes = [str(cls).rsplit("/", 1)[1].rsplit("#", 1)[-1] for cls in rules.objects(shape, SH.targetClass)]
        nodes = [targets[name] for name in classes] or ["phrase"]
        for node in nodes:
            for prop in rules.objects(shape, SH.property):
                path = rules.value(prop, SH.path)
                if not isinstance(path, URIRef):
                    continue
                held = list(graph.objects(URIRef(EX + node), path))
                name = f"{node}-{path.n3(rules.namespace_manager)}"
                faults[f"{name}-none"] = _set(node, path)
                faults[f"{name}-extra"] = _set(node, path, *held, Literal("one more"))
                faults[f"{name}-string"] = _set(node, path, Literal("x"))
                faults[f"{name}-iri"] = _set(node, path, URIRef(EX + "ann"))
                faults[f"{name}-blank"] = _set(node, path, BNode())
                faults[f"{name}-negative"] = _set(node, path, Literal(-1))
    return faults


def _unhung(graph: Graph) -> None:
    graph.remove((None, URIRef("https://w3id.org/newskg/ns#quantity"), URIRef(EX + "cost")))


def _mention_not_a_phrase(graph: Graph) -> None:
    graph.remove((URIRef(EX + "phrase"), RDF.type, NIF.Phrase))


NAMED: dict[str, Change] = {
    "a Person without a label": _set("ann", RDFS.label),
    "an offset typed as a string": _set("phrase", NIF.beginIndex, Literal("0", datatype=XSD.string)),
    "an event placed at a Person": _set("repair", SEM.hasPlace, URIRef(EX + "ann")),
    "an amount hanging off nothing": _unhung,
    "a mention that is not a phrase": _mention_not_a_phrase,
    "a currency in lower case": _set("cost", SDO.currency, Literal("eur")),
    "a unit code too long": _set("bridges", SDO.unitCode, Literal("ABCD")),
    "a quotation by a Place": _set("quote", SDO.creator, URIRef(EX + "lyon")),
}
FAULTS = {**NAMED, **_shape_faults()}


def test_the_good_graph_conforms_under_both() -> None:
    assert by_pyshacl(good()) == by_shacl(good()) == []
    assert validate(good()).conforms


def test_the_seed_build_conforms_under_both(seed_build: BuildResult) -> None:
    assert seed_build.dataset is not None
    graph = Graph()
    for triple in union(seed_build.dataset):
        graph.add(triple)
    assert by_pyshacl(graph) == by_shacl(graph) == []


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_both_engines_find_the_same_violations(name: str) -> None:
    graph = good()
    FAULTS[name](graph)
    assert by_shacl(graph) == by_pyshacl(graph)
    assert validate(graph).violations == tuple(wording(graph))


@pytest.mark.parametrize("name", sorted(NAMED))
def test_each_named_fault_is_found(name: str) -> None:
    graph = good()
    NAMED[name](graph)
    assert by_shacl(graph) and not validate(graph).conforms


def test_a_build_batch_is_checked_from_its_lines_and_worded_by_pyshacl() -> None:
    graph = good()
    _set("ann", RDFS.label)(graph)
    quads = oxigraph_quads(graph, EX + "graph")
    checked = check_graphs([(quads, [statement_line(quad) for quad in quads])], Graph(), frozenset())
    assert sorted(checked.violations) == wording(graph)
    assert any("ann rdfs:label: An entity has exactly one rdfs:label" in line for line in checked.violations)


def test_a_wrong_offset_in_a_batch_is_found() -> None:
    graph = good()
    _set("phrase", NIF.endIndex, Literal(6, datatype=XSD.nonNegativeInteger))(graph)
    quads = oxigraph_quads(graph, EX + "graph")
    checked = check_graphs([(quads, [statement_line(quad) for quad in quads])], Graph(), frozenset())
    assert checked.violations == {
        f"{EX}phrase: nif:anchorOf is not the text between nif:beginIndex and nif:endIndex of its context"
    }


def test_an_offset_that_is_not_a_number_is_left_to_the_shapes() -> None:
    graph = good()
    _set("phrase", NIF.beginIndex, Literal("x"))(graph)
    outcome = validate(graph)
    assert outcome.violations == tuple(wording(graph)) and not outcome.conforms


def test_a_violation_pyshacl_does_not_confirm_is_still_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "_pyshacl_lines", lambda data, focus: [])
    graph = good()
    _set("ann", RDFS.label)(graph)
    (line,) = validate(graph).violations
    assert line.startswith(f"{EX}ann <{RDFS.label}>: An entity has exactly one rdfs:label")
    assert line.endswith("(found by the shacl engine)")


def test_with_a_focus_only_its_nodes_count() -> None:
    graph = good()
    _set("ann", RDFS.label)(graph)
    assert validate(graph, {URIRef(EX + "port")}).conforms
    assert not validate(graph, {URIRef(EX + "ann")}).conforms


def test_a_conforming_graph_is_checked_without_pyshacl() -> None:
    code = (
        "import sys\n"
        "from rdflib import Graph\n"
        "from newskg.rdf.validate import validate\n"
        f"assert validate(Graph().parse(data={GOOD!r}, format='turtle')).conforms\n"
        "assert 'pyshacl' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_graph_the_engine_cannot_take_is_checked_by_pyshacl_alone() -> None:
    text = '<urn:x:p> a <https://schema.org/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "a\\uD800b", "c" .'
    outcome = validate(Graph().parse(data=text, format="turtle"))
    assert outcome.violations == ("urn:x:p rdfs:label: An entity has exactly one rdfs:label, its fullest name.",)
