"""A user's link table: names of things and the identifiers they stand for (Wikidata, GeoNames, their own).

Either a CSV file whose header names a `name` column (or `alias`, `label`), an
`iri` column (or `uri`, `id`, `sameas`) and, optionally, a `type` column (Person,
Organization, Place, Event, or a schema.org class); or any RDF file, in which each
subject with a name (rdfs:label, skos:prefLabel or altLabel, schema:name or
alternateName) stands for itself and for what it is owl:sameAs or
skos:exactMatch. An entity any of whose names is in the table gains the link
(`owl:sameAs`); one whose names lead to several identifiers is reported, not linked.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from newskg.errors import UsageError
from newskg.model import KINDS, Entity
from newskg.rdf.iris import is_absolute_iri
from newskg.rdf.read import read_into
from newskg.resolve.article import normalise_name

_COLUMNS = {"name": ("name", "alias", "label"), "iri": ("iri", "uri", "id", "sameas"), "type": ("type", "class")}
_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SDO.name, SDO.alternateName)
_LINKS = (OWL.sameAs, SKOS.exactMatch)
_CLASSES = {SDO[kind]: kind for kind in KINDS} | {
    SDO.Country: "Place",
    SDO.City: "Place",
    SDO.AdministrativeArea: "Place",
    SDO.GovernmentOrganization: "Organization",
    SDO.NewsMediaOrganization: "Organization",
}


@dataclass
class Links:
    """Identities (the identifiers of one thing) by (name as names compare, class or None for any class)."""

    table: dict[tuple[str, str | None], set[frozenset[str]]] = field(default_factory=dict)

    def add(self, name: str, kind: str | None, iris: frozenset[str]) -> None:
        """Record that `name` (of class `kind`, or of any class) stands for the thing with these identifiers."""
        self.table.setdefault((normalise_name(name), kind), set()).add(iris)

    def linked(self, entities: Iterable[Entity], notes: set[str] | None = None) -> tuple[Entity, ...]:
        """Entities with the identifiers their names lead to; why a name was left unlinked goes to `notes`."""
        found = []
        for entity in entities:
            linked, note = self.link(entity)
            found.append(linked)
            if note and notes is not None:
                notes.add(note)
        return tuple(found)

    def link(self, entity: Entity) -> tuple[Entity, str | None]:
        """The entity with the identifiers its names lead to; or unchanged, with a note, when they lead to
        several things."""
        found: set[frozenset[str]] = set()
        for name in (entity.label, *entity.alt_labels):
            form = normalise_name(name)
            found |= self.table.get((form, entity.kind), set()) | self.table.get((form, None), set())
        if len(found) > 1:
            shown = ", ".join(sorted(min(iris) for iris in found))
            return (
                entity,
                f"{entity.kind} {entity.label!r}: the link table gives {len(found)} things ({shown}); not linked",
            )
        if found:
            return replace(entity, same_as=tuple(sorted(set(entity.same_as).union(*found)))), None
        return entity, None


def load_links(path: str | Path) -> Links:
    """The link table in a CSV or RDF file; a UsageError naming the file (and line) when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such link table")
    links = Links()
    rows = _csv_rows(path) if path.suffix.lower() in (".csv", ".tsv") else _rdf_rows(path)
    for name, kind, iris in rows:
        links.add(name, kind, iris)
    if not links.table:
        raise UsageError(f"{path}: no links found (a CSV with name and iri columns, or RDF with labels and owl:sameAs)")
    return links


def _csv_rows(path: Path) -> Iterator[tuple[str, str | None, frozenset[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        columns = {key: _column(reader.fieldnames or [], names) for key, names in _COLUMNS.items()}
        if columns["name"] is None or columns["iri"] is None:
            raise UsageError(f"{path}: line 1: the header needs a name column and an iri column")
        for row in reader:
            name, iri = (row.get(columns["name"]) or "").strip(), (row.get(columns["iri"]) or "").strip()
            kind = _kind((row.get(columns["type"]) or "").strip()) if columns["type"] else None
            if not name or not iri:
                raise UsageError(f"{path}: line {reader.line_num}: a row without a name or an iri")
            if not is_absolute_iri(iri):
                raise UsageError(f"{path}: line {reader.line_num}: {iri!r} is not an absolute IRI")
            yield name, kind, frozenset({iri})


def _column(fields: Iterable[str], names: tuple[str, ...]) -> str | None:
    return next((f for f in fields if f and f.strip().lower().replace("_", "") in names), None)


def _kind(value: str) -> str | None:
    bare = value.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return _CLASSES.get(SDO[bare[:1].upper() + bare[1:]]) if bare else None


def _rdf_rows(path: Path) -> Iterator[tuple[str, str | None, frozenset[str]]]:
    dataset = Dataset(default_union=True)
    read_into(dataset, path)
    for subject in {s for p in _NAMES for s in dataset.subjects(p, None)}:
        if not isinstance(subject, URIRef):
            continue
        classes = {_CLASSES.get(c) for c in dataset.objects(subject, RDF.type) if isinstance(c, URIRef)} - {None}
        kinds: set[str | None] = set(classes) or {None}
        same = {str(o) for p in _LINKS for o in dataset.objects(subject, p) if isinstance(o, URIRef)}
        for name in {str(n) for p in _NAMES for n in dataset.objects(subject, p)}:
            for kind in kinds:
                yield name, kind, frozenset({str(subject)} | same)
