"""Repairs to the statistical tagger's names, as a spaCy component (`newskg_entities`).

The small English model splits, joins and mislabels names: districts tagged as
people, "CNN" and "Turk" as two names, "Laos Zhou Mingyu" as one place,
"Jane Doe, director of X" as an organization. The repairs use the gazetteer,
the ontology's name heads and titles, and the parse; none knows any article.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newskg.gazetteer import Place, country_names, places
from newskg.lexicon import load_lexicon
from newskg.names import is_acronym

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_DEMONYM_ENDINGS = ("i", "n", "an", "ian", "ese", "ish", "ic", "ean", "er", "ite", "ni")


@Language.component("newskg_entities", requires=["doc.ents", "token.tag", "token.dep"], assigns=["doc.ents"])
def repair_entities(doc: Doc) -> Doc:
    """Split, join and relabel the tagger's names; add the names, places and surnames it missed."""
    gazetteer = places()
    ents = [piece for ent in _join_adjacent(doc) for piece in _unbracket(doc, ent)]
    ents = _sorted([*ents, *_missed_names(doc, _tokens(ents))])
    named = {token.text for ent in ents if ent.label_ == "PERSON" for token in ent}
    ents = [piece for ent in ents for piece in _split(doc, ent, gazetteer, named)]
    persons = _person_words(ents)
    ents = [_relabel(doc, ent, gazetteer, persons) for ent in ents]
    ents = [_with_first_name(ent, _tokens(ents)) for ent in ents]
    ents.extend(_names_again(doc, _tokens(ents), ents))
    ents.extend(_lone_names(doc, _tokens(ents), persons))
    ents.extend(_lone_acronyms(doc, _tokens(ents), ents))
    ents.extend(_missed_places(doc, _tokens(ents), gazetteer))
    doc.ents = _sorted(ents)
    return doc


def _tokens(ents: list[Span]) -> set[int]:
    return {token.i for ent in ents for token in ent}


def _sorted(ents: list[Span]) -> list[Span]:
    return sorted(ents, key=lambda span: span.start)


def _join_adjacent(doc: Doc) -> list[Span]:
    """ "CNN" + "Turk", tagged as two names side by side, is one name: an organization's when either half
    was one or the name ends in a word for a body ("Nigeria" + "Health Service")."""
    heads = load_lexicon().name_heads
    joined: list[Span] = []
    for ent in doc.ents:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end == ent.start
            and ent.label_ in _NAME_LABELS
            and previous.label_ in _NAME_LABELS
            and previous[-1].tag_ == "NNP"
            and ent[0].tag_ == "NNP"
        ):
            body = heads.get(ent[-1].text.lower()) == "Organization"
            label = "ORG" if body or "ORG" in (previous.label_, ent.label_) else previous.label_
            joined[-1] = Span(doc, previous.start, ent.end, label=label)
        else:
            joined.append(ent)
    return joined


def _unbracket(doc: Doc, ent: Span) -> list[Span]:
    """ "World Health Organization (WHO": the name, and the acronym in its bracket."""
    bracket = next((t.i for t in ent if t.text == "("), None)
    if bracket is None or bracket == ent.start:
        return [ent]
    pieces = [Span(doc, ent.start, bracket, label=ent.label_)]
    inside = doc[bracket + 1 : ent.end]
    if len(inside) == 1 and is_acronym(inside.text):
        pieces.append(Span(doc, bracket + 1, ent.end, label=ent.label_))
    return pieces


