"""People's roles: job titles next to their names, and the organization when stated.

A title before a name ("President X", "Indian Prime Minister X", "RDA
director-general X", "ambassador to Laos X"), in apposition ("X, head of
Y"; "the chairman of the agency's board, X"), give a title and, when the text
names one, the organization: an organization just before the title, or the
title's "of" phrase or its possessor. An "of" phrase headed by a word for a
body ("the government delegation", "the crisis committee") that the tagger did
not name becomes an organization mention of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newskg.extract.entities import span_of
from newskg.lexicon import Lexicon
from newskg.model import Mention, Role, Span

_ZONE = 8
_INNER = {"of", "to", "for", "-", "general"}
_BODY_NOUNS = {"delegation", "board", "panel", "team", "committee", "commission", "council", "office", "unit"}


@dataclass
class RoleFinder:
    """Finds roles in one Doc; collects the organizations it had to name itself."""

    doc: Doc
    lexicon: Lexicon
    mentions: dict[int, Mention]
    implied: list[Mention] = field(default_factory=list)

    def roles(self) -> list[Role]:
        """Every role stated for a person mention, each once."""
        found: dict[tuple[int, str], Role] = {}
        people = {id(m): m for m in self.mentions.values() if m.kind == "Person" and m.form == "name"}
        for mention in sorted(people.values(), key=lambda m: m.span.start):
            for role in self._roles_of(mention):
                found.setdefault((role.person.start, role.title.lower()), role)
        return list(found.values())

    def _roles_of(self, mention: Mention) -> Iterator[Role]:
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            return
        evidence = Span(span.sent.start_char, span.sent.end_char, span.sent.text)
        before = self._title_before(span.start)
        if before is not None:
            yield Role(person=mention.span, title=before[0], evidence=evidence, org=before[1])
        for title in _appositions(span.root):
            if self._is_title(title):
                text, org = self._title_phrase(title)
                yield Role(person=mention.span, title=text, evidence=evidence, org=org)

    def _is_title(self, token: Token) -> bool:
        compound = " ".join(t.lower_ for t in token.lefts if t.dep_ == "compound")
        return token.lower_ in self.lexicon.titles or f"{compound} {token.lower_}".strip() in self.lexicon.titles

    def _title_before(self, first: int) -> tuple[str, Span | None] | None:
        """The title standing right before a name, and an organization named just before it."""
        zone = first
        while zone > 0 and first - zone < _ZONE and self._in_zone(self.doc[zone - 1]):
            zone -= 1
        titles = [t.i for t in self.doc[zone:first] if self._title_word(t)]
        if not titles:
            return None
        start = titles[-1]
        while start > zone and self._extends_title(self.doc[start - 1]):
            start -= 1
        while start < titles[-1] and self.doc[start].lower_ in _INNER:
            start += 1
        words = self.doc[start:first]
        text = self.lexicon.title_abbreviations.get(words.text.lower(), words.text)
        return text, self._org_before(start)

    def _in_zone(self, token: Token) -> bool:
        lower = token.lower_
        if token.is_punct and lower not in ("-", "."):
            return False
        return (
            token.is_title
            or token.is_upper
            or lower in _INNER
            or self._title_word(token)
            or (lower in self.lexicon.title_modifiers)
        )

    def _title_word(self, token: Token) -> bool:
        lower = token.lower_
        return (
            lower in self.lexicon.title_abbreviations
            or (lower in self.lexicon.titles and lower != "general")
            or (lower == "general" and token.i > 0 and self.doc[token.i - 1].text == "-")
        )

    def _extends_title(self, token: Token) -> bool:
        """Words that belong to the title before its head: "Prime", "Agriculture", "chief", "former", "-"."""
        if token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return False
        lower = token.lower_
        return (
            token.is_title
            or lower in self.lexicon.title_modifiers
            or lower in self.lexicon.titles
            or lower in ("-", "chief", "senior", "vice")
        )

    def _org_before(self, start: int) -> Span | None:
        if start == 0:
            return None
        mention = self.mentions.get(start - 1)
        return mention.span if mention is not None and mention.kind == "Organization" else None

    def _title_phrase(self, title: Token) -> tuple[str, Span | None]:
        """ "chairman of the agency's board" -> ("chairman of the board", the agency)."""
        words = [t.text for t in title.lefts if t.dep_ in ("compound", "amod")] + [title.text]
        org = None
        for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                owner = next((c for c in obj.children if c.dep_ == "poss"), None)
                target = self.mentions.get(obj.i)
                if target is not None and target.kind == "Organization":
                    org = target.span
                elif owner is not None and owner.i in self.mentions:
                    org = self.mentions[owner.i].span
                    words += [
                        prep.text,
                        "the",
                        *[t.text for t in obj.lefts if t.dep_ in ("compound", "amod")],
                        obj.text,
                    ]
                elif obj.lemma_.lower() in _BODY_NOUNS | self._org_nouns():
                    org = self._imply(obj)
                else:
                    words += [prep.text, *[t.text for t in obj.subtree]]
        return " ".join(words), org

    def _org_nouns(self) -> set[str]:
        return {noun for noun, kind in self.lexicon.descriptions.items() if kind == "Organization"}

    def _imply(self, head: Token) -> Span:
        """Name the body an "of" phrase speaks of ("the South Sudanese government delegation")."""
        tokens = sorted(head.subtree, key=lambda t: t.i)
        while tokens and tokens[0].dep_ == "det":
            tokens = tokens[1:]
        span = span_of(self.doc, tokens[0].i, tokens[-1].i + 1)
        self.implied.append(Mention(span, "Organization", head=head.lower_, sentence=head.sent.start_char))
        return span


def _appositions(head: Token) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "appos":
            yield child
    if head.dep_ == "appos":
        yield head.head


def find_roles(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> tuple[list[Role], list[Mention]]:
    """Every role in the Doc, and the organization mentions the roles named."""
    finder = RoleFinder(doc, lexicon, mentions)
    return finder.roles(), finder.implied
