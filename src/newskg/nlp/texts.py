"""A parsed Doc's text, and its spans' texts, read from one string instead of joined from the tokens.

spaCy rebuilds `Doc.text` and `Span.text` from every token at each read. A Doc's text never changes once
it is tokenised (spaCy's retokenizer keeps it as it is), so it is joined once and kept in the Doc's
`user_data`, and a span's text is a slice of it: the same string, at a fraction of the cost.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_TEXT_KEY = "newskg_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text (`doc.text`), joined from its tokens at the first read only. It is kept with the Doc's
    length in tokens, so a Doc given a copy of another's user_data (`Span.as_doc(copy_user_data=True)`) joins
    its own."""
    kept = doc.user_data.get(_TEXT_KEY)
    if isinstance(kept, tuple) and kept[0] == len(doc):
        return str(kept[1])
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


def span_text(span: Span) -> str:
    """The span's text (`span.text`): its characters of the Doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]
