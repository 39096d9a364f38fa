"""Mentions to entities: one entity per real-world thing, within an article and across a build.

Within an article, names that differ only in case, a leading "the" or a
possessive are one entity; a lone surname joins the full name it ends; an
acronym joins the name it abbreviates (by initials, or written in brackets
after it); "Georgia's Demining Agency" joins "Demining Agency".
Pronouns and definite descriptions ("the agency") join the most recent
compatible entity. Each entity's key is minted from its class and its fullest
name, so the same entity in two articles, or two builds, gets the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from newskg.knowledge.gazetteer import Context, candidates_for, link
from newskg.knowledge.lexicon import load_lexicon
from newskg.knowledge.names import is_acronym, is_demonym
from newskg.model import KINDS, Entity, Extraction, Mention, ResolvedArticle, Span

_POSSESSIVE = re.compile(r"^(.+?)['’]s\s+(.+)$")
_OR = ", or "  # between an organization's name and the short name it goes by
_GENDER_REACH = 400  # characters back within which a person of the pronoun's known gender is preferred


@dataclass
class _Cluster:
    kind: str
    names: list[Mention] = field(default_factory=list)
    references: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.span.start for m in self.names)

    @property
    def texts(self) -> set[str]:
        """The distinct names as written."""
        return {m.span.text for m in self.names}

    @property
    def forms(self) -> set[str]:
        """The distinct names in the form they compare in."""
        return {normalise_name(text) for text in self.texts}


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """Fold case and quotes, drop invisible characters, a leading "the" and a trailing possessive: the form
    names compare in."""
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc") or c in "\t\n\r")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').strip()
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def slug(text: str) -> str:
    """An IRI-safe path segment from any name: ASCII letters and digits joined by hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if cleaned:
        return cleaned[:120]
    return "u" + "".join(f"{ord(c):x}" for c in text.strip())[:120]


def entity_key(kind: str, label: str) -> str:
    """The build-wide key of an entity: its class and the slug of its label."""
    return f"{kind.lower()}/{slug(normalise_name(label))}"


def resolve(extraction: Extraction) -> ResolvedArticle:
    """Cluster an article's mentions into entities and map every mention span to its entity."""
    names = [m for m in extraction.mentions if m.form in ("name", "acronym")]
    clusters = _name_clusters(names, extraction.article.text, extraction.article.author)
    references = [m for m in extraction.mentions if m.form in ("pronoun", "description", "generic")]
    titles = {role.person: role.title for role in extraction.roles}
    _attach_references(clusters, references, titles, extraction.article.text)
    ordered = sorted(clusters, key=lambda c: c.first)
    entities = [_entity(cluster) for cluster in ordered]
    entity_of = {(span.start, span.end): entity.key for entity in entities for span in entity.mentions}
    entities = [_located(entity, cluster, entity_of) for entity, cluster in zip(entities, ordered, strict=True)]
    entities = _one_per_key(_linked(_with_author(entities, extraction.article.author)))
    entity_of.update({(span.start, span.end): entity.key for entity in entities for span in entity.mentions})
    return ResolvedArticle(extraction, tuple(entities), entity_of, author=author_key(extraction.article.author))


def _one_per_key(entities: list[Entity]) -> list[Entity]:
    """Entities whose names differ only in what a key cannot show ("Mine-Action Agency", "Mine Action Agency")
    are one: their names, mentions, classes and links together."""
    by_key: dict[str, list[Entity]] = {}
    for entity in entities:
        by_key.setdefault(entity.key, []).append(entity)
    return [parts[0] if len(parts) == 1 else merged_entity(parts) for parts in by_key.values()]


def merged_entity(parts: Sequence[Entity]) -> Entity:
    """Entities of one key as one: the fullest of their names for its label, and everything they were seen with."""
    names = {name for part in parts for name in (part.label, *part.alt_labels)}
    return seen_together(replace(parts[0], label=fullest_label(sorted(names))), parts)


