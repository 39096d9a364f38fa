"""Entities across a corpus: one node per real-world thing, whatever each article calls it.

Each article is resolved on its own (resolve/article.py); this step joins the entities of
all of them. Two entities are one when they share a strong key: an external id
(GeoNames, or the user's link table), or a full name of the same class: a
person's name of two words or more, an event's name, a place's name when the
gazetteer could not link it, an organization's name that is not an acronym. An
organization's name counts as the bag of its words with the country it belongs
to, so "Ministry of Defence" of one country, that country's "Ministry of Defence"
and "Ministry of Defence of" it are one, and two countries' ministries two.

Then an entity known only by weak names joins the one entity they fit: a lone
acronym that entity is known by or spells, a lone surname its full name ends or
begins with, an organization whose words (with its country) all appear in the
other's name. When several fit, it stays apart and the report says so.

Each article graph describes an entity as that article sees it (`entity_in_article`), under the
corpus's key and label: `newskg merge` reads those parts back and calls the same
function, so merging two builds gives what one build over both would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from networkx.utils import UnionFind

from newskg.knowledge.gazetteer import candidates_for, country_names
from newskg.knowledge.lexicon import load_lexicon
from newskg.knowledge.names import is_acronym
from newskg.model import Entity, ResolvedArticle
from newskg.resolve.article import entity_key, fullest, fullest_label, initials, normalise_name, seen_together, slug

Atom = tuple[int, str]  # (the article's index, its own key for the entity)


@dataclass(frozen=True)
class Merge:
    """Entities seen under different names and made one, and why: listed in the report."""

    key: str
    label: str
    names: tuple[str, ...]
    reasons: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass
class CorpusEntities:
    """Every article's entities mapped to the corpus's, with what was joined and what was left unsure."""

    key_of: dict[Atom, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    def part(self, atoms: Iterable[Atom]) -> CorpusEntities:
        """What some articles' entities (atoms) need of the corpus: their keys and the entities they are."""
        key_of = {atom: self.key_of[atom] for atom in atoms}
        return CorpusEntities(key_of, {key: self.entities[key] for key in set(key_of.values())})


@dataclass
class _Group:
    """Atoms found to be one entity, with what they have in common and why they were joined."""

    kind: str
    atoms: list[Atom]
    strong: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    place_words: frozenset[str] = frozenset()  # the words of the places an organization belongs to


def unify(articles: Sequence[tuple[str, Sequence[Entity]]]) -> CorpusEntities:
    """Join the entities of every (article name, entities) pair into the corpus's entities."""
    atoms = {(index, e.key): e for index, (_, entities) in enumerate(articles) for e in entities}
    names = [name for name, _ in articles]
    unified = CorpusEntities()
    places = _groups({a: e for a, e in atoms.items() if e.kind == "Place"}, {})
    _settle(places, atoms, names, {}, unified)
    where = {atom: unified.key_of[atom] for group in places for atom in group.atoms}
    place_words = {key: _words(entity.label) for key, entity in unified.entities.items()}
    located = {a: tuple(sorted(where.get((a[0], k), k) for k in e.located_in)) for a, e in atoms.items()}
    others = {a: e for a, e in atoms.items() if e.kind != "Place"}
    rest = _groups(others, {a: frozenset().union(*(place_words.get(k, ()) for k in located[a])) for a in others})
    rest = _join_weak(rest, others, names, unified)
    _settle(rest, atoms, names, located, unified)
    _ambiguous_places(atoms, names, unified)
    unified.merges.sort(key=lambda merge: merge.key)
    return unified


