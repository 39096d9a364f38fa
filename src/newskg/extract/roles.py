"""People's roles: job titles next to their names, and the organization when stated.

"President Ilham Aliyev" (a title before a name), "the chairman of the
agency's board, Vugar Suleymanov" and "X, head of Y" (apposition in either
direction), and "X, the Y of Z" give a title and, when the title's "of" phrase
or possessor names an organization, the affiliation.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from newskg.lexicon import Lexicon
from newskg.model import Mention, Role, Span

_MAX_TITLE_WORDS = 4


def find_roles(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> Iterator[Role]:
    """Every role stated in the Doc for a person mention."""
    seen: set[tuple[int, str]] = set()
    for mention in {id(m): m for m in mentions.values()}.values():
        if mention.kind != "Person" or mention.form != "name":
            continue
        for role in _roles_of(doc, mention, lexicon, mentions):
            key = (role.person.start, role.title.lower())
            if key not in seen:
                seen.add(key)
                yield role


def _roles_of(doc: Doc, mention: Mention, lexicon: Lexicon, mentions: dict[int, Mention]) -> Iterator[Role]:
    first = _token_at(doc, mention.span.start)
    if first is None:
        return
    title = _title_before(doc, first, lexicon)
    if title:
        yield Role(person=mention.span, title=title, evidence=_sentence(first), org=None)
    head = _head_of(doc, mention)
    for title_token in _appositions(head):
        if _is_title(title_token, lexicon):
            text, org = _title_phrase(doc, title_token, mentions)
            yield Role(person=mention.span, title=text, evidence=_sentence(first), org=org)


def _token_at(doc: Doc, char: int) -> Token | None:
    for token in doc:
        if token.idx == char:
            return token
    return None


def _head_of(doc: Doc, mention: Mention) -> Token:
    tokens = [t for t in doc if mention.span.start <= t.idx < mention.span.end]
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside), tokens[-1])


def _sentence(token: Token) -> Span:
    sentence = token.sent
    return Span(sentence.start_char, sentence.end_char, sentence.text)


def _title_before(doc: Doc, first: Token, lexicon: Lexicon) -> str | None:
    """Title words standing right before a name: "Defence Minister", "President", "Gen."."""
    start = first.i
    while start > 0 and first.i - start < _MAX_TITLE_WORDS and _title_word(doc[start - 1]):
        start -= 1
    words = doc[start : first.i]
    for offset in range(len(words)):
        suffix = words[offset:]
        lower = suffix.text.lower()
        if lower in lexicon.title_abbreviations:
            return lexicon.title_abbreviations[lower]
        if lower in lexicon.titles:
            return suffix.text
        if suffix[-1].lower_ in lexicon.titles and suffix[0].ent_type_ not in ("GPE", "NORP"):
            return suffix.text
    return None


def _title_word(token: Token) -> bool:
    return (token.is_title or token.is_upper or token.lower_ in ("gen.", "col.", "dr.")) and not token.is_punct


def _appositions(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "appos":
            yield child
    if head.dep_ == "appos":
        yield head.head


def _is_title(token: Token, lexicon: Lexicon) -> bool:
    if token.lower_ in lexicon.titles:
        return True
    compound = " ".join(t.lower_ for t in token.subtree if t.dep_ == "compound" and t.i < token.i)
    return f"{compound} {token.lower_}".strip() in lexicon.titles


def _title_phrase(doc: Doc, title: Token, mentions: dict[int, Mention]) -> tuple[str, Span | None]:
    """ "chairman of the agency's board" -> ("chairman of the board", the agency)."""
    words = [t.text for t in title.lefts if t.dep_ in ("compound", "amod")] + [title.text]
    org = None
    for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            owner = next((c for c in obj.children if c.dep_ == "poss"), None)
            target = mentions.get(obj.i)
            if target is not None and target.kind == "Organization":
                org = target.span
            elif owner is not None and mentions.get(owner.i) is not None:
                org = mentions[owner.i].span
                words += [prep.text, "the", *[t.text for t in obj.lefts if t.dep_ in ("compound", "amod")], obj.text]
            else:
                words += [prep.text, *[t.text for t in obj.subtree]]
    return " ".join(words), org
