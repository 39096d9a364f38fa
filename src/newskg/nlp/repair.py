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

from newskg.knowledge.gazetteer import Place, places
from newskg.knowledge.lexicon import load_lexicon
from newskg.knowledge.names import is_acronym, is_demonym
from newskg.nlp.texts import span_text

_RELABELLED = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"}  # labels of names a gazetteer name may overrule
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_DATELINE_TOKENS = 8
_OF_CHAIN = 4  # "of" phrases at most between a title and the body named at their end
_DASHES = {"-", "–", "—", "--"}
_RELABEL_RULES = (
    "after an honorific",
    "facility as modifier",
    "surname",
    "used as a place",
    "demonym",
    "a person by who or age",
    "no person after the",
    "a name before a word for a news outlet",
    "a lone word where a place goes",
)
_WHERE = {"in", "across", "throughout", "into", "inside", "outside", "near"}
_RELATIVE_PERSON = {"who", "whom", "whose"}


@Language.component("newskg_entities", requires=["doc.ents", "token.tag", "token.dep"], assigns=["doc.ents"])
def repair_entities(doc: Doc) -> Doc:
    """Split, join and relabel the tagger's names; add the names, places and surnames it missed."""
    doc.ents = list(repair_stages(doc))[-1][1]
    return doc


def repair_stages(doc: Doc) -> Iterator[tuple[str, list[Span]]]:
    """The names after each repair, with the repair's name: what `repair_entities` does, step by step, so a
    benchmark can say which repair changed a name's type. Leaves `doc.ents` as the tagger set them."""
    gazetteer = places()
    tokens = list(doc)  # each index into a Doc makes a new Token: made once here, for every repair
    ents = [piece for ent in _join_adjacent(doc) for piece in _unbracket(doc, ent)]
    yield "join adjacent names / unbracket", ents
    ents = _hyphenated_places(doc, tokens, ents, gazetteer)
    yield "hyphenated place name", ents
    ents = _dateline_credits(doc, tokens, ents, gazetteer)
    yield "news agency credited in a dateline", ents
    ents = _sorted([*ents, *_missed_names(doc, tokens, _tokens(ents))])
    yield "missed name by its head word", ents
    named = {token.text for ent in ents if ent.label_ == "PERSON" for token in ent}
    ents = [piece for ent in ents for piece in _split(doc, ent, gazetteer, named)]
    yield "split place/body from person, titled apposition", ents
    persons = _person_words(ents)
    placed = _placed_names(ents, gazetteer)
    relabelled = [_relabel(doc, ent, placed, persons) for ent in ents]
    for rule in _RELABEL_RULES:
        ents = [new if why == rule else old for old, (new, why) in zip(ents, relabelled, strict=True)]
        yield f"relabel: {rule}", ents
    covered = _tokens(ents)
    ents = [_with_first_name(ent, covered) for ent in ents]
    yield "first name left out", ents
    ents = [*ents, *_names_again(doc, tokens, _tokens(ents), ents)]
    yield "full name again", ents
    ents = [*ents, *_lone_names(doc, tokens, _tokens(ents), persons)]
    yield "lone surname", ents
    ents = [*ents, *_lone_acronyms(doc, tokens, _tokens(ents), ents)]
    yield "lone acronym", ents
    yield "missed gazetteer place", _sorted([*ents, *_missed_places(doc, tokens, _tokens(ents), gazetteer)])


def _tokens(ents: list[Span]) -> set[int]:
    """The indexes of the tokens the names cover."""
    return {index for ent in ents for index in range(ent.start, ent.end)}


def _sorted(ents: list[Span]) -> list[Span]:
    return sorted(ents, key=lambda span: span.start)