def rekey(resolved: ResolvedArticle, index: int, unified: CorpusEntities) -> ResolvedArticle:
    """An article with its entities under their corpus-wide keys and labels (see `entity_in_article`)."""
    keys = {e.key: unified.key_of[(index, e.key)] for e in resolved.entities}
    parts: dict[str, list[Entity]] = {}
    for entity in resolved.entities:
        parts.setdefault(keys[entity.key], []).append(entity)
    entities = tuple(entity_in_article(unified.entities[key], found, keys) for key, found in sorted(parts.items()))
    entity_of = {span: keys.get(key, key) for span, key in resolved.entity_of.items()}
    author = keys.get(resolved.author, resolved.author) if resolved.author else None
    return replace(resolved, entities=entities, entity_of=entity_of, author=author)


def entity_in_article(entity: Entity, parts: Sequence[Entity], keys: dict[str, str]) -> Entity:
    """How one article sees a corpus entity: the corpus's key and label, and the article's own names,
    classes, links, places and mentions (`keys` maps the article's keys to the corpus's).

    Each article graph describes an entity so; their union holds one label and every
    name, and `newskg merge` can read each article's part back.
    """
    return seen_together(Entity(entity.key, entity.kind, entity.label), parts, keys)


def _groups(atoms: dict[Atom, Entity], place_words: dict[Atom, frozenset[str]]) -> list[_Group]:
    """Atoms that share a strong key (or, for weak names only, the same weak name), as groups."""
    union = UnionFind(atoms)
    first: dict[str, Atom] = {}
    keys_of = {atom: _keys(entity, place_words.get(atom, frozenset())) for atom, entity in atoms.items()}
    for atom in sorted(atoms):
        for key in keys_of[atom]:
            union.union(first.setdefault(key, atom), atom)
    groups = []
    for members in union.to_sets():
        ordered = sorted(members)
        strong = {key for atom in ordered for key in keys_of[atom] if not key.startswith("weak ")}
        reasons = {_reason(key) for key in _shared_keys(ordered, keys_of)}
        words = frozenset().union(*(place_words.get(atom, ()) for atom in ordered))
        groups.append(_Group(atoms[ordered[0]].kind, ordered, strong, reasons, words))
    return groups


def _shared_keys(atoms: list[Atom], keys_of: dict[Atom, set[str]]) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for atom in atoms:
        shared |= keys_of[atom] & seen
        seen |= keys_of[atom]
    return shared


def _reason(key: str) -> str:
    kind = key.split(" ", 2)[1]
    return {"id": "same identifier", "name": "same name", "words": "same words with its country"}.get(kind, "same name")


def _keys(entity: Entity, place_words: frozenset[str]) -> set[str]:
    """The strong keys of an entity, or its one weak key when it has none."""
    ids = {f"{entity.kind} id {link}" for link in entity.same_as}
    if entity.kind == "Place" and ids:
        return ids
    names = (entity.label, *entity.alt_labels)
    strong = ids | {key for name in names if (key := _name_key(entity.kind, name, place_words))}
    if strong:
        return strong
    return {f"weak {entity.kind} {normalise_name(name)}" for name in names[:1]}


def _name_key(kind: str, name: str, place_words: frozenset[str]) -> str | None:
    form = normalise_name(name)
    if kind == "Person":
        return f"{kind} name {form}" if len(form.split()) > 1 else None
    if kind != "Organization":
        return f"{kind} name {form}"
    if is_acronym(name):
        return None
    words = _words(name) | place_words
    if words & (_countries() | place_words):
        return f"{kind} words {' '.join(sorted(words))}"
    return f"{kind} name {form}"


def _words(name: str) -> frozenset[str]:
    form = normalise_name(name).replace("'s ", " ").replace("-", " ")
    return frozenset(word for word in form.split() if word not in load_lexicon().stop_words and word != "s")


@cache
def _countries() -> frozenset[str]:
    """The words of country names, which make an organization's name one country's."""
    return frozenset(word for name in country_names() for word in _words(name))


