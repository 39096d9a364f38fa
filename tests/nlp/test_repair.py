"""Repairs to the tagger's names, on Docs built by hand so parser changes do not break them."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newskg.nlp.repair import _join_adjacent, _names_again, _relabel, _unbracket, is_demonym


def test_a_full_name_is_found_again_where_the_tagger_missed_it() -> None:
    words = ["Ana", "Tomic", "spoke", ".", "Later", "Ana", "Tomic", "left", "."]
    doc = Doc(Vocab(), words=words, ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"])
    found = list(_names_again(doc, list(doc), {0, 1}, list(doc.ents)))
    assert [(span.text, span.label_) for span in found] == [("Ana Tomic", "PERSON")]


def test_an_acronym_in_a_bracket_is_split_off_its_name() -> None:
    words = ["World", "Health", "Organization", "(", "WHO", ")", "said"]
    doc = Doc(Vocab(), words=words, ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"])
    (ent,) = doc.ents
    assert [(span.text, span.label_) for span in _unbracket(doc, ent)] == [
        ("World Health Organization", "ORG"),
        ("WHO", "ORG"),
    ]


def test_demonyms() -> None:
    assert all(is_demonym(word) for word in ("Azerbaijani", "Armenians", "Turkish", "Chinese", "Bosnian"))
    assert not any(is_demonym(word) for word in ("Armenia", "Baku", "Smith", "azerbaijani", "Britain"))


def test_a_country_beside_a_body_is_one_organization() -> None:
    words = ["the", "Peru", "Health", "Service", "said"]
    doc = Doc(Vocab(), words=words, ents=["B-GPE", "I-GPE", "B-PERSON", "I-PERSON", "O"])
    for token in doc[1:4]:
        token.tag_ = "NNP"
    assert [(span.text, span.label_) for span in _join_adjacent(doc)] == [("the Peru Health Service", "ORG")]


def test_a_full_name_beside_another_name_stays_a_person() -> None:
    words = ["the", "State", "Anna", "Berg", "said"]
    doc = Doc(Vocab(), words=words, ents=["O", "B-ORG", "B-PERSON", "I-PERSON", "O"])
    for token in doc[1:4]:
        token.tag_ = "NNP"
    assert [(span.text, span.label_) for span in _join_adjacent(doc)] == [("State", "ORG"), ("Anna Berg", "PERSON")]


def test_one_word_tagged_as_a_person_after_an_organization_joins_it() -> None:
    words = ["on", "Sky", "Kino", "channel"]
    doc = Doc(Vocab(), words=words, ents=["O", "B-ORG", "B-PERSON", "O"])
    for token in doc[1:3]:
        token.tag_ = "NNP"
    assert [(span.text, span.label_) for span in _join_adjacent(doc)] == [("Sky Kino", "ORG")]


def _relabelled(words: list[str], heads: list[int], deps: list[str], ents: list[str]) -> tuple[str, str, str | None]:
    """The first name of a hand-built, hand-parsed Doc after relabelling: its text, label and the rule used."""
    tags = ["NNP" if word[:1].isupper() else "NN" for word in words]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, ents=ents)
    span, rule = _relabel(doc, doc.ents[0], set(), set())
    return span.text, span.label_, rule


def test_a_name_tagged_an_organization_that_who_or_an_age_follows_is_a_person() -> None:
    words = ["Lerato", "Khumalo", ",", "who", "chairs", "it", ",", "resigned", "."]
    heads = [1, 7, 1, 4, 1, 4, 1, 7, 7]
    deps = ["compound", "nsubj", "punct", "nsubj", "relcl", "dobj", "punct", "ROOT", "punct"]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O", "O"]
    assert _relabelled(words, heads, deps, ents) == ("Lerato Khumalo", "PERSON", "a person by who or age")
    words = ["Ian", "Moss", ",", "54", ",", "was", "held", "."]
    heads = [1, 6, 1, 1, 1, 6, 6, 6]
    deps = ["compound", "nsubjpass", "punct", "appos", "punct", "auxpass", "ROOT", "punct"]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"]
    assert _relabelled(words, heads, deps, ents) == ("Ian Moss", "PERSON", "a person by who or age")


def test_a_body_s_name_before_who_stays_an_organization() -> None:
    words = ["Harbour", "Board", ",", "who", "met", ",", "agreed", "."]
    heads = [1, 6, 1, 4, 1, 1, 6, 6]
    deps = ["compound", "nsubj", "punct", "nsubj", "relcl", "punct", "ROOT", "punct"]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"]
    assert _relabelled(words, heads, deps, ents) == ("Harbour Board", "ORG", None)


def test_a_lone_word_after_the_tagged_a_person_is_an_organization_or_a_place() -> None:
    words = ["She", "told", "the", "SABC", "."]
    heads, deps = [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"]
    assert _relabelled(words, heads, deps, ["O", "O", "O", "B-PERSON", "O"]) == ("SABC", "ORG", "no person after the")
    words = ["Snow", "fell", "in", "the", "Drakensberg", "."]
    heads, deps = [1, 1, 1, 4, 2, 1], ["nsubj", "ROOT", "prep", "det", "pobj", "punct"]
    ents = ["O", "O", "O", "O", "B-PERSON", "O"]
    assert _relabelled(words, heads, deps, ents) == ("Drakensberg", "LOC", "no person after the")


def test_a_person_s_name_modifying_a_noun_after_the_stays_a_person() -> None:
    words = ["the", "Moss", "government", "fell", "."]
    heads, deps = [2, 2, 3, 3, 3], ["det", "compound", "nsubj", "ROOT", "punct"]
    assert _relabelled(words, heads, deps, ["O", "B-PERSON", "O", "O", "O"]) == ("Moss", "PERSON", None)


def test_a_lone_word_tagged_a_person_that_a_verb_s_across_governs_is_a_place() -> None:
    words = ["Riots", "spread", "across", "Tigray", "and", "Amhara", "."]
    heads, deps = [1, 1, 1, 2, 3, 3, 1], ["nsubj", "ROOT", "prep", "pobj", "cc", "conj", "punct"]
    tags = ["NNS", "VBD", "IN", "NNP", "CC", "NNP", "."]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    ents = ["O", "O", "O", "B-PERSON", "O", "B-PERSON", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)
    relabelled = [_relabel(doc, ent, set(), set()) for ent in doc.ents]
    assert [(span.text, span.label_, rule) for span, rule in relabelled] == [
        ("Tigray", "LOC", "a lone word where a place goes"),
        ("Amhara", "LOC", "a lone word where a place goes"),
    ]
    assert _relabel(doc, doc.ents[0], set(), {"Tigray"})[0].label_ == "PERSON"


def test_a_name_before_a_word_for_a_news_outlet_is_the_outlet() -> None:
    words = ["She", "told", "Tuoi", "Tre", "newspaper", "."]
    heads, deps = [1, 1, 3, 4, 1, 1], ["nsubj", "ROOT", "compound", "compound", "dobj", "punct"]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    expected = ("Tuoi Tre", "ORG", "a name before a word for a news outlet")
    assert _relabelled(words, heads, deps, ents) == expected