def _join_adjacent(doc: Doc) -> list[Span]:
    """ "CNN" + "Turk", tagged as two names side by side, is one name: an organization's when either half
    was one or the name ends in a word for a body ("Nigeria" + "Health Service"). A person's full name
    after another kind of name ("State" + "Jane Doe") stays apart unless it ends in a word for a body."""
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
            labels = (previous.label_, ent.label_)
            if ent.label_ == "PERSON" and len(ent) > 1 and previous.label_ != "PERSON" and not body:
                joined.append(ent)
                continue
            label = "ORG" if body or "ORG" in labels else previous.label_
            joined[-1] = Span(doc, previous.start, ent.end, label=label)
        else:
            joined.append(ent)
    return joined


def _hyphenated_places(doc: Doc, tokens: list[Token], ents: list[Span], gazetteer: dict[str, Place]) -> list[Span]:
    """ "Stratford-upon-Avon": a place name the tokenizer cut at its hyphens (and the tagger then read as
    several names) is one place, when the gazetteer knows it whole. (`tokens`: the Doc's, in a list.)"""
    places_found: list[Span] = []
    index = 0
    while index < len(tokens):
        end = index
        while end + 1 < len(tokens) and not tokens[end].whitespace_ and not tokens[end].is_space:
            end += 1
        run = tokens[index : end + 1]
        if (
            len(run) >= 3
            and run[0].is_title
            and any(t.text == "-" for t in run)
            and span_text(doc[index : end + 1]) in gazetteer
        ):
            places_found.append(Span(doc, index, end + 1, label="GPE"))
        index = end + 1
    if not places_found:
        return ents
    covered = _tokens(places_found)
    return _sorted([ent for ent in ents if covered.isdisjoint(range(ent.start, ent.end))] + places_found)


def _dateline_credits(doc: Doc, tokens: list[Token], ents: list[Span], gazetteer: dict[str, Place]) -> list[Span]:
    """ "CITY (Agency) -", "CITY, May 2 (Wire, Agency) --": the names in brackets that a dateline opening a
    line credits are news organizations, and a name the gazetteer knows right before them its place.
    (`tokens`: the Doc's, in a list.)"""
    credits: list[Span] = []
    for token in tokens:
        if token.text != "(" or not _opens_line(tokens, token.i, _DATELINE_TOKENS):
            continue
        close = next((t.i for t in tokens[token.i + 1 : token.i + 12] if t.text == ")"), None)
        if close is None or close + 1 >= len(tokens) or tokens[close + 1].text not in _DASHES:
            continue
        before = next((ent for ent in ents if ent.end == token.i and span_text(ent) in gazetteer), None)
        if before is not None:
            credits.append(Span(doc, before.start, before.end, label="GPE"))
        start = token.i + 1
        for index in range(token.i + 1, close + 1):
            if tokens[index].text in (",", ")"):
                names = tokens[start:index]
                if len(names) and all(t.is_title or t.is_upper for t in names if t.is_alpha):
                    credits.append(Span(doc, start, index, label="ORG"))
                start = index + 1
    if not credits:
        return ents
    covered = _tokens(credits)
    return _sorted([ent for ent in ents if covered.isdisjoint(range(ent.start, ent.end))] + credits)


def _opens_line(tokens: list[Token], index: int, within: int) -> bool:
    """Whether a token (of a Doc's `tokens`) is among the first `within` tokens of its line."""
    for back in range(index - 1, max(-1, index - within - 1), -1):
        if "\n" in tokens[back].text or "\n" in tokens[back].whitespace_:
            return True
    return index < within


def _unbracket(doc: Doc, ent: Span) -> list[Span]:
    """ "World Health Organization (WHO": the name, and the acronym in its bracket."""
    bracket = next((t.i for t in ent if t.text == "("), None)
    if bracket is None or bracket == ent.start:
        return [ent]
    pieces = [Span(doc, ent.start, bracket, label=ent.label_)]
    inside = doc[bracket + 1 : ent.end]
    if len(inside) == 1 and is_acronym(span_text(inside)):
        pieces.append(Span(doc, bracket + 1, ent.end, label=ent.label_))
    return pieces