def _join_weak(
    groups: list[_Group], atoms: dict[Atom, Entity], names: list[str], unified: CorpusEntities
) -> list[_Group]:
    """Each group known only by weak names, or by words all found in one other name, joins the one group it fits."""
    strong = [group for group in groups if group.strong]
    index = _NameIndex(strong, atoms)
    parent: dict[int, int] = {}
    for group in groups:
        fits = [id(g) for g in index.fits(group, atoms) if g is not group]
        if len(fits) == 1:
            parent[id(group)] = fits[0]
        elif len(fits) > 1:
            label = fullest(sorted(_names(group, atoms)))
            where = _some({names[a[0]] for a in group.atoms})
            unified.ambiguous.append(f"{group.kind} {label!r} ({where}) may be any of {len(fits)} others; kept apart")
    return _joined(groups, parent)


def _joined(groups: list[_Group], parent: dict[int, int]) -> list[_Group]:
    by_id = {id(group): group for group in groups}
    union = UnionFind(by_id)
    for child, target in parent.items():
        union.union(child, target)
    result = []
    for members in union.to_sets():
        parts = [by_id[m] for m in members]
        atoms = sorted(atom for part in parts for atom in part.atoms)
        strong = set().union(*(p.strong for p in parts))
        words = frozenset().union(*(p.place_words for p in parts))
        merged = _Group(parts[0].kind, atoms, strong, set().union(*(p.reasons for p in parts)), words)
        if len(parts) > 1:
            merged.reasons.add("short name or words within a fuller one")
        result.append(merged)
    return result


class _NameIndex:
    """Strong groups by the words, acronyms and word bags of their names, for finding what a weak name fits."""

    def __init__(self, groups: list[_Group], atoms: dict[Atom, Entity]) -> None:
        self.by_name: dict[tuple[str, str], list[_Group]] = {}
        self.bags: dict[tuple[str, str], list[tuple[frozenset[str], _Group]]] = {}
        for group in groups:
            for name in _names(group, atoms):
                for key in self._short_forms(group.kind, name):
                    self._add(self.by_name, (group.kind, key), group)
                if group.kind == "Organization" and not is_acronym(name):
                    bag = _words(name)
                    for word in bag:
                        self.bags.setdefault((group.kind, word), []).append((bag, group))

    @staticmethod
    def _add(index: dict[tuple[str, str], list[_Group]], key: tuple[str, str], group: _Group) -> None:
        found = index.setdefault(key, [])
        if not found or found[-1] is not group:
            found.append(group)

    @staticmethod
    def _short_forms(kind: str, name: str) -> set[str]:
        form = normalise_name(name)
        if kind == "Person" and len(form.split()) > 1:
            return {form.split()[0], form.split()[-1]}
        if kind == "Organization":
            return {form} if is_acronym(name) else {initials(name).casefold()}
        return set()

    def fits(self, group: _Group, atoms: dict[Atom, Entity]) -> list[_Group]:
        """The strong groups a group's names fit, each once."""
        found: dict[int, _Group] = {}
        for name in _names(group, atoms):
            if not group.strong:
                for other in self.by_name.get((group.kind, normalise_name(name)), ()):
                    found[id(other)] = other
            elif group.kind == "Organization" and not is_acronym(name):
                for other in self._containing(group.kind, _words(name) | group.place_words):
                    found[id(other)] = other
        return list(found.values())

    def _containing(self, kind: str, bag: frozenset[str]) -> list[_Group]:
        if len(bag) < 3 or not bag & _countries():
            return []
        rarest = min(bag, key=lambda word: len(self.bags.get((kind, word), ())))
        return [group for other, group in self.bags.get((kind, rarest), ()) if bag < other]


def _names(group: _Group, atoms: dict[Atom, Entity]) -> set[str]:
    return {name for atom in group.atoms for name in (atoms[atom].label, *atoms[atom].alt_labels)}