def _missed_names(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """Capitalised runs the tagger left out that end in a word for a body or a place ("World Health Organization")."""
    heads = load_lexicon().name_heads
    index = 0
    while index < len(doc):
        end = index
        while end < len(doc) and end not in taken and (_capitalised(doc[end]) or _joins_name(doc, end)):
            end += 1
        while end > index and not _capitalised(doc[end - 1]):
            end -= 1
        kind = heads.get(doc[end - 1].lower_) if end - index >= 2 else None
        if kind is not None:
            yield Span(doc, index, end, label="ORG" if kind == "Organization" else "LOC")
        index = max(end, index + 1)


def _capitalised(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.is_title


def _joins_name(doc: Doc, index: int) -> bool:
    """ "of", "for", "and", "on" inside a name, between capitalised words."""
    return (
        doc[index].lower_ in ("of", "for", "and", "on")
        and index > 0
        and index + 1 < len(doc)
        and _capitalised(doc[index - 1])
        and _capitalised(doc[index + 1])
    )


def _lone_acronyms(doc: Doc, taken: set[int], ents: list[Span]) -> Iterator[Span]:
    """ "WHO added ...": an acronym already seen as a name, standing alone, is that name again.

    An acronym in brackets right after an organization's name counts as seen.
    """
    known = {ent.text: ent.label_ for ent in ents if is_acronym(ent.text)}
    for ent in ents:
        if ent.label_ == "ORG" and _bracketed_acronym_after(doc, ent.end):
            known.setdefault(doc[ent.end + 1].text, "ORG")
    for token in doc:
        if token.i not in taken and token.text in known:
            yield Span(doc, token.i, token.i + 1, label=known[token.text])


def _bracketed_acronym_after(doc: Doc, index: int) -> bool:
    return (
        index + 2 < len(doc)
        and doc[index].text == "("
        and doc[index + 2].text == ")"
        and (is_acronym(doc[index + 1].text))
    )


def _split(doc: Doc, ent: Span, gazetteer: dict[str, Place], persons: set[str]) -> list[Span]:
    """ "Laos Zhou Mingyu", "Regional Council Ana Diaz": a place or body, then a person."""
    if ent.label_ not in _NAME_LABELS - {"NORP"} or len(ent) < 3:
        return [_titled(ent)]
    heads = load_lexicon().name_heads
    for cut in range(ent.start + 1, ent.end - 1):
        prefix, suffix = doc[ent.start : cut], doc[cut : ent.end]
        if not all(t.tag_ == "NNP" and t.is_title and t.lower_ not in heads for t in suffix):
            continue
        country = gazetteer.get(prefix.text.removeprefix("the ").removeprefix("The "))
        if country is not None and country.subtype == "Country":
            return [Span(doc, ent.start, cut, label="GPE"), Span(doc, cut, ent.end, label="PERSON")]
        if heads.get(prefix[-1].lower_) == "Organization" and (
            any(t.text in persons for t in suffix) or _after_title_of(doc, ent.start)
        ):
            return [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, ent.end, label="PERSON")]
    return [_titled(ent)]


def _after_title_of(doc: Doc, start: int) -> bool:
    """ "Chairman of the Planning Committee Pavel Orlov": a body's name after a title and "of", where the
    holder's name follows the body's."""
    at = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    return at >= 2 and doc[at - 1].lower_ == "of" and doc[at - 2].lower_ in load_lexicon().titles


def _titled(ent: Span) -> Span:
    """A name in apposition to a job title ("X, chief negotiator of Y") is a person's."""
    if ent.label_ in ("PERSON", "NORP"):
        return ent
    titles = load_lexicon().titles
    root = ent.root
    related = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    if any(token.lower_ in titles and token.i not in range(ent.start, ent.end) for token in related):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return Span(ent.doc, ent.start, ent.end, label="PERSON") if _after_title(ent) else ent


def _with_first_name(ent: Span, taken: set[int]) -> Span:
    """ "Lucas" left out of ", Lucas Moreno Diaz,": a capitalised proper noun that modifies a person's name
    from just before it, after a comma or bracket or at a sentence's start, and is no title, is the name's first
    word."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    opens = before.is_sent_start or (before.i > 0 and ent.doc[before.i - 1].text in (",", "(", ";", ":"))
    lexicon = load_lexicon()
    if (
        opens
        and before.tag_ == "NNP"
        and before.is_title
        and before.dep_ == "compound"
        and before.head.i in range(ent.start, ent.end)
        and before.i not in taken
        and before.lower_ not in lexicon.titles
        and before.lower_ not in lexicon.title_abbreviations
        and before.lower_ not in lexicon.honorifics
    ):
        return Span(ent.doc, before.i, ent.end, label="PERSON")
    return ent


def _after_title(ent: Span) -> bool:
    """ "Major Jean-Luc Marchetti" tagged as an organization: a name a title modifies, with no word
    for a body in it, is a person's."""
    if ent.label_ != "ORG" or ent.start == 0:
        return False
    title = ent.doc[ent.start - 1]
    heads = load_lexicon().name_heads
    return (
        title.is_title
        and title.lower_ in load_lexicon().titles
        and title.head.i in range(ent.start, ent.end)
        and all(t.is_title or t.text == "-" for t in ent)
        and not any(t.lower_ in heads for t in ent)
    )


def _person_words(ents: list[Span]) -> set[str]:
    """Words of multi-word person names: a lone surname is that person, not a town."""
    return {token.text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def _names_again(doc: Doc, taken: set[int], ents: list[Span]) -> Iterator[Span]:
    """A full person's name the tagger saw once is a person's name wherever else it is written."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            by_first.setdefault(ent[0].text, set()).add(tuple(t.text for t in ent))
    taken = set(taken)
    for token in doc:
        for name in by_first.get(token.text, ()):
            start, end = token.i, token.i + len(name)
            if (
                end <= len(doc)
                and taken.isdisjoint(range(start, end))
                and tuple(t.text for t in doc[start:end]) == name
            ):
                taken.update(range(start, end))
                yield Span(doc, start, end, label="PERSON")


def _lone_names(doc: Doc, taken: set[int], persons: set[str]) -> Iterator[Span]:
    """A surname (or given name) of a person named in full, standing alone, is that person."""
    for token in doc:
        if (
            token.i not in taken
            and token.text in persons
            and token.tag_ == "NNP"
            and _stands_alone(doc, token.i, token.i + 1)
        ):
            yield Span(doc, token.i, token.i + 1, label="PERSON")


def _relabel(doc: Doc, ent: Span, gazetteer: dict, persons: set[str]) -> Span:
    """A surname as a person, a gazetteer name as a place, a demonym or a one-word "facility"
    modifying a common noun ("the Olympic swimmer") as an adjective (NORP)."""
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if len(ent) == 1 and ent.label_ == "FAC" and _modifier(ent):
        return Span(doc, ent.start, ent.end, label="NORP")
    if len(ent) == 1 and name in persons and ent.label_ != "PERSON":
        return Span(doc, ent.start, ent.end, label="PERSON")
    if ent.label_ not in _PLACE_LABELS and name in gazetteer and name not in persons:
        start = ent.start + (1 if name != ent.text else 0)
        return _with_place_head(doc, Span(doc, start, ent.end, label="GPE"))
    if len(ent) == 1 and ent.label_ in ("PERSON", "ORG", "GPE") and is_demonym(ent.text):
        return Span(doc, ent.start, ent.end, label="NORP")
    return ent


def _missed_places(doc: Doc, taken: set[int], gazetteer: dict) -> Iterator[Span]:
    index = 0
    while index < len(doc):
        found = _place_at(doc, index, taken, gazetteer)
        if found is None:
            index += 1
            continue
        yield found
        index = found.end


def _place_at(doc: Doc, start: int, taken: set[int], gazetteer: dict) -> Span | None:
    token = doc[start]
    if token.i in taken or token.tag_ not in ("NNP", "NNPS"):
        return None
    for length in (4, 3, 2, 1):
        end = start + length
        if end > len(doc) or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        proper = all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in span)
        named = span.text in gazetteer or _dateline(doc, span, gazetteer)
        if named and proper and _stands_alone(doc, start, end) and not _modifier(span):
            return _with_place_head(doc, Span(doc, start, end, label="GPE"))
    return None


def _dateline(doc: Doc, span: Span, gazetteer: dict) -> bool:
    """ "ADDIS ABABA - The government ...": a place in capitals opening a paragraph, as datelines write it."""
    opens = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].whitespace_
    return opens and span.text.isupper() and len(span.text) >= 5 and span.text.title() in gazetteer


def _modifier(span: Span) -> bool:
    """ "Olympic swimmer": a name used as an adjective of a common noun is not a mention of a town."""
    root = span.root
    return root.dep_ in ("amod", "compound") and root.head.i >= span.end and root.head.tag_ in ("NN", "NNS")


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """Not part of a longer proper name ("Mine Action Agency", "Michael Jordan")."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    heads = load_lexicon().name_heads
    if before is not None and before.tag_ in ("NNP", "NNPS") and not before.is_sent_start:
        return False
    return not (after is not None and after.tag_ in ("NNP", "NNPS") and heads.get(after.lower_) != "Place")


def _with_place_head(doc: Doc, span: Span) -> Span:
    """Extend "Tartu" to "Tartu County" when a capitalised place word follows."""
    if span.end < len(doc):
        after = doc[span.end]
        if after.is_title and load_lexicon().name_heads.get(after.lower_) == "Place":
            return Span(doc, span.start, span.end + 1, label=span.label_)
    return span


def is_demonym(word: str) -> bool:
    """True for words such as "Georgian", "Moldovans", "Turkish": of a country, not one."""
    if not word[:1].isupper() or word in places():
        return False
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    roots = _country_roots()
    return any(stem[:cut] in roots and stem[cut:] in _DEMONYM_ENDINGS for cut in range(4, len(stem) + 1))


@cache
def _country_roots() -> frozenset[str]:
    """ "Moldova", "Moldov", "Mold": the stems a country's demonym may grow from."""
    names = (word for country in country_names() for word in country.split() if word[:1].isupper())
    return frozenset(root for name in names for root in (name, name[:-1], name[:-2]) if len(root) >= 4)