def _missed_names(doc: Doc, tokens: list[Token], taken: set[int]) -> Iterator[Span]:
    """Capitalised runs the tagger left out that end in a word for a body or a place ("World Health Organization").
    (`tokens`: the Doc's, in a list.)"""
    heads = load_lexicon().name_heads
    capitalised = [_capitalised(token) for token in tokens]
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and end not in taken and (capitalised[end] or _joins_name(tokens, capitalised, end)):
            end += 1
        while end > index and not capitalised[end - 1]:
            end -= 1
        kind = heads.get(tokens[end - 1].lower_) if end - index >= 2 else None
        if kind is not None:
            yield Span(doc, index, end, label="ORG" if kind == "Organization" else "LOC")
        index = max(end, index + 1)


def _capitalised(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.is_title


def _joins_name(tokens: list[Token], capitalised: list[bool], index: int) -> bool:
    """ "of", "for", "and", "on" inside a name, between capitalised words (`capitalised`: each token's
    `_capitalised`)."""
    return (
        tokens[index].lower_ in ("of", "for", "and", "on")
        and index > 0
        and index + 1 < len(tokens)
        and capitalised[index - 1]
        and capitalised[index + 1]
    )


def _lone_acronyms(doc: Doc, tokens: list[Token], taken: set[int], ents: list[Span]) -> Iterator[Span]:
    """ "WHO added ...": an acronym already seen as a name, standing alone, is that name again.

    An acronym in brackets right after an organization's name counts as seen. (`tokens`: the Doc's, in a list.)
    """
    known = {span_text(ent): ent.label_ for ent in ents if is_acronym(span_text(ent))}
    for ent in ents:
        if ent.label_ == "ORG" and _bracketed_acronym_after(tokens, ent.end):
            known.setdefault(tokens[ent.end + 1].text, "ORG")
    if not known:
        return
    for token in tokens:
        if token.i not in taken and token.text in known:
            yield Span(doc, token.i, token.i + 1, label=known[token.text])


def _bracketed_acronym_after(tokens: list[Token], index: int) -> bool:
    return (
        index + 2 < len(tokens)
        and tokens[index].text == "("
        and tokens[index + 2].text == ")"
        and (is_acronym(tokens[index + 1].text))
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
        country = gazetteer.get(span_text(prefix).removeprefix("the ").removeprefix("The "))
        if country is not None and country.subtype == "Country":
            return [Span(doc, ent.start, cut, label="GPE"), Span(doc, cut, ent.end, label="PERSON")]
        if heads.get(prefix[-1].lower_) == "Organization" and (
            any(t.text in persons for t in suffix) or _after_title_of(doc, ent.start)
        ):
            return [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut, ent.end, label="PERSON")]
    return [_titled(ent)]


def _after_title_of(doc: Doc, start: int) -> bool:
    """ "Chairman of the Planning Committee Pavel Orlov", "Secretary-General of the X League Y Z", "head of the
    committee of refugee return of the X Council Y Z": a body's name at the end of a title's chain of "of"
    phrases, where the holder's name follows the body's."""
    at = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    if at < 2 or doc[at - 1].lower_ != "of":
        return False
    titles = load_lexicon().titles
    prep = doc[at - 1]
    for _ in range(_OF_CHAIN):
        noun = prep.head
        hyphenated = noun.i >= 2 and doc[noun.i - 1].text == "-" and f"{doc[noun.i - 2].lower_}-{noun.lower_}" in titles
        if hyphenated or noun.lower_ in titles:
            return True
        if noun.dep_ != "pobj" or noun.head.lower_ != "of":
            return False
        prep = noun.head
    return False


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
    """Words of multi-word person names and of names after an honorific ("Mr Hale"), titles ("Ms", "President")
    left out: a lone surname is that person, not a town."""
    lexicon = load_lexicon()
    titles = lexicon.titles | lexicon.title_abbreviations.keys() | lexicon.title_modifiers | lexicon.honorifics.keys()
    return {
        token.text
        for ent in ents
        if ent.label_ == "PERSON" and (len(ent) > 1 or _after_honorific(ent))
        for token in ent
        if token.lower_ not in titles
    }


def _after_honorific(ent: Span) -> bool:
    """ "Dr Lincoln", "Ms Paris": a name right after a form of address is a person's, whatever else it names."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in load_lexicon().honorifics


def _names_again(doc: Doc, tokens: list[Token], taken: set[int], ents: list[Span]) -> Iterator[Span]:
    """A full person's name the tagger saw once is a person's name wherever else it is written. (`tokens`: the
    Doc's, in a list.)"""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            by_first.setdefault(ent[0].text, set()).add(tuple(t.text for t in ent))
    if not by_first:
        return
    taken = set(taken)
    for token in tokens:
        for name in by_first.get(token.text, ()):
            start, end = token.i, token.i + len(name)
            if (
                end <= len(tokens)
                and taken.isdisjoint(range(start, end))
                and tuple(t.text for t in tokens[start:end]) == name
            ):
                taken.update(range(start, end))
                yield Span(doc, start, end, label="PERSON")


def _lone_names(doc: Doc, tokens: list[Token], taken: set[int], persons: set[str]) -> Iterator[Span]:
    """A surname (or given name) of a person named in full, standing alone, is that person. (`tokens`: the
    Doc's, in a list.)"""
    for token in tokens:
        if (
            token.i not in taken
            and token.text in persons
            and token.tag_ == "NNP"
            and _stands_alone(doc, token.i, token.i + 1)
        ):
            yield Span(doc, token.i, token.i + 1, label="PERSON")


def _relabel(doc: Doc, ent: Span, placed: set[str], persons: set[str]) -> tuple[Span, str | None]:
    """A name after an honorific or a surname as a person, a gazetteer name as a place, a demonym or a one-word
    "facility" modifying a common noun ("the Olympic swimmer") as an adjective (NORP); with the rule that said so."""
    text = span_text(ent)
    name = text[4:] if text.lower().startswith("the ") else text
    if ent.label_ != "PERSON" and _after_honorific(ent) and all(token.is_title for token in ent):
        return Span(doc, ent.start, ent.end, label="PERSON"), "after an honorific"
    if len(ent) == 1 and ent.label_ == "FAC" and _modifier(ent):
        return Span(doc, ent.start, ent.end, label="NORP"), "facility as modifier"
    if len(ent) == 1 and name in persons and ent.label_ != "PERSON":
        return Span(doc, ent.start, ent.end, label="PERSON"), "surname"
    if ent.label_ in _RELABELLED and name in placed and name not in persons:
        start = ent.start + (1 if name != text else 0)
        return _with_place_head(doc, Span(doc, start, ent.end, label="GPE")), "used as a place"
    if len(ent) == 1 and ent.label_ in ("PERSON", "ORG", "GPE") and is_demonym(text):
        return Span(doc, ent.start, ent.end, label="NORP"), "demonym"
    if _person_by_who_or_age(ent):
        return Span(doc, ent.start, ent.end, label="PERSON"), "a person by who or age"
    not_person = _not_person_after_the(ent)
    if not_person is not None:
        return Span(doc, ent.start, ent.end, label=not_person), "no person after the"
    if _before_outlet_noun(ent):
        return Span(doc, ent.start, ent.end, label="ORG"), "a name before a word for a news outlet"
    if _lone_word_where_a_place_goes(ent, persons):
        return Span(doc, ent.start, ent.end, label="LOC"), "a lone word where a place goes"
    return ent, None


def _person_by_who_or_age(ent: Span) -> bool:
    """ "Lerato Khumalo, who chairs the board," "Ian Moss, 54,": a name of capitalised words with no word for a body,
    tagged an organization, that "who" or an age follows is a person's (a body is "which", and has no age)."""
    if ent.label_ != "ORG" or len(ent) < 2:
        return False
    doc = ent.doc
    after = [t.text.lower() for t in doc[ent.end : ent.end + 3]]
    aged = len(after) == 3 and after[1].isdigit() and len(after[1]) <= 3 and after[2] == ","
    followed = len(after) >= 2 and after[0] == "," and (after[1] in _RELATIVE_PERSON or aged)
    heads = load_lexicon().name_heads
    return followed and all(t.text.istitle() for t in ent) and not any(t.text.lower() in heads for t in ent)


def _before_outlet_noun(ent: Span) -> bool:
    """ "told Tuoi Tre newspaper", "the Nation newspaper": a name (not a demonym) that a lower-case word for a
    news outlet right after it heads is that outlet's ([outlets] in entities.toml)."""
    if ent.label_ not in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"):
        return False
    doc = ent.doc
    nouns = load_lexicon().outlet_nouns
    for width in (2, 1):
        words = doc[ent.end : ent.end + width]
        text = span_text(words)
        if (
            len(words) == width
            and text in nouns
            and text.islower()
            and ent.root.head.i == words[-1].i
            and not is_demonym(span_text(ent))
        ):
            return True
    return False


def _lone_word_where_a_place_goes(ent: Span, persons: set[str]) -> bool:
    """ "Protests spread across Tigray and Amhara": one word tagged a person, no surname of a person the text
    names, that a verb's "in", "across", "into" or "near" governs (alone or in a list) is a place."""
    token = ent.root
    if (
        ent.label_ != "PERSON"
        or len(ent) != 1
        or span_text(ent) in persons
        or token.tag_ != "NNP"
        or _after_honorific(ent)
    ):
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.text.lower() in _WHERE
        and preposition.head.pos_ in ("VERB", "AUX")
        and not any(child.dep_ == "poss" or child.tag_ == "POS" for child in ent.root.children)
    )


def _not_person_after_the(ent: Span) -> str | None:
    """ "told the SABC", "snow in the Drakensberg": a person's name takes no "the"; a lone word after it tagged a
    person is an organization when it is an acronym, a place when a locative preposition governs it."""
    doc = ent.doc
    root = ent.root
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.start == 0 or doc[ent.start - 1].text.lower() != "the":
        return None
    if root.dep_ in ("compound", "amod", "nmod", "poss") or root.tag_ != "NNP":
        return None
    if is_acronym(span_text(ent)):
        return "ORG"
    return "LOC" if root.dep_ == "pobj" and root.head.text.lower() in load_lexicon().place_prepositions else None


def _placed_names(ents: list[Span], gazetteer: dict[str, Place]) -> set[str]:
    """The names the text uses as places somewhere: there, and wherever else it writes them."""
    placed = set()
    for ent in ents:
        text = span_text(ent)
        name = text[4:] if text.lower().startswith("the ") else text
        if (load_lexicon().entity_labels.get(ent.label_) == "Place" and _before_place_noun(ent.root)) or (
            ent.label_ in _RELABELLED and _placed(ent, gazetteer.get(name), gazetteer)
        ):
            placed.add(name)
    return placed


def _placed(ent: Span, place: Place | None, gazetteer: dict[str, Place]) -> bool:
    """Whether a name the tagger called something else is a place.

    Any name (not an acronym or a nationality) followed by a common noun for a place it modifies is
    ("the X river", "X and Y districts"). Otherwise it must be in the gazetteer: a country or state is.
    Many towns share a name with a company, a surname or a common word, so a town
    needs the sentence to use it as a place: coordinated with a name the tagger called a place, the
    object of a locative preposition (or of "of" after a word for a place), a modifier of a word for a
    place, modified by a compass word ("eastern X"), or followed by its country or state ("X, Chile").
    """
    token = ent.root
    if (
        ent.label_ != "NORP"
        and not is_acronym(span_text(ent))
        and not is_demonym(span_text(ent))
        and _before_place_noun(token)
    ):
        return True
    if place is None:
        return False
    if place.subtype in ("Country", "AdministrativeArea"):
        return True
    doc = ent.doc
    if any(t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _place_words() for t in (token, *token.conjuncts)):
        return True
    if any(other.ent_type_ in ("GPE", "LOC") for other in token.conjuncts):
        return True
    if any(child.dep_ == "amod" and child.lower_ in load_lexicon().place_modifiers for child in token.children):
        return True
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    head = token.head
    place_words = _place_words()
    if token.dep_ == "pobj" and (
        head.lower_ in load_lexicon().place_prepositions or (head.lower_ == "of" and head.head.lower_ in place_words)
    ):
        return True
    if token.dep_ in ("compound", "amod", "nmod") and head.lower_ in place_words:
        return True
    return _region_after(ent, gazetteer)


def _before_place_noun(token: Token) -> bool:
    """ "the X river", "X and Y districts": the name, or a name it is listed with, stands right before the
    lower-case word for a place that it modifies."""
    doc = token.doc
    top = token
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    for name in (token, *token.conjuncts):
        after = doc[name.i + 1] if name.i + 1 < len(doc) else None
        if (
            after is not None
            and after.is_lower
            and after.text in _place_words()
            and after.dep_ != "compound"
            and after.i in (name.head.i, top.head.i)
        ):
            return True
    return False


def _region_after(ent: Span, gazetteer: dict[str, Place]) -> bool:
    """ "X, Chile", "X, Ohio": a name followed by a comma and a country or state."""
    doc = ent.doc
    start = ent.end + 1
    if start >= len(doc) or doc[ent.end].text != ",":
        return False
    for end in range(min(len(doc), start + 3), start, -1):
        place = gazetteer.get(doc[start:end].text)
        if place is not None and place.subtype in ("Country", "AdministrativeArea"):
            return True
    return False


@cache
def _place_words() -> frozenset[str]:
    """Common nouns for places, singular and plural: "district", "cities", "regions"."""
    lexicon = load_lexicon()
    heads = (word for word, kind in lexicon.name_heads.items() if kind == "Place")
    descriptions = (word for word, kind in lexicon.descriptions.items() if kind == "Place")
    words = {*heads, *descriptions}
    return frozenset(words | {w + "s" for w in words} | {w[:-1] + "ies" for w in words if w.endswith("y")})


def _missed_places(doc: Doc, tokens: list[Token], taken: set[int], gazetteer: dict) -> Iterator[Span]:
    """Places the tagger left out, in text order: each opens at a proper noun of no name, after the last found.
    (`tokens`: the Doc's, in a list.)"""
    starts = [token.i for token in tokens if token.i not in taken and token.tag_ in ("NNP", "NNPS")]
    free = 0  # the first token after the place found last
    for start in starts:
        found = _place_at(doc, start, taken, gazetteer) if start >= free else None
        if found is not None:
            yield found
            free = found.end


def _place_at(doc: Doc, start: int, taken: set[int], gazetteer: dict) -> Span | None:
    """The longest place (up to four words) the gazetteer knows that opens at proper noun `start` and stands
    alone, or the place a dateline writes in capitals there."""
    for length in (4, 3, 2, 1):
        end = start + length
        if end > len(doc) or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        proper = all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in span)
        named = span_text(span) in gazetteer or _dateline(doc, span, gazetteer)
        if named and proper and _stands_alone(doc, start, end) and not _modifier(span):
            return _with_place_head(doc, Span(doc, start, end, label="GPE"))
    return None


def _dateline(doc: Doc, span: Span, gazetteer: dict) -> bool:
    """ "ADDIS ABABA - The government ...": a place in capitals opening a paragraph, as datelines write it."""
    opens = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].whitespace_
    text = span_text(span)
    return opens and text.isupper() and len(text) >= 5 and text.title() in gazetteer


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