def _settle(
    groups: list[_Group],
    atoms: dict[Atom, Entity],
    names: list[str],
    located: dict[Atom, tuple[str, ...]],
    unified: CorpusEntities,
) -> None:
    """Each group becomes one entity with a corpus-wide key; every atom is mapped to it.

    Two groups that would take the same key (one name, two things the text told
    apart) each take a suffix from their strong keys.
    """
    made = [(group, _entity(group, atoms, located, unified)) for group in groups]
    taken: dict[str, int] = {}
    for _, entity in made:
        taken[entity.key] = taken.get(entity.key, 0) + 1
    for group, entity in made:
        if taken[entity.key] > 1:
            known_by = sorted(group.strong) or sorted(_names(group, atoms))
            digest = hashlib.sha256("\n".join(known_by).encode()).hexdigest()[:6]
            entity = replace(entity, key=f"{entity.key}-{digest}")
        unified.entities[entity.key] = entity
        unified.key_of.update((atom, entity.key) for atom in group.atoms)
        _note_merge(group, entity, atoms, names, unified)


def _entity(
    group: _Group, atoms: dict[Atom, Entity], located: dict[Atom, tuple[str, ...]], unified: CorpusEntities
) -> Entity:
    parts = [atoms[atom] for atom in group.atoms]
    seen = _names(group, atoms)
    label = fullest_label(sorted(seen))
    places = tuple(sorted({key for atom in group.atoms for key in located.get(atom, ())}))
    same_as = tuple(sorted({link for part in parts for link in part.same_as}))
    geo = next((part.geo for part in parts if part.geo is not None), None)
    return Entity(
        key=_key(group.kind, fullest(sorted(seen)), same_as, places, unified),
        kind=group.kind,
        label=label,
        alt_labels=tuple(sorted(seen - {label})),
        subtypes=tuple(sorted({subtype for part in parts for subtype in part.subtypes})),
        same_as=same_as,
        geo=geo,
        located_in=places,
        candidates=() if same_as else tuple(sorted({c for part in parts for c in part.candidates})),
    )


def _key(kind: str, label: str, same_as: tuple[str, ...], places: tuple[str, ...], unified: CorpusEntities) -> str:
    """A corpus-wide key from the label: a place that shares its name with others takes its GeoNames id,
    an organization named without its country takes the country's name first."""
    geonames = [link for link in same_as if link.startswith("https://sws.geonames.org/")]
    if kind == "Place" and geonames and len(candidates_for(label)) > 1:
        return f"{entity_key(kind, label)}-{geonames[0].rstrip('/').rsplit('/', 1)[1]}"
    owners = [unified.entities[key].label for key in places if key in unified.entities]
    if kind == "Organization" and owners and not _words(owners[0]) <= _words(label):
        return f"{kind.lower()}/{slug(normalise_name(owners[0] + ' ' + label))}"
    return entity_key(kind, label)


def _note_merge(
    group: _Group, entity: Entity, atoms: dict[Atom, Entity], names: list[str], unified: CorpusEntities
) -> None:
    labels = {normalise_name(atoms[atom].label) for atom in group.atoms}
    if len(labels) > 1:
        articles = tuple(sorted({names[atom[0]] for atom in group.atoms}))
        seen = (entity.label, *entity.alt_labels)
        unified.merges.append(Merge(entity.key, entity.label, seen, tuple(sorted(group.reasons)), articles))


def _ambiguous_places(atoms: dict[Atom, Entity], names: list[str], unified: CorpusEntities) -> None:
    """One note per place name left unlinked because several GeoNames places have it."""
    unsure: dict[str, tuple[int, set[str]]] = {}
    for atom, entity in sorted(atoms.items()):
        if entity.candidates:
            count, where = unsure.setdefault(entity.label, (len(entity.candidates), set()))
            where.add(names[atom[0]])
    for label, (count, where) in sorted(unsure.items()):
        unified.ambiguous.append(f"Place {label!r} ({_some(where)}) may be any of {count} GeoNames places; not linked")


def _some(articles: set[str], shown: int = 3) -> str:
    """A few article names, and how many more."""
    first = sorted(articles)[:shown]
    more = f" and {len(articles) - shown} more" if len(articles) > shown else ""
    return ", ".join(first) + more
