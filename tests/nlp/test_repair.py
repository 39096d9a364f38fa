"""Repairs to the tagger's names, on Docs built by hand so parser changes do not break them."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from newskg.nlp.repair import _join_adjacent, _names_again, _unbracket, is_demonym


def test_a_full_name_is_found_again_where_the_tagger_missed_it() -> None:
    words = ["Ana", "Tomic", "spoke", ".", "Later", "Ana", "Tomic", "left", "."]
    doc = Doc(Vocab(), words=words, ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"])
    found = list(_names_again(doc, {0, 1}, list(doc.ents)))
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
