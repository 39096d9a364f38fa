"""Closed namespaces for the vocabularies of the data contract, and newskg's own.

A misspelled term raises AttributeError instead of minting a wrong IRI. `NKG`
lists exactly the terms of ontology/newskg.ttl (a test keeps them in step).
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SDO, DefinedNamespace, Namespace

from newskg.model import KINDS

NKG_IRI = "https://w3id.org/newskg/ns#"
DEFAULT_BASE = "https://w3id.org/newskg/id/"

COARSE = {kind: SDO[kind] for kind in KINDS}
"""Each coarse entity kind's schema.org class."""


class NKG(DefinedNamespace):
    """newskg's ontology (ontology/newskg.ttl)."""

    _fail = True
    _NS = Namespace(NKG_IRI)

    Occurrence: URIRef
    Clearance: URIRef
    Casualty: URIRef
    Agreement: URIRef
    Handover: URIRef
    Exchange: URIRef
    Interview: URIRef
    Attack: URIRef
    Funding: URIRef
    Survey: URIRef
    Training: URIRef
    Delivery: URIRef
    Meeting: URIRef
    Duration: URIRef
    approximate: URIRef
    qualifier: URIRef
    quantity: URIRef
    quantityOf: URIRef
    baseValue: URIRef
    baseUnitCode: URIRef
    negated: URIRef
    modality: URIRef
    trigger: URIRef
    conflictsWith: URIRef
    toolVersion: URIRef
    model: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    String: URIRef
    isString: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set, as RDF."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")

    taIdentRef: URIRef


PREFIXES = {
    "schema": "https://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": str(SEM._NS),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "nkg": NKG_IRI,
}