def seen_together(entity: Entity, parts: Sequence[Entity], keys: Mapping[str, str] | None = None) -> Entity:
    """`entity`'s key, class and label with everything its parts were seen with: their other names, classes,
    mentions, links, coordinates, candidates and places (the places' keys mapped through `keys`)."""
    names = {name for part in parts for name in (part.label, *part.alt_labels)}
    keys = keys or {}
    return replace(
        entity,
        alt_labels=tuple(sorted(names - {entity.label})),
        subtypes=tuple(sorted({s for part in parts for s in part.subtypes})),
        mentions=tuple(sorted({m for part in parts for m in part.mentions})),
        same_as=tuple(sorted({link for part in parts for link in part.same_as})),
        geo=next((part.geo for part in parts if part.geo is not None), None),
        located_in=tuple(sorted({keys.get(key, key) for part in parts for key in part.located_in})),
        candidates=tuple(sorted({c for part in parts for c in part.candidates})),
    )


def _located(entity: Entity, cluster: _Cluster, entity_of: dict[tuple[int, int], str]) -> Entity:
    """ "Georgia's Demining Agency": the organization is located in the place that owns its name."""
    if entity.kind != "Organization":
        return entity
    owners = {entity_of.get((m.qualifier.start, m.qualifier.end)) for m in cluster.names if m.qualifier}
    places = tuple(sorted(key for key in owners if key and key.startswith("place/")))
    return replace(entity, located_in=places) if places else entity


def _name_clusters(names: list[Mention], text: str, author: str | None) -> list[_Cluster]:
    groups: dict[str, list[Mention]] = {}
    for mention in names:
        groups.setdefault(normalise_name(mention.span.text), []).append(mention)
    byline = normalise_name(author) if author else None
    clusters = [_Cluster("Person" if key == byline else _vote(group), list(group)) for key, group in groups.items()]
    for merge in (_merge_acronyms, _merge_aliases, _merge_surnames, _merge_qualified, _merge_bodies):
        clusters = merge(clusters, text)
    return clusters


def _vote(group: list[Mention]) -> str:
    counts = Counter(m.kind for m in group if m.form == "name") or Counter(m.kind for m in group)
    best = max(counts.values())
    return next(kind for kind in KINDS if counts.get(kind) == best)


def _label_of(cluster: _Cluster) -> str:
    return fullest(sorted({m.span.text for m in cluster.names}))


def fullest(texts: list[str]) -> str:
    """The fullest proper name: no possessive qualifier if any form lacks one, then most words, then the
    longest, then the first given."""
    cleaned = [_clean(text) for text in texts]
    plain = [t for t in cleaned if not _POSSESSIVE.match(t) and not is_acronym(t)] or cleaned
    return max(plain, key=lambda t: (len(t.split()), len(t), -cleaned.index(t)))


def fullest_label(texts: list[str]) -> str:
    """The fullest name to show: the most words, a possessive qualifier counting ("Chile's Demining Office"
    over "Demining Office") unless its owner is not a name ("the country's office"); at equal words a form
    without a possessive ("Chilean Demining Office"), then as `fullest`. Keys keep `fullest`, so they
    do not move when a qualified form is seen."""
    cleaned = [_clean(text) for text in texts]
    named = [t for t in cleaned if not is_acronym(t) and not _common_owner(t)] or cleaned
    return max(named, key=lambda t: (len(t.split()), not _POSSESSIVE.match(t), len(t), -cleaned.index(t)))


def qualifies(label: str, names: set[str]) -> bool:
    """Whether a label is one of the names with a possessive qualifier before it ("Chile's" + "Demining Office")."""
    owned = _POSSESSIVE.match(label)
    return owned is not None and normalise_name(owned.group(2)) in {normalise_name(name) for name in names}


def _common_owner(text: str) -> bool:
    owner = _POSSESSIVE.match(text)
    return owner is not None and not owner.group(1)[:1].isupper()


