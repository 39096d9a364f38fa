"""A user's link table (--links): CSV or RDF, names to identifiers; several identifiers for a name are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL

from newskg.errors import UsageError
from newskg.links import load_links
from newskg.model import Entity
from newskg.pipeline.run import build
from newskg.rdf.dataset import union
from tests.conftest import CORPUS

Q_AGENCY = "http://www.wikidata.org/entity/Q9001"
AGENCY = Entity("organization/x", "Organization", "Harbour Authority", ("HA",))


def test_a_csv_row_links_every_entity_that_has_the_name(tmp_path: Path) -> None:
    table = tmp_path / "links.csv"
    table.write_text(f"name,type,iri\nHA,Organization,{Q_AGENCY}\nHA,Place,http://example.org/ha\n", encoding="utf-8")
    linked, note = load_links(table).link(AGENCY)
    assert linked.same_as == (Q_AGENCY,) and note is None
    place, _ = load_links(table).link(Entity("place/ha", "Place", "HA"))
    assert place.same_as == ("http://example.org/ha",)


def test_a_name_with_several_identifiers_is_reported_not_linked(tmp_path: Path) -> None:
    table = tmp_path / "links.csv"
    table.write_text(f"alias,iri\nHarbour Authority,{Q_AGENCY}\nHA,http://example.org/other\n", encoding="utf-8")
    linked, note = load_links(table).link(AGENCY)
    assert linked.same_as == () and note is not None and "2 things" in note


def test_rdf_labels_stand_for_their_subject_and_its_same_as(tmp_path: Path) -> None:
    table = tmp_path / "links.ttl"
    table.write_text(
        "@prefix schema: <https://schema.org/> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f'<{Q_AGENCY}> a schema:Organization ; schema:name "Harbour Authority" ;\n'
        "  owl:sameAs <http://example.org/ha> .\n",
        encoding="utf-8",
    )
    linked, note = load_links(table).link(AGENCY)
    assert set(linked.same_as) == {Q_AGENCY, "http://example.org/ha"} and note is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("label,link\nHA,http://example.org/ha\n", "line 1: the header needs a name column and an iri column"),
        ("name,iri\nHA,not an iri\n", "line 2: 'not an iri' is not an absolute IRI"),
        ("name,iri\n,http://example.org/ha\n", "line 2: a row without a name or an iri"),
    ],
)
def test_a_bad_table_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    table = tmp_path / "links.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_links(table)


def test_entities_linked_to_one_identifier_are_one_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    table = tmp_path / "links.csv"
    table.write_text(f"name,type,iri\nMark Olsen,Person,{Q_AGENCY}\nOlsen,Person,{Q_AGENCY}\n", encoding="utf-8")
    articles = [CORPUS / "olsen-mark.txt", CORPUS / "olsen-lisa.txt", CORPUS / "olsen-alone.txt"]
    result = build(articles, tmp_path / "out", links=table)
    assert result.dataset is not None
    graph = union(result.dataset)
    nodes = set(graph.subjects(OWL.sameAs, URIRef(Q_AGENCY)))
    assert nodes == {URIRef("https://w3id.org/newskg/id/person/mark-olsen")}
