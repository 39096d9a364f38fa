"""People's roles: job titles next to their names, and the organization when stated.

A title before a name ("President X", "Indian Prime Minister X", "RDA
director-general X", "the agency's spokeswoman X", "Minister of Trade, Industry
and Labour X", "Y founder and chief executive X"), in apposition ("X, head of
Y"; "the chairman of the agency's board, X"; "X, founder and chief executive of
Y"), or as what the person is, becomes, is made or serves as ("X, who is the
chairman of Y"; "X was appointed director of Y"; "elected X as a member") give a
title and, when the text names one, the organization: an organization just
before the title or owning it, the title's "of" phrase or its possessor, an
acronym in brackets after it, or the ministry a minister's title names. A verb
of leading gives a role when its object is an organization ("Y, headed by X";
"X, who chairs Y"; "the party he chairs"). A body the tagger did not name ("the
government delegation", "Speaker of Parliament", "the budget committee chair"),
a name spelled out before its acronym in brackets ("spokesman for the EU High
Representative for Trade (HRT)"), a location the gazetteer does not know or a
place with a year in a title's "of" phrase ("manager of the Coastline Railway",
"chairman of Lisbon 2030") becomes an organization mention of its own. An
abbreviation after a word that only opens titles ("acting GM X") is a title; a
line "X - CFO, Acme" gives X the title and the organization ending the line. A
title held inside an organization (roles.toml `staff_titles`) whose sentence
names none takes the organization of the role named last before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import takewhile

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newskg.extract.entities import span_of
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.model import Mention, Role, Span
from newskg.nlp.texts import span_text

_ZONE = 12
_INNER = {"of", "to", "for", "-", "general"}
_LISTS = {",", "and", "&"}
_RELATIVE = {"who", "that"}
_ABBREVIATION = 5  # letters at most in an abbreviated title the lexicon does not list
_DASHES = {"-", "–", "—"}
_YEAR_DIGITS = 4


@dataclass
class RoleFinder:
    """Finds roles in one Doc; collects the organizations it had to name itself."""

    doc: Doc
    lexicon: Lexicon
    mentions: dict[int, Mention]
    implied: list[Mention] = field(default_factory=list)

    def roles(self) -> list[Role]:
        """Every role stated for a person mention, each once and in its fullest form."""
        found: dict[tuple[int, str], Role] = {}
        people = {id(m): m for m in self.mentions.values() if m.kind == "Person" and m.form == "name"}
        for mention in sorted(people.values(), key=lambda m: m.span.start):
            for role in self._roles_of(mention):
                _keep(found, role)
        for role in self._verb_roles():
            _keep(found, role)
        return self._staff_orgs(_fullest(replace(role, org=self._name_beside(role.org)) for role in found.values()))

    def _staff_orgs(self, roles: list[Role]) -> list[Role]:
        """A title held inside an organization, its sentence naming none ("Chief financial officer X said"):
        the organization of the role named last before it."""
        ordered = sorted(roles, key=lambda role: role.person.start)
        result = []
        for role in ordered:
            if role.org is None and self._staff_title(role.title):
                before = [
                    other for other in ordered if other.org is not None and other.person.start < role.person.start
                ]
                role = replace(role, org=before[-1].org) if before else role
            result.append(role)
        return result

    def _staff_title(self, title: str) -> bool:
        words = f" {title.lower()} "
        return any(f" {staff} " in words for staff in self.lexicon.staff_titles)

    def _name_beside(self, org: Span | None) -> Span | None:
        """A description set beside the name it stands for ("the FU, the party he chairs"): that name."""
        words = None if org is None else self.doc.char_span(org.start, org.end, alignment_mode="expand")
        mention = None if words is None else self.mentions.get(words.start)
        if words is None or mention is None or mention.form != "description" or words.start < 2:
            return org
        at = words.start - 1
        if self.doc[at].text != ",":
            return org
        at -= 1
        if self.doc[at].text == ")":
            at = next((t.i for t in reversed(self.doc[words.sent.start : at]) if t.text == "("), at) - 1
        named = self.mentions.get(at)
        if named is not None and named.kind == "Organization" and named.form != "description":
            return named.span
        return org

    def _roles_of(self, mention: Mention) -> Iterator[Role]:
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            return
        evidence = Span(span.sent.start_char, span.sent.end_char, span.sent.text)
        for title, org in [*self._titles_before(span.start), *self._signed_title(span)]:
            yield Role(person=mention.span, title=title, evidence=evidence, org=org)
        for group in _predicated(span.root):
            phrases = [self._title_phrase(title) for title in group if self._is_title(title)]
            shared = next((org for _, org in phrases if org is not None), None)
            for text, org in phrases:
                yield Role(person=mention.span, title=text, evidence=evidence, org=org or shared)

    def _is_title(self, token: Token) -> bool:
        words = [t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod")] + [token.lower_]
        return any(" ".join(words[at:]) in self.lexicon.titles for at in range(len(words)))

    @cached_property
    def _title_vocabulary(self) -> frozenset[str]:
        """Every word of a multi-word title ("executive" of "chief executive")."""
        return frozenset(word for title in self.lexicon.titles for word in title.split())

    def _titles_before(self, first: int) -> list[tuple[str, Span | None]]:
        """The titles standing right before a name, or before a comma and the name ("the head of the Y, X"),
        each with an organization named just before it, owning it or in its "of" phrase; two joined by "and"
        ("Y founder and chief executive X") share the organization."""
        end = first - 1 if first > 0 and self.doc[first - 1].text == "," else first
        found = self._title_before(end)
        if found is None:
            return []
        text, org, start = found
        joined = self._title_before(start - 1) if start > 1 and self.doc[start - 1].lower_ in ("and", "&") else None
        if joined is None:
            return [(text, org)]
        return [(joined[0], joined[1] or org), (text, org or joined[1])]

    def _title_before(self, end: int) -> tuple[str, Span | None, int] | None:
        """The title ending just before token `end`, its organization, and where it starts."""
        zone = end
        while zone > 0 and end - zone < _ZONE and self._in_zone(self.doc[zone - 1]):
            zone -= 1
        titles = [t.i for t in self.doc[zone:end] if self._title_word(t) or self._modified_abbreviation(t)]
        if not titles:
            return None
        start = titles[-1]
        while start > zone and self._extends_title(self.doc[start - 1]):
            start -= 1
        while start < titles[-1] and self.doc[start].lower_ in _INNER and not self._opens_title(start, titles[-1]):
            start += 1
        words = self.doc[start:end]
        if not _one_title([t.lower_ for t in words]) or any(self._names_a_person(t) for t in words):
            return None
        org = self._org_before(start) or self._org_named_elsewhere(zone, start, titles[-1])
        if org is not None and org.end > words.start_char:
            words = self.doc[next(t.i for t in words if t.idx >= org.end) : end]
        complement = self._org_after(titles[-1], end)
        if complement is not None:
            org, words = complement, self.doc[start : titles[-1] + 1]
        text = self.lexicon.title_abbreviations.get(words.text.lower(), words.text)
        return text, org or self._office(text), start

    def _opens_title(self, start: int, head: int) -> bool:
        """Whether the words from `start` to the title's head are a title the lexicon lists ("General
        Secretary")."""
        return self.doc[start : head + 1].text.lower() in self.lexicon.titles

    def _in_zone(self, token: Token) -> bool:
        lower = token.lower_
        if lower == "the":
            return token.i > 0 and self.doc[token.i - 1].lower_ in ("of", "for", "to")
        if lower in _LISTS:
            return _between_names(token)
        if token.is_punct and lower not in ("-", "."):
            return False
        return (
            token.is_title
            or token.is_upper
            or lower in _INNER
            or self._title_word(token)
            or lower in self.lexicon.title_modifiers
            or lower in self._title_vocabulary
        )

    def _title_word(self, token: Token) -> bool:
        lower = token.lower_
        return (
            lower in self.lexicon.title_abbreviations
            or (lower in self.lexicon.titles and lower != "general")
            or (lower == "general" and (token.is_title or (token.i > 0 and self.doc[token.i - 1].text == "-")))
        )

    def _modified_abbreviation(self, token: Token) -> bool:
        """An abbreviation the lexicon does not know, after a word that only stands before titles ("acting
        MM X", "interim GM X"): a title too."""
        before = self.doc[token.i - 1] if token.i > 0 else None
        return (
            token.is_upper
            and token.is_alpha
            and len(token) <= _ABBREVIATION
            and token.i not in self.mentions
            and before is not None
            and before.is_lower
            and before.lower_ in self.lexicon.title_modifiers
        )

    def _signed_title(self, name: SpacySpan) -> list[tuple[str, Span | None]]:
        """ "Jane Roe - CFO, Acme": a line opening with a name, a spaced dash and a title, and the organization
        that ends the line after a comma."""
        doc = self.doc
        dash = name.end
        opens_line = name.start == 0 or "\n" in doc[name.start - 1].text
        spaced = (
            dash + 1 < len(doc) and doc[dash].text in _DASHES and doc[dash - 1].whitespace_ and doc[dash].whitespace_
        )
        if not opens_line or not spaced:
            return []
        line = list(takewhile(lambda t: "\n" not in t.text, doc[dash + 1 :]))
        words = list(takewhile(lambda t: t.text not in (",", ";"), line))
        if not words or not any(self._title_word(t) for t in words):
            return []
        orgs = [self.mentions[t.i] for t in line[len(words) :] if t.i in self.mentions]
        org = next((m.span for m in reversed(orgs) if m.kind == "Organization"), None)
        return [(doc[words[0].i : words[-1].i + 1].text, org)]

    def _extends_title(self, token: Token) -> bool:
        """Words that belong to the title before its head: "Prime", "Agriculture", "chief", "former", "-"."""
        if (
            token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
            or token.tag_ in ("DT", "PRP$")
            or self._names_a_body(token)
        ):
            return False
        lower = token.lower_
        return (
            token.is_title
            or lower in self.lexicon.title_modifiers
            or lower in self.lexicon.titles
            or lower in self._title_vocabulary
            or lower in ("-", "chief", "senior", "vice")
        )

    def _names_a_person(self, token: Token) -> bool:
        mention = self.mentions.get(token.i)
        return mention is not None and mention.kind == "Person" and mention.form == "name"

    def _org_after(self, title: int, end: int) -> Span | None:
        """The organization a title's "of" phrase names ("manager of Coastline Rail"), or the body it names
        without a name of its own ("Speaker of Parliament")."""
        if title + 1 >= end or self.doc[title + 1].lower_ not in self.lexicon.title_prepositions:
            return None
        begin = title + 1
        while begin < end and self.doc[begin].lower_ in self.lexicon.title_prepositions | {"the"}:
            begin += 1
        mention = self.mentions.get(end - 1)
        if mention is not None and (mention.kind == "Organization" or self._body_place(mention, self.doc[end - 1])):
            first = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            return self._as_body(mention, self.doc[end - 1]) if first is not None and first.start <= begin else None
        last = self.doc[end - 1]
        body = last.lemma_.lower() in self._body_words
        if begin >= end or not body or any(t.i in self.mentions for t in self.doc[begin:end]):
            return None
        span = span_of(self.doc, begin, end)
        self.implied.append(Mention(span, "Organization", head=last.lower_, sentence=last.sent.start_char))
        return span

    def _org_named_elsewhere(self, zone: int, start: int, title: int) -> Span | None:
        """Words just before or opening a title that the article names an organization by elsewhere
        ("Pirates Senator X")."""
        for stop in range(title, start - 1, -1):
            for begin in range(zone, min(start, stop - 1) + 1):
                words = self.doc[begin:stop]
                if words.text in self._org_names and not any(t.i in self.mentions for t in words):
                    span = span_of(self.doc, begin, stop)
                    sentence = words.sent.start_char
                    self.implied.append(Mention(span, "Organization", head=words[-1].lower_, sentence=sentence))
                    return span
        return None

    @cached_property
    def _org_names(self) -> frozenset[str]:
        return frozenset(m.span.text for m in self.mentions.values() if m.kind == "Organization" and m.form == "name")

    def _names_a_body(self, token: Token) -> bool:
        mention = self.mentions.get(token.i)
        return mention is not None and mention.kind in ("Organization", "Place")

    def _org_before(self, start: int) -> Span | None:
        """The organization just before a title, or owning it ("the agency's spokeswoman")."""
        at = start - 1
        if at > 0 and self.doc[at].tag_ == "POS":
            at -= 1
        mention = self.mentions.get(at) if at >= 0 else None
        return mention.span if mention is not None and mention.kind == "Organization" else None

    def _title_phrase(self, title: Token) -> tuple[str, Span | None]:
        """ "chairman of the agency's board" -> ("chairman of the board", the agency)."""
        org = self._org_in_front(title)
        words = [
            t.text
            for t in title.lefts
            if t.dep_ in ("compound", "amod")
            and t.tag_ not in ("VBN", "VBD")
            and not self._names_a_body(t)
            and not self._is_body(t)
        ]
        words.append(title.text + self._abbreviated(title))
        for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ in self.lexicon.title_prepositions):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                owner = next((c for c in obj.children if c.dep_ == "poss"), None)
                target = self.mentions.get(obj.i)
                parent = self._owning_org(target)
                if parent is not None:
                    org, part = parent
                    words += [prep.text, "the", part]
                elif target is not None and (target.kind == "Organization" or self._body_place(target, obj)):
                    org = self._as_body(target, obj)
                elif owner is not None and owner.i in self.mentions and not self._is_place(owner):
                    org = self.mentions[owner.i].span
                    words += [
                        prep.text,
                        "the",
                        *[t.text for t in obj.lefts if t.dep_ in ("compound", "amod")],
                        obj.text,
                    ]
                elif obj.lemma_.lower() in self._body_words:
                    org = self._imply(obj)
                else:
                    org = self._spelled_out(obj) or self._bracketed(obj) or self._org_in_front(obj) or org
                    words += [prep.text, *_before_bracket(obj.subtree)]
        text = " ".join(words)
        return text, org or self._office(text)

    def _body_place(self, mention: Mention, token: Token) -> bool:
        """A name typed a place that a title shows is a body: one the tagger called a location or facility, not
        a country or city, and the gazetteer does not know ("manager of the Eastern Railway"), or a place with
        a year ("chairman of Lisbon 2030", the body that runs that year's event)."""
        if mention.kind != "Place":
            return False
        unknown = mention.subtype is None and token.ent_type_ in ("LOC", "FAC")
        return unknown or self._year_after(mention) is not None

    def _year_after(self, mention: Mention) -> Token | None:
        """The year written right after a name and hung on it ("Lisbon 2030")."""
        name = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        after = self.doc[name.end] if name is not None and name.end < len(self.doc) else None
        if after is None or name is None or not after.like_num or len(after) != _YEAR_DIGITS:
            return None
        return after if name.start <= after.head.i < name.end else None

    def _as_body(self, mention: Mention, token: Token) -> Span:
        """The organization a name stands for; a place a title shows is a body is named an organization."""
        if mention.kind == "Organization":
            return mention.span
        name = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if name is None:
            return mention.span
        year = self._year_after(mention)
        last = self.doc[name.end - 1] if year is None else year
        span = span_of(self.doc, name.start, last.i + 1)
        self.implied.append(Mention(span, "Organization", head=last.lower_, sentence=token.sent.start_char))
        return span

    def _spelled_out(self, phrase: Token) -> Span | None:
        """A name the tagger did not give, written out before its organization's acronym in brackets ("the
        EU High Representative for Trade (HRT)"): named an organization, so the acronym joins it."""
        if self._bracketed(phrase) is None:
            return None
        tokens = list(takewhile(lambda t: t.text != "(", sorted(phrase.subtree, key=lambda t: t.i)))
        connectors = self.lexicon.stop_words | {"&"}
        while tokens and tokens[0].dep_ == "det":
            tokens = tokens[1:]
        if not tokens or tokens[0].lower_ in connectors:
            return None
        if not all(t.is_title or t.is_upper or t.lower_ in connectors for t in tokens):
            return None
        whole = self.mentions.get(tokens[0].i)
        if whole is not None and whole is self.mentions.get(tokens[-1].i):
            return None
        span = span_of(self.doc, tokens[0].i, tokens[-1].i + 1)
        self.implied.append(Mention(span, "Organization", head=tokens[-1].lower_, sentence=phrase.sent.start_char))
        return span

    def _owning_org(self, mention: Mention | None) -> tuple[Span, str] | None:
        """ "the Y's Z programme" tagged as one name, where the article names Y on its own: Y, and Z programme."""
        if mention is None or mention.kind != "Organization":
            return None
        owner, mark, part = mention.span.text.replace("\u2019", "'").partition("'s ")
        named = self._org_spans.get(owner.lower()) if mark and part else None
        return (named, part) if named is not None else None

    def _bracketed(self, phrase: Token) -> Span | None:
        """The organization's acronym in brackets after a phrase the tagger did not name ("the EU High
        Representative for Trade (HRT)")."""
        for token in phrase.subtree:
            mention = self.mentions.get(token.i)
            if token.i > 0 and self.doc[token.i - 1].text == "(" and mention is not None:
                return mention.span if mention.kind == "Organization" and mention.form == "acronym" else None
        return None

    def _abbreviated(self, title: Token) -> str:
        """ "chief financial officer (CFO)": the abbreviation in brackets after a title, kept with it."""
        doc = self.doc
        at = title.i
        bracketed = at + 3 < len(doc) and doc[at + 1].text == "(" and doc[at + 3].text == ")"
        return f" ({doc[at + 2].text})" if bracketed and doc[at + 2].lower_ in self.lexicon.titles else ""

    def _office(self, title: str) -> Span | None:
        """The organization a title's office is named as elsewhere: "Minister of Fisheries" and "the Ministry of
        Fisheries"."""
        words = title.lower().split()
        for at in range(len(words) - 2):
            office = self.lexicon.offices.get(words[at])
            if office is not None and words[at + 1] in ("of", "for"):
                return self._org_spans.get(" ".join([office, *words[at + 1 :]]))
        return None

    @cached_property
    def _org_spans(self) -> dict[str, Span]:
        spans: dict[str, Span] = {}
        for mention in sorted(self.mentions.values(), key=lambda m: m.span.start):
            if mention.kind == "Organization" and mention.form == "name":
                spans.setdefault(mention.span.text.lower(), mention.span)
        return spans

    def _org_in_front(self, title: Token) -> Span | None:
        """An organization naming or owning a title from its left ("the agency's spokesman", "UN envoy", "the
        budget committee chair")."""
        for child in title.lefts:
            mention = self.mentions.get(child.i)
            if child.dep_ in ("poss", "compound", "nmod") and mention is not None and mention.kind == "Organization":
                return mention.span
            if self._is_body(child):
                return self._imply(child)
        return None

    def _is_body(self, token: Token) -> bool:
        """A common noun for a body, with words of its own, modifying a title ("budget committee chair")."""
        return (
            token.dep_ == "compound"
            and token.i not in self.mentions
            and token.lemma_.lower() in self._body_words
            and any(c.dep_ in ("compound", "amod") for c in token.lefts)
        )

    def _is_place(self, token: Token) -> bool:
        mention = self.mentions.get(token.i)
        if mention is not None:
            return mention.kind == "Place"
        return token.ent_type_ == "GPE" or self.lexicon.descriptions.get(token.lower_) == "Place"

    @cached_property
    def _body_words(self) -> frozenset[str]:
        """Common nouns for a body: "committee", "agency", "government"."""
        nouns = {noun for noun, kind in self.lexicon.descriptions.items() if kind == "Organization"}
        return frozenset(self.lexicon.body_nouns | nouns)

    def _imply(self, head: Token) -> Span:
        """Name the body an "of" phrase speaks of ("the Freedonian government delegation"), without a place
        that owns it ("the country's prosecutor's office")."""
        tokens = sorted(head.subtree, key=lambda t: t.i)
        for owner in [t for t in tokens if t.dep_ == "poss" and self._is_place(t)]:
            end = max(t.i for t in owner.subtree)
            tokens = [t for t in tokens if t.i > end]
        while tokens and tokens[0].dep_ == "det":
            tokens = tokens[1:]
        span = span_of(self.doc, tokens[0].i, tokens[-1].i + 1)
        self.implied.append(Mention(span, "Organization", head=head.lower_, sentence=head.sent.start_char))
        return span

    def _verb_roles(self) -> Iterator[Role]:
        """ "Y, headed by X", "X, who chairs Y", "the party he leads": a verb of leading with an organization."""
        for verb in self.doc:
            title = self.lexicon.role_verbs.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
            if title is None:
                continue
            person, org = self._leader_and_body(verb)
            if person is not None and org is not None:
                sentence = verb.sent
                evidence = Span(sentence.start_char, sentence.end_char, span_text(sentence))
                yield Role(person=person, title=title, evidence=evidence, org=org)

    def _leader_and_body(self, verb: Token) -> tuple[Span | None, Span | None]:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        attached = verb.head if verb.dep_ in ("acl", "relcl") else None
        if attached is None:
            attached = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if agent is not None:
            leaders = [t for obj in agent.children if obj.dep_ == "pobj" for t in (obj, *_named_as(obj))]
            return self._mention_of(leaders, "Person"), self._mention_of([attached] if attached else [], "Organization")
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in _RELATIVE:
            subject = attached
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        body = obj if obj is not None else attached if subject is not attached else None
        org = self._mention_of([body] if body is not None else [], "Organization")
        if org is None and body is not None and body.i not in self.mentions and self._unnamed_body(body):
            org = self._imply(body)  # "who chairs the budget committee"
        return self._mention_of([subject] if subject is not None else [], "Person"), org

    def _unnamed_body(self, token: Token) -> bool:
        """A common noun for a body with words of its own that say which ("the budget committee")."""
        return token.lemma_.lower() in self._body_words and any(c.dep_ in ("compound", "amod") for c in token.lefts)

    def _mention_of(self, tokens: Iterable[Token], kind: str) -> Span | None:
        for token in tokens:
            mention = self.mentions.get(token.i)
            if mention is not None and mention.kind == kind:
                return mention.span
        return None


