"""The seed's graph against the data contract, rule by rule (no inference)."""

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from newskg.pipeline.run import BuildResult
from newskg.rdf.dataset import union
from newskg.rdf.namespaces import ITSRDF, NIF, NKG, SEM


def test_one_named_graph_per_article_with_exactly_one_article(seed_build: BuildResult) -> None:
    graphs = [
        g
        for g in seed_build.dataset.graphs()
        if "/graph/" in str(g.identifier) and "provenance" not in str(g.identifier)
    ]
    assert len(graphs) == 1
    assert len(set(graphs[0].subjects(RDF.type, SDO.NewsArticle))) == 1


def test_article_metadata(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    (article,) = graph.subjects(RDF.type, SDO.NewsArticle)
    assert graph.value(article, SDO.identifier) == Literal("mine-clearance-azerbaijan-2021")
    author = graph.value(article, SDO.author)
    assert (author, RDF.type, SDO.Person) in graph and graph.value(author, RDFS.label) == Literal("Vugar Khalilov")
    assert len(set(graph.objects(article, SDO.mentions))) >= 15


def test_offsets_index_the_article_text(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    (context,) = graph.subjects(RDF.type, NIF.Context)
    text = str(graph.value(context, NIF.isString))
    strings = set(graph.subjects(RDF.type, NIF.Sentence)) | set(graph.subjects(RDF.type, NIF.Phrase))
    assert len(strings) > 50
    for node in strings:
        begin, end = int(graph.value(node, NIF.beginIndex)), int(graph.value(node, NIF.endIndex))
        assert text[begin:end] == str(graph.value(node, NIF.anchorOf))
        assert graph.value(node, NIF.referenceContext) == context
        assert graph.value(node, NIF.beginIndex).datatype == XSD.nonNegativeInteger


def test_entities_have_one_label_coarse_classes_and_mentions(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    for rdf_class in (SDO.Person, SDO.Organization, SDO.Place):
        for node in graph.subjects(RDF.type, rdf_class):
            assert len(list(graph.objects(node, RDFS.label))) == 1
    for fine, coarse in (
        (SDO.Country, SDO.Place),
        (SDO.City, SDO.Place),
        (SDO.GovernmentOrganization, SDO.Organization),
    ):
        for node in graph.subjects(RDF.type, fine):
            assert (node, RDF.type, coarse) in graph
    person = URIRef("https://w3id.org/newskg/id/person/vugar-suleymanov")
    assert Literal("Suleymanov") in set(graph.objects(person, SKOS.altLabel))
    mentions = set(graph.subjects(ITSRDF.taIdentRef, person))
    assert {str(graph.value(m, NIF.anchorOf)) for m in mentions} >= {"Vugar Suleymanov", "Suleymanov", "He"}


def test_places_link_to_geonames(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    place = URIRef("https://w3id.org/newskg/id/place/azerbaijan")
    assert (place, OWL.sameAs, URIRef("https://sws.geonames.org/587116/")) in graph


def test_roles(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    person = URIRef("https://w3id.org/newskg/id/person/vugar-suleymanov")
    assert "chairman" in str(graph.value(person, SDO.jobTitle))
    assert graph.value(person, SDO.affiliation) == URIRef(
        "https://w3id.org/newskg/id/organization/azerbaijan-mine-action-agency"
    )


def test_quantities_hang_off_events_and_sentences(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    values = set(graph.subjects(RDF.type, SDO.QuantitativeValue))
    assert len(values) >= 15
    for node in values:
        assert set(graph.subjects(NKG.quantity, node)), node
        assert all((s, RDF.type, NIF.Sentence) in graph for s in graph.objects(node, PROV.wasDerivedFrom))
        assert graph.value(node, SDO.value).datatype in (XSD.integer, XSD.decimal)
        unit = str(graph.value(node, SDO.unitText))
        assert unit == unit.lower()


def test_hedged_quantity(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    (node,) = [q for q in graph.subjects(RDF.type, SDO.QuantitativeValue) if graph.value(q, SDO.value) == Literal(18)]
    assert graph.value(node, SDO.unitCode) == Literal("HAR")
    assert graph.value(node, NKG.approximate) == Literal(True)
    assert graph.value(node, NKG.qualifier) == Literal("more than")


def test_events_are_typed_and_dated(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    events = set(graph.subjects(RDF.type, SDO.Event))
    stamps = {(str(graph.value(e, SEM.hasBeginTimeStamp)), str(graph.value(e, SEM.hasEndTimeStamp))) for e in events}
    assert {("2020-11-10", "2021-10-15"), ("2020-09-27", "2020-11-10")} <= stamps
    dates = {str(d) for e in events for d in graph.objects(e, SEM.hasTimeStamp)}
    assert {"2021-06-12", "2021-07-03", "2021-08-14"} <= dates
    for event in events:
        if (event, RDF.type, NKG.Occurrence) in graph or any(
            str(c).startswith(str(NKG)) for c in graph.objects(event, RDF.type)
        ):
            assert (event, RDF.type, SEM.Event) in graph


def test_statements_have_speakers_and_sources(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    quotes = set(graph.subjects(RDF.type, SDO.Quotation))
    assert len(quotes) >= 5
    for quote in quotes:
        assert (graph.value(quote, SDO.creator), RDF.type, SDO.Person) in graph or (
            graph.value(quote, SDO.creator),
            RDF.type,
            SDO.Organization,
        ) in graph
        assert set(graph.objects(quote, PROV.wasDerivedFrom))


def test_no_blank_nodes(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_build_provenance(seed_build: BuildResult) -> None:
    graph = union(seed_build.dataset)
    (activity,) = graph.subjects(RDF.type, PROV.Activity)
    assert graph.value(activity, PROV.startedAtTime).datatype == XSD.dateTime
    assert "core_web_sm" in str(graph.value(activity, NKG.model))
    assert set(graph.subjects(PROV.wasGeneratedBy, activity))


def test_the_graph_conforms_to_the_shapes(seed_build: BuildResult) -> None:
    assert seed_build.validation is not None and seed_build.validation.conforms, seed_build.validation


def test_validation_catches_a_wrong_offset(seed_build: BuildResult) -> None:
    from newskg.rdf.validate import validate

    graph = union(seed_build.dataset)
    phrase = next(iter(graph.subjects(RDF.type, NIF.Phrase)))
    graph.set(
        (phrase, NIF.beginIndex, Literal(int(graph.value(phrase, NIF.beginIndex)) + 1, datatype=XSD.nonNegativeInteger))
    )
    outcome = validate(graph)
    assert not outcome.conforms and any("anchorOf" in line for line in outcome.violations)
