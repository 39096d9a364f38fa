"""A Doc's text read once and its spans' texts sliced from it: the very strings spaCy joins from the tokens."""

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newskg.nlp import load_pipeline
from newskg.nlp.texts import doc_text, span_text

TEXT = 'OSLO, May 2 (Wire) -  The  council met.\n\nJane Roe said: "We will   rebuild."\t Then she left. '


def test_a_parsed_docs_text_and_every_spans_text_are_the_ones_spacy_joins() -> None:
    doc = load_pipeline()(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    spans = [*doc.sents, *doc.ents, doc[2:7], doc[5:5], doc[len(doc) - 1 :], doc[:]]
    assert all(span_text(span) == span.text for span in spans)
    assert [span_text(sentence) for sentence in doc.sents] == [sentence.text for sentence in doc.sents]


def test_the_text_is_joined_once_and_kept_with_the_doc() -> None:
    doc = Doc(Vocab(), words=["Rains", "cut", "the", "harvest", "."], spaces=[True, True, True, False, False])
    first = doc_text(doc)
    assert first == "Rains cut the harvest."
    assert doc_text(doc) is first
    assert span_text(Span(doc, 1, 4)) == "cut the harvest"


def test_a_doc_made_of_a_span_with_the_user_data_copied_reads_its_own_text() -> None:
    doc = load_pipeline()(TEXT)
    assert doc_text(doc) == TEXT
    part = doc[2:7].as_doc(copy_user_data=True)
    assert doc_text(part) == part.text == doc[2:7].text_with_ws