def _keep(found: dict[tuple[int, str], Role], role: Role) -> None:
    """One role per person and title, the first found unless only a later one names the organization."""
    key = (role.person.start, role.title.lower())
    if key not in found or (found[key].org is None and role.org is not None):
        found[key] = role


def _named_as(noun: Token) -> Iterator[Token]:
    """The name a noun is given by ("his deputy X")."""
    return (child for child in noun.children if child.dep_ in ("appos", "compound"))


def _predicated(head: Token) -> Iterator[list[Token]]:
    """Nouns said of a name, each with those coordinated with it: its appositions ("X, head of Y"), what it is
    or becomes ("X is the head of Y", "X, who became head of Y") and what it is made or serves as."""
    said = [child for child in head.children if child.dep_ == "appos"]
    if head.dep_ == "appos":
        said.append(head.head)
    clauses = [c for c in head.children if c.dep_ == "relcl" and any(s.lower_ in _RELATIVE for s in c.lefts)]
    if head.dep_ == "nsubj":
        clauses.append(head.head)
    said += [
        c for clause in clauses if clause.lemma_ in load_lexicon().copulas for c in clause.children if c.dep_ == "attr"
    ]
    if head.dep_ in ("dobj", "nsubjpass"):
        said += [c for c in head.head.children if c.dep_ == "oprd"]
        said += _taken_as(head.head)
    for clause in clauses:
        if not any(c.dep_ == "dobj" for c in clause.children):
            said += _taken_as(clause)
        if any(c.dep_ == "nsubjpass" and c.lower_ in _RELATIVE for c in clause.children):
            said += [c for c in clause.children if c.dep_ == "oprd"]
    for noun in said:
        yield [noun, *noun.conjuncts]


