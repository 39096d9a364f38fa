"""The ontology, the shapes, the lexicons and the code agree with each other."""

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from newskg.knowledge.lexicon import ONTOLOGY_DIR, load_lexicon
from newskg.rdf.namespaces import NKG, NKG_IRI
from newskg.rdf.validate import shapes


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "newskg.ttl", format="turtle")


def test_closed_namespace_lists_exactly_the_ontology_terms() -> None:
    graph = ontology()
    declared = {str(s) for s in graph.subjects(RDF.type, None) if str(s).startswith(NKG_IRI)}
    coded = {str(NKG[name]) for name in NKG.__annotations__}
    assert declared == coded


def test_every_term_has_a_label_and_a_comment() -> None:
    graph = ontology()
    for term in {s for s in graph.subjects(RDF.type, None) if str(s).startswith(NKG_IRI)}:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, RDFS.comment) is not None, term


def test_every_event_type_of_the_lexicon_is_an_aligned_class() -> None:
    graph = ontology()
    for event_type in load_lexicon().event_types:
        node = URIRef(NKG_IRI + event_type.name)
        assert (node, RDF.type, OWL.Class) in graph, event_type.name
        assert (node, RDFS.subClassOf, NKG.Occurrence) in graph
        assert event_type.verbs or event_type.nouns


def test_units_have_un_cefact_codes() -> None:
    for unit in load_lexicon().units:
        assert unit.code.isupper() and 2 <= len(unit.code) <= 3
        assert all(name == name.lower() for name in unit.names)


def test_shapes_parse() -> None:
    assert len(shapes()) > 50