def _clean(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def initials(name: str) -> str:
    """The capital initials of a name's words, small words left out: what its acronym would be."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in load_lexicon().stop_words).upper()


def _merge_acronyms(clusters: list[_Cluster], text: str) -> list[_Cluster]:
    """NDA joins "National Demining Agency", or the name it is bracketed after."""
    for short in [c for c in clusters if all(is_acronym(m.span.text) for m in c.names)]:
        acronym = short.names[0].span.text.replace(".", "")
        target = _bracketed_before(short, clusters, text) or next(
            (
                c
                for c in clusters
                if c is not short and c.kind != "Person" and any(initials(_clean(t)) == acronym for t in c.texts)
            ),
            None,
        )
        if target is not None:
            target.names.extend(short.names)
            clusters = [c for c in clusters if c is not short]
    return clusters


def _bracketed_before(short: _Cluster, clusters: list[_Cluster], text: str) -> _Cluster | None:
    """The name an acronym is written right after: "the Centre (RDC)" or "the Centre, RDC" (after a comma,
    only an organization's name: "East of Millbrook, NDA is building" starts a new clause); of the acronym's own
    class unless its initials fit ("CITY, Country (WIRE)" is a credit, not the country's acronym)."""
    acronym = short.names[0].span.text.replace(".", "")
    for mention in short.names:
        opened = text[max(0, mention.span.start - 2) : mention.span.start]
        if not (opened.endswith("(") or opened == ", "):
            continue
        for cluster in clusters:
            after_comma_ok = opened.endswith("(") or cluster.kind == "Organization"
            if (
                cluster is not short
                and after_comma_ok
                and (cluster.kind == short.kind or any(initials(_clean(t)) == acronym for t in cluster.texts))
                and any(0 <= mention.span.start - m.span.end <= 2 for m in cluster.names)
            ):
                return cluster
    return None


def _merge_aliases(clusters: list[_Cluster], text: str) -> list[_Cluster]:
    """ "Asia Cargo Holdings Ltd, or AsiaCargo": a one-word name written after an organization's name and ", or",
    with its first letter, is that organization's short name, whatever the tagger typed it."""
    ends = {
        name.span.end: (cluster, _clean(name.span.text)[:1])
        for cluster in clusters
        if cluster.kind == "Organization"
        for name in cluster.names
        if len(name.span.text.split()) > 1
    }
    for short in [c for c in clusters if all(len(m.span.text.split()) == 1 for m in c.names)]:
        after = [ends.get(m.span.start - len(_OR)) for m in short.names if text.endswith(_OR, 0, m.span.start)]
        target = next((c for c, initial in filter(None, after) if initial == short.names[0].span.text[:1]), None)
        if target is not None and target is not short:
            target.names.extend(short.names)
            clusters = [c for c in clusters if c is not short]
    return clusters


def _merge_surnames(clusters: list[_Cluster], text: str) -> list[_Cluster]:
    """A one-word person name joins the one full name it ends (or begins, for a given name)."""
    people = [c for c in clusters if c.kind == "Person"]
    for short in [c for c in people if all(len(m.span.text.split()) == 1 for m in c.names)]:
        word = normalise_name(short.names[0].span.text)
        fuller = [
            c for c in people if c is not short and any(len(f.split()) > 1 and word in f.split() for f in c.forms)
        ]
        if len(fuller) == 1:
            fuller[0].names.extend(short.names)
            clusters = [c for c in clusters if c is not short]
    return clusters


def _merge_qualified(clusters: list[_Cluster], text: str) -> list[_Cluster]:
    """ "Georgia's Demining Agency" and "Georgian Demining Agency" join "Demining Agency", and each other."""
    for cluster in [c for c in clusters if c.kind == "Organization"]:
        for other in clusters:
            if other is cluster or other.kind != "Organization" or cluster not in clusters:
                continue
            if any(
                _ends_with(mine, theirs) or _same_country_form(mine, theirs)
                for mine in cluster.forms
                for theirs in other.forms
            ):
                other.names.extend(cluster.names)
                clusters = [c for c in clusters if c is not cluster]
                break
    return clusters


def _merge_bodies(clusters: list[_Cluster], text: str) -> list[_Cluster]:
    """A lone body word ("Government") joins the one organization named after it in full ("government of X")."""
    for short in [c for c in clusters if c.kind == "Organization" and all(" " not in f for f in c.forms)]:
        word = next(iter(short.forms)) + " of "
        fuller = [c for c in clusters if c.kind == "Organization" and any(f.startswith(word) for f in c.forms)]
        if len(fuller) == 1:
            fuller[0].names.extend(short.names)
            clusters = [c for c in clusters if c is not short]
    return clusters


def _same_country_form(one: str, other: str) -> bool:
    """ "peru's water board" and "peruvian water board": one name after a country's possessive and after
    its nationality adjective (the adjective grows from the country's name)."""
    first, _, rest = one.partition(" ")
    second, _, other_rest = other.partition(" ")
    if rest != other_rest or len(rest.split()) < 2 or first == second:
        return False
    owner = next((word[:-2] for word in (first, second) if word.endswith("'s")), None)
    adjective = second if first.endswith("'s") else first
    return owner is not None and len(owner) >= 4 and adjective.startswith(owner[:-1]) and is_demonym(adjective.title())


def _ends_with(longer: str, shorter: str) -> bool:
    return len(shorter.split()) >= 2 and longer != shorter and longer.endswith(" " + shorter)


def _attach_references(clusters: list[_Cluster], references: list[Mention], titles: dict[Span, str], text: str) -> None:
    """Each pronoun or description joins the most recent compatible entity before it ("the minister" a
    person whose job title has that word).

    A possessive pronoun that opens its sentence ("In his interview, President X said")
    points forward, to the first compatible name later in that sentence. One sweep through
    the text, keeping where each entity was last mentioned.
    """
    events: list[tuple[int, int, Mention, _Cluster | None]] = [
        (m.span.start, 0, m, c) for c in clusters for m in c.names
    ] + [(r.span.start, 1, r, None) for r in references]
    events.sort(key=lambda e: (e[0], e[1]))
    ahead = _first_names_by_sentence(clusters)
    traits = {id(cluster): _Traits.of(cluster, titles) for cluster in clusters}
    last: dict[int, tuple[int, _Cluster]] = {}
    for start, _, mention, cluster in events:
        if cluster is not None:
            last[id(cluster)] = (start, cluster)
            continue
        target = (
            _cataphor(ahead, mention, traits, text)
            or _latest(last, mention, traits)
            or _named_after(mention, clusters, traits)
        )
        if target is not None:
            target.references.append(mention)
            last[id(target)] = (start, target)
            if mention.gender and not traits[id(target)].gender:
                traits[id(target)] = replace(traits[id(target)], gender=mention.gender)


@dataclass(frozen=True)
class _Traits:
    """What references are matched against, worked out once per entity: its class, country-ness, name words
    and gender (from a word before a name, or learned from the first gendered pronoun that refers to it)."""

    kind: str
    country: bool
    words: frozenset[str]
    subtypes: frozenset[str | None] = frozenset()
    gender: str | None = None
    news: bool = False

    @classmethod
    def of(cls, cluster: _Cluster, titles: dict[Span, str]) -> _Traits:
        held = [titles[m.span].lower() for m in cluster.names if m.span in titles]
        words = frozenset(word for form in [*cluster.forms, *held] for word in form.split())
        subtypes = frozenset(m.subtype for m in cluster.names)
        gender = next((m.gender for m in cluster.names if m.gender), None)
        news = "NewsMediaOrganization" in subtypes
        return cls(cluster.kind, "Country" in subtypes, words, subtypes, gender, news)


def _latest(last: dict[int, tuple[int, _Cluster]], reference: Mention, traits: dict[int, _Traits]) -> _Cluster | None:
    """The most recent compatible entity; for a generic description ("the agency"), one whose name has its
    word wins; for "he" or "she", one known to be of that gender and mentioned shortly before wins over a
    more recent one whose gender is unknown."""
    compatible = [(start, c) for start, c in last.values() if _compatible(traits[id(c)], reference)]
    if reference.form == "generic":
        named = [(s, c) for s, c in compatible if reference.head in traits[id(c)].words]
        compatible = named or compatible
    if reference.gender:
        near = reference.span.start - _GENDER_REACH
        known = [(s, c) for s, c in compatible if traits[id(c)].gender == reference.gender and s >= near]
        compatible = known or compatible
    return max(compatible, key=lambda pair: pair[0])[1] if compatible else None


def _named_after(reference: Mention, clusters: list[_Cluster], traits: dict[int, _Traits]) -> _Cluster | None:
    """ "The army, commanded by X, ..." before the article names the army: a description nothing before it fits
    stands for the first fitting entity named after it."""
    if reference.form != "description":
        return None
    later = [
        (min(m.span.start for m in cluster.names if m.span.start > reference.span.start), cluster)
        for cluster in clusters
        if _compatible(traits[id(cluster)], reference)
        and any(m.span.start > reference.span.start for m in cluster.names)
    ]
    return min(later, key=lambda pair: pair[0])[1] if later else None


def _first_names_by_sentence(clusters: list[_Cluster]) -> dict[int, list[tuple[Span, _Cluster]]]:
    by_sentence: dict[int, list[tuple[Span, _Cluster]]] = {}
    for cluster in clusters:
        for mention in cluster.names:
            by_sentence.setdefault(mention.sentence, []).append((mention.span, cluster))
    return by_sentence


def _cataphor(
    by_sentence: dict[int, list[tuple[Span, _Cluster]]], reference: Mention, traits: dict[int, _Traits], text: str
) -> _Cluster | None:
    if reference.form != "pronoun" or reference.head not in ("his", "her"):
        return None
    same = [(span, c) for span, c in by_sentence.get(reference.sentence, ()) if _compatible(traits[id(c)], reference)]
    if not same or min(span.start for span, _ in same) < reference.span.start:
        return None
    first, cluster = min(same, key=lambda pair: pair[0].start)
    return None if _owned_apposition(text, reference, first) else cluster


_APPOSITION = re.compile(r"\s+[^\W\d_]+(?:[ -][^\W\d_]+)?\s*,\s*")


def _owned_apposition(text: str, pronoun: Mention, name: Span) -> bool:
    """ "His deputy, X, disagreed": a name set between commas beside the noun that the pronoun opening the
    sentence owns is that noun, so the pronoun is someone else ("In his speech, X said" is X's own)."""
    opens = pronoun.span.start == pronoun.sentence
    between = _APPOSITION.fullmatch(text, pronoun.span.end, name.start) is not None
    return opens and between and text[name.end : name.end + 1] == ","


def _compatible(traits: _Traits, reference: Mention) -> bool:
    if reference.form == "pronoun" and reference.head == "its":
        return traits.kind == "Organization" or traits.country
    if reference.form == "pronoun":
        return traits.kind == reference.kind and _same_gender(traits, reference)
    if reference.form == "generic":
        return traits.kind == reference.kind and not traits.news
    return traits.kind == reference.kind and _named_by(traits, reference.head) and _same_gender(traits, reference)


def _named_by(traits: _Traits, noun: str) -> bool:
    """Whether an entity's names (or titles) have a description's noun, or words a name says it with
    (`description_names` in entities.toml: "the army" and "Armed Forces")."""
    names = load_lexicon().description_names.get(noun, ())
    return noun in traits.words or any(set(name.split()) <= traits.words for name in names)


def _same_gender(traits: _Traits, reference: Mention) -> bool:
    """Nothing says the two differ in gender."""
    return reference.gender in (None, traits.gender or reference.gender)


def _entity(cluster: _Cluster) -> Entity:
    seen = {_clean(m.span.text) for m in cluster.names} | _qualified_names(cluster)
    label = fullest_label(sorted(seen))
    subtypes = sorted({m.subtype for m in cluster.names if m.subtype})
    spans = sorted({m.span for m in cluster.names + cluster.references})
    key = entity_key(cluster.kind, _label_of(cluster))
    return Entity(key, cluster.kind, label, tuple(sorted(seen - {label})), tuple(subtypes), tuple(spans))


def _qualified_names(cluster: _Cluster) -> set[str]:
    """ "Georgia's Mine Action Agency", when the possessive stood outside the tagged name."""
    return {
        f"{m.qualifier.text}'s {m.span.text}"
        for m in cluster.names
        if m.qualifier is not None and m.qualifier.end <= m.span.start and cluster.kind == "Organization"
    }


def _linked(entities: list[Entity]) -> list[Entity]:
    """Places linked to their GeoNames id and coordinates, when the gazetteer and the article's other places
    say which place a name means; a name left with several candidates keeps them, unlinked."""
    context = Context.of(name for e in entities if e.kind == "Place" for name in (e.label, *e.alt_labels))
    return [_link_place(entity, context) if entity.kind == "Place" else entity for entity in entities]


def _link_place(entity: Entity, context: Context) -> Entity:
    place = link(entity.label, context)
    if place is None or place.iri is None:
        options = tuple(sorted(p.iri for p in candidates_for(entity.label) if p.iri))
        return replace(entity, candidates=options) if len(options) > 1 else entity
    geo = (place.latitude, place.longitude) if place.latitude is not None and place.longitude is not None else None
    return replace(entity, subtypes=(place.subtype,), same_as=(place.iri,), geo=geo)


def _with_author(entities: list[Entity], author: str | None) -> list[Entity]:
    if not author:
        return entities
    key = entity_key("Person", author)
    if any(entity.key == key for entity in entities):
        return entities
    return [*entities, Entity(key, "Person", author)]


def author_key(author: str | None) -> str | None:
    """The entity key of an article's author."""
    return entity_key("Person", author) if author else None