def _taken_as(verb: Token) -> list[Token]:
    """What a verb's person is chosen or serves as ("elected X as chairman", "put forward X for election as
    member", "X serves as chairman")."""
    phrases = [c for c in verb.children if c.dep_ == "prep"]
    phrases += [
        p for c in phrases for obj in c.children if obj.dep_ == "pobj" for p in obj.children if p.dep_ == "prep"
    ]
    return [c for phrase in phrases if phrase.lower_ == "as" for c in phrase.children if c.dep_ == "pobj"]


def _one_title(words: list[str]) -> bool:
    """A title runs across commas and "and" only inside its "of" phrase, listing what it covers ("Minister of
    Trade, Industry and Labour"), never across two names ("President A, B"; "head of the Y, X")."""
    listed = next((i for i, word in enumerate(words) if word in _LISTS), None)
    if listed is None:
        return True
    commas_closed = all(
        any(later in ("and", "&") for later in words[i + 1 :]) for i, word in enumerate(words) if word == ","
    )
    return commas_closed and any(word in ("of", "for") for word in words[:listed])


def _between_names(token: Token) -> bool:
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    return all(t.is_title or t.is_upper for t in (doc[token.i - 1], doc[token.i + 1]))


def _before_bracket(tokens: Iterable[Token]) -> list[str]:
    words = []
    for token in sorted(tokens, key=lambda t: t.i):
        if token.text == "(":
            break
        words.append(token.text)
    return words


def _fullest(roles: Iterable[Role]) -> list[Role]:
    """Drop a title that is part of a longer one the same person holds ("officer" of "chief executive
    officer"), keeping the organization either named."""
    kept = list(roles)
    result = []
    for role in kept:
        longer = next((other for other in kept if other is not role and _within(role, other)), None)
        if longer is None:
            result.append(role)
    return [_with_org(role, kept) for role in result]


def _within(short: Role, long: Role) -> bool:
    return (
        short.person.start == long.person.start
        and f" {short.title.lower()} " in f" {long.title.lower()} "
        and short.title.lower() != long.title.lower()
        and (short.org is None or short.org == long.org or long.org is None)
    )


def _with_org(role: Role, roles: list[Role]) -> Role:
    if role.org is not None:
        return role
    org = next((other.org for other in roles if _within(other, role) and other.org is not None), None)
    return replace(role, org=org) if org is not None else role


def find_roles(doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention]) -> tuple[list[Role], list[Mention]]:
    """Every role in the Doc, and the organization mentions the roles named."""
    finder = RoleFinder(doc, lexicon, mentions)
    return finder.roles(), finder.implied
