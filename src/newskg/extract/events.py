"""Events: trigger words from the ontology's lexicon, with arguments from the parse.

A verb or noun listed for an event type triggers an event; its subject (or
passive agent) and the people, organizations and countries it involves are the
actors, the places in its clause its places, and the dates and quantities that
depend on it its time and figures. A clause that carries a date or a quantity
but no trigger becomes a generic `Occurrence`, so no figure is left hanging.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from newskg.extract.entities import token_span
from newskg.extract.layout import dateline_spans, is_furniture
from newskg.extract.quantities import Found
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.model import Event, Mention, Quantity, Span, TimeExpr
from newskg.nlp.texts import doc_text, span_text

GENERIC = "Occurrence"
_MAX_CLIMB = 10
_MAX_LABEL_WORDS = 10
_MODIFIER_DEPS = {"npadvmod", "poss", "compound", "nmod", "amod"}
_PHRASE_DEPS = {"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod", "poss", "case", "punct"}


@dataclass
class _Draft:
    trigger: Token
    event_type: str
    words: list[Token] = field(default_factory=list)
    phases: dict[int, str] = field(default_factory=dict)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def attach(self, expr: TimeExpr, via: Token) -> None:
        """Add a time; through a phase word ("ended on X") a point becomes a begin or an end."""
        phase = self.phases.get(via.i)
        if phase is not None and expr.point:
            begin, end = (expr.point, None) if phase == "begin" else (None, expr.point)
            expr = replace(expr, point=None, begin=begin, end=end)
        self.times.append(expr)


def find_events(
    doc: Doc, lexicon: Lexicon, mentions: dict[int, Mention], times: list[TimeExpr], found: list[Found]
) -> list[Event]:
    """The events of a Doc, each with its actors, places, time and quantities."""
    tokens = list(doc)  # each index into a Doc makes a new Token: made once here, for the passes below
    drafts, phases = _triggers(tokens, lexicon)
    _link_phases(phases, lexicon, drafts)
    roots = conjunct_roots(tokens)
    datelines = dateline_spans(doc_text(doc))
    figures = _figure_nouns(found)
    ends = {noun.right_edge.i: noun for noun in figures.values()}
    placed = []
    for expr in times:
        anchor = _anchor_of(doc, expr.span)
        if anchor is not None and not _inside(expr.span.start, datelines):
            placed.append((expr, anchor, *_draft_for(drafts, anchor, lexicon, roots)))
    dated: dict[int, set[str | None]] = {}
    for expr, _, draft, _ in placed:
        dated.setdefault(id(draft), set()).add(expr.point or expr.begin)
    for expr, anchor, draft, via in placed:
        figure = _figure_between(anchor, draft, figures, ends, roots) if len(dated[id(draft)]) > 1 else None
        if figure is not None:
            draft, via = drafts.setdefault(figure.i, _Draft(figure, GENERIC, [figure])), figure
        draft.attach(expr, via)
    for item in found:
        _draft_for(drafts, item.anchor, lexicon, roots)[0].quantities.append(item.quantity)
    for start, end in datelines:
        _file_date(tokens, drafts, [t for t in times if start <= t.span.start < end], end, lexicon, roots)
    merged = _corefer(_supported(drafts))
    prose = {i: m for i, m in mentions.items() if not _inside(m.span.start, datelines)}
    events = [_event(doc, draft, prose, lexicon) for draft in merged]
    return [event for event in events if event is not None]


def _figure_nouns(found: list[Found]) -> dict[int, Token]:
    """The nouns that carry a figure, by index: a quantity's noun, or the noun its number or unit modifies
    ("a $2bn loss")."""
    nouns: dict[int, Token] = {}
    for item in found:
        anchor = item.anchor
        if anchor.pos_ == "NOUN":
            nouns[anchor.i] = anchor
        if anchor.dep_ in ("nummod", "compound") and anchor.head.pos_ == "NOUN":
            nouns[anchor.head.i] = anchor.head
    return nouns


def _figure_between(
    anchor: Token, draft: _Draft, figures: dict[int, Token], ends: dict[int, Token], roots: list[int]
) -> Token | None:
    """A noun with a figure of its own between a date and the event it reaches ("up from a $2bn loss in
    2003", or beside it: "up from 8.1% in February"), or right before the date's preposition wherever the
    parser hung it: when a clause holds two dates, that figure is what the date dates."""
    prep = anchor.head if anchor.dep_ == "pobj" else None
    if prep is not None and prep.i > 0:
        before = prep.doc[prep.i - 1]
        nearest = ends.get(before.i)
        if nearest is not None and nearest.i < prep.i:
            return nearest
    token = anchor
    for _ in range(_MAX_CLIMB):
        if token in draft.words or token.head == token:
            return None
        if token.i in figures and token != anchor:
            return token
        beside = next((c for c in token.children if c.dep_ == "pobj" and c.i in figures), None)
        if beside is not None and token != anchor.head:
            return beside
        token = _above(token, roots)
    return None


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether an offset lies in one of the spans."""
    return any(start <= offset < end for start, end in spans)


def _file_date(
    tokens: list[Token], drafts: dict[int, _Draft], filed: list[TimeExpr], end: int, lexicon: Lexicon, roots: list[int]
) -> None:
    """A dateline's date ("OSLO, May 2 (Wire) - ...") is when the story was filed: it dates the main
    event of the sentence the dateline opens only when that event has no time of its own, and is never an
    event itself."""
    after = next((t for t in tokens if t.idx >= end and not t.is_space), None)
    if not filed or after is None:
        return
    sentence = after.sent
    verb = sentence.root if sentence.root.idx >= end else None
    verb = verb or next((t for t in sentence if t.i >= after.i and t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        draft, via = _draft_for(drafts, verb, lexicon, roots)
        if not draft.times:
            draft.attach(filed[0], via)


def _triggers(tokens: list[Token], lexicon: Lexicon) -> tuple[dict[int, _Draft], list[tuple[Token, Token]]]:
    """The events the trigger words (of a Doc's `tokens`) start, and, read in the same pass, each phase word with
    the event noun it speaks of (a phase word is no trigger of its own)."""
    drafts: dict[int, _Draft] = {}
    phases: list[tuple[Token, Token]] = []
    for token in tokens:
        target = _phase_target(token, lexicon)
        if target is not None:
            phases.append((token, target))
        if token.ent_type_ in ("PERSON", "ORG", "GPE") or (token.is_stop and token.pos_ != "VERB"):
            continue
        is_verb = token.pos_ == "VERB"
        if not is_verb and token.pos_ != "NOUN":
            continue
        event_type = lexicon.event_type_of(
            token.lemma_.lower(), is_verb, _object_words(token) if is_verb else frozenset()
        )
        if event_type is None or target is not None:
            continue
        head = token.head
        if is_verb and token.dep_ == "conj" and head.i in drafts and drafts[head.i].event_type == event_type.name:
            drafts[head.i].words.append(token)
            continue
        drafts[token.i] = _Draft(token, event_type.name, [token])
    return {i: draft for i, draft in drafts.items() if not _object_of_same(draft, drafts)}, phases


def _object_of_same(draft: _Draft, drafts: dict[int, _Draft]) -> bool:
    """ "donated a grant", "the attack was launched": an event noun that is the object of a verb of the same
    event type is that verb's event, not one of its own."""
    trigger = draft.trigger
    verb = drafts.get(trigger.head.i)
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("dobj", "nsubjpass")
        and verb is not None
        and verb.trigger.pos_ == "VERB"
        and verb.event_type == draft.event_type
    )


def _object_words(verb: Token) -> frozenset[str]:
    """The lemmas of a verb's object (or passive subject) and of the words that modify it: what the verb
    acts on, which says which kind of event an ambiguous verb is ("launched missiles")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    words = {t for o in objects for t in (o, *o.children, *o.conjuncts) if t.pos_ in ("NOUN", "PROPN", "ADJ")}
    return frozenset(t.lemma_.lower() for t in words)


def _phase_target(token: Token, lexicon: Lexicon) -> Token | None:
    """The event noun a phase word speaks of: "the war" in "the war ended", "the end of the war"."""
    is_verb = token.pos_ == "VERB"
    if lexicon.phase_of(token.lemma_.lower(), is_verb) is None:
        return None
    if is_verb:
        candidates = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    else:
        candidates = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    for candidate in candidates:
        if candidate.pos_ == "NOUN" and lexicon.event_type_of(candidate.lemma_.lower(), False) is not None:
            return candidate
    return None


def _link_phases(phases: list[tuple[Token, Token]], lexicon: Lexicon, drafts: dict[int, _Draft]) -> None:
    """A phase word joins the event it speaks of, so its date and subject become that event's."""
    for token, target in phases:
        if target.i in drafts:
            draft = drafts[target.i]
            draft.words.append(token)
            draft.phases[token.i] = lexicon.phase_of(token.lemma_.lower(), token.pos_ == "VERB") or "begin"


def _anchor_of(doc: Doc, span: Span) -> Token | None:
    """The token of a time expression that the rest of the sentence attaches it by."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else None


def _draft_for(drafts: dict[int, _Draft], anchor: Token, lexicon: Lexicon, roots: list[int]) -> tuple[_Draft, Token]:
    """The event a dependent belongs to, and the word it reached it by.

    The nearest trigger above it, else its clause's verb; reporting and phase verbs
    ("said", "starting") are passed through.
    """
    token = anchor
    for _ in range(_MAX_CLIMB):
        owner = _owner(drafts, token)
        if owner is not None:
            return owner, token
        if token.pos_ in ("VERB", "AUX") and token != anchor and not _transparent(token, lexicon):
            break
        if token.head == token:
            break
        token = _above(token, roots)
    owner = _owner(drafts, token)
    if owner is None:
        owner = drafts.setdefault(token.i, _Draft(token, GENERIC, [token]))
    return owner, token


def _supported(drafts: dict[int, _Draft]) -> dict[int, _Draft]:
    """A verb that is no trigger acting on an event noun ("struck a deal", "held talks"): the verb and its noun
    are one event of the noun's type, labelled by the verb; the noun's dates and figures join it."""
    for draft in list(drafts.values()):
        verb = draft.trigger
        if draft.event_type != GENERIC or verb.pos_ != "VERB":
            continue
        for child in verb.children:
            noun = drafts.get(child.i)
            if child.dep_ in ("dobj", "nsubjpass") and noun is not None and noun.trigger.pos_ == "NOUN":
                draft.event_type = noun.event_type
                draft.times += noun.times
                draft.quantities += noun.quantities
                del drafts[child.i]
                break
    return drafts


def _above(token: Token, roots: list[int]) -> Token:
    """The head a dependent hangs from, past a chain of conjuncts ("5 mines, 6 shells, and 7 bombs")."""
    return token.doc[roots[token.i]].head


def conjunct_roots(tokens: Iterable[Token]) -> list[int]:
    """For every token of a Doc (the Doc, or its tokens in order), the first conjunct of the chain it is in
    (itself when it is in none), in one pass."""
    roots: list[int] = []
    for token in tokens:
        roots.append(roots[token.head.i] if token.dep_ == "conj" and token.head.i < token.i else token.i)
    return roots


def _transparent(verb: Token, lexicon: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lexicon.speech_verbs or lexicon.phase_of(lemma, True) is not None


def _owner(drafts: dict[int, _Draft], token: Token) -> _Draft | None:
    """The draft whose words include the token (a trigger, a conjoined trigger or a phase word)."""
    if token.i in drafts and token in drafts[token.i].words:
        return drafts[token.i]
    return next((draft for draft in drafts.values() if token in draft.words), None)


def _corefer(drafts: dict[int, _Draft]) -> list[_Draft]:
    """ "the war" again is the war already named: same-noun events merge into the first."""
    merged: list[_Draft] = []
    first_of: dict[str, _Draft] = {}
    for draft in sorted(drafts.values(), key=lambda d: d.trigger.i):
        trigger = draft.trigger
        lemma = trigger.lemma_.lower()
        earlier = first_of.get(lemma) if trigger.pos_ == "NOUN" else None
        if earlier is not None and _definite(trigger) and earlier.event_type == draft.event_type:
            earlier.words += draft.words
            earlier.phases.update(draft.phases)
            earlier.times += draft.times
            earlier.quantities += draft.quantities
            continue
        if trigger.pos_ == "NOUN":
            first_of.setdefault(lemma, draft)
        merged.append(draft)
    return merged


def _definite(noun: Token) -> bool:
    """ "the war", "this attack": a noun that points back, with no parties of its own ("his interview")."""
    children = list(noun.children)
    pointing = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
    parties = any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in load_lexicon().party_prepositions) for c in children
    )
    return pointing and not parties


def _event(doc: Doc, draft: _Draft, mentions: dict[int, Mention], lexicon: Lexicon) -> Event | None:
    trigger = draft.trigger
    actors, places = _arguments(draft, mentions, lexicon)
    if trigger.pos_ == "NOUN" and not (draft.times or draft.quantities or actors):
        return None
    negated = _negated(draft, lexicon)
    if not (actors or places or draft.times or draft.quantities or negated):
        return None
    if not draft.quantities and is_furniture(trigger.sent):
        return None
    sentence = trigger.sent
    return Event(
        span=Span(sentence.start_char, sentence.end_char, span_text(sentence)),
        event_type=draft.event_type,
        label=_label(draft, lexicon),
        trigger=token_span(trigger),
        actors=tuple(actors),
        places=tuple(places),
        time=combined_time(draft.times),
        quantities=tuple(sorted(draft.quantities, key=lambda q: q.span.start)),
        negated=negated,
        modality=_modality(trigger),
    )


def _arguments(draft: _Draft, mentions: dict[int, Mention], lexicon: Lexicon) -> tuple[list[Span], list[Span]]:
    """Actors: the trigger's own subject, agent and parties; places: the places in its clause."""
    actors: list[Span] = []
    places: list[Span] = []
    for word in draft.words:
        for token in _party_tokens(word):
            mention = mentions.get(token.i)
            if mention is not None and (mention.kind in ("Person", "Organization") or mention.subtype == "Country"):
                _add(actors, mention.span)
        for token in _clause_tokens(word):
            mention = mentions.get(token.i)
            if (
                mention is not None
                and mention.kind == "Place"
                and mention.span not in actors
                and _where(token, mention, lexicon)
                and not _origin(token, draft.words)
            ):
                _add(places, mention.span)
    return actors, places


def _where(token: Token, mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a place name (seen at its head word) says where the event was, not whose something is:
    "Japan-funded", "Norway's programme" and a dateline ("NAIROBI - ...") modify a noun; "in Laos" does not."""
    head = token.head
    if head != token and mention.span.start <= head.idx < mention.span.end:
        return False
    top = token
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    if top.dep_ == "compound" and lexicon.name_heads.get(top.head.lower_) == "Place":
        return True  # "in X province", the name tagged without its head word
    return top.dep_ not in _MODIFIER_DEPS


def _origin(token: Token, words: list[Token]) -> bool:
    """ "with funding from Chile", "money from Norway": a place that says where a thing came from, through
    "from" on a noun that is not the event's own, is not where the event was."""
    prep = token.head
    while prep.dep_ == "conj" and prep.head != prep:
        prep = prep.head
    return prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN") and prep.head not in words


def _party_tokens(word: Token) -> Iterable[Token]:
    """Subject, agent, recipient and "with/between/by" objects of the trigger, with their conjuncts.

    An event noun that is where something was said ("said in an interview") has the speaker as a party.
    """
    if word.pos_ == "NOUN" and word.dep_ == "pobj" and word.head.head.pos_ == "VERB":
        verb = word.head.head
        for child in verb.children:
            if child.dep_ == "nsubj" and word.head.lower_ in ("in", "during", "at"):
                yield from _with_conjuncts(child)
    for child in word.children:
        if child.dep_ in ("nsubj", "dative") or (child.dep_ == "poss" and word.pos_ == "NOUN"):
            yield from _with_conjuncts(child)
        elif child.dep_ in ("agent", "prep") and (
            child.dep_ == "agent" or child.lower_ in load_lexicon().party_prepositions
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield from _with_conjuncts(obj)


def _with_conjuncts(token: Token) -> Iterable[Token]:
    yield token
    for child in token.children:
        if child.dep_ in ("appos", "compound"):
            yield from _with_conjuncts(child)
    for child in token.children:
        if child.dep_ == "conj":
            yield from _with_conjuncts(child)


def _clause_tokens(word: Token) -> Iterable[Token]:
    """The tokens of the word's own clause: its subtree, less clauses of their own."""
    for child in word.children:
        if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") and child.pos_ in ("VERB", "AUX"):
            continue
        yield from child.subtree


def _add(spans: list[Span], span: Span) -> None:
    if span not in spans:
        spans.append(span)


def _label(draft: _Draft, lexicon: Lexicon) -> str:
    """What happened, in a few words: the trigger as written with its object and figure ("defused 40
    mines and shells", "signed ceasefire"); a light verb ("was", "include") or a reporting verb
    also names its subject, and says its complement when it has no object ("revenue came from visitors")."""
    words = [word for word in draft.words if word.i not in draft.phases] or [draft.trigger]
    verbs = " and ".join(dict.fromkeys(_as_written(word) for word in words))
    head = words[0]
    light = head.pos_ in ("VERB", "AUX") and (
        head.lemma_.lower() in lexicon.light_verbs or head.lemma_.lower() in lexicon.speech_verbs
    )
    parts = [verbs]
    if head.pos_ == "NOUN":
        parts = [_phrase(head)]
    subject = _subject_of(head) if head.pos_ in ("VERB", "AUX") else None
    if light and subject is not None:
        parts.insert(0, _phrase(subject))
    thing = next((c for w in words for c in w.children if c.dep_ in ("dobj", "attr", "acomp", "oprd", "pobj")), None)
    if thing is None and head.pos_ != "NOUN" and not light:
        thing = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if thing is None and light:
        preps = [
            c
            for c in head.children
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children)
        ]
        thing = next((c for c in preps if c.i > head.i), None)
    if thing is not None:
        parts.append(_phrase(thing))
    elif not light and subject is not None and head.pos_ == "VERB":
        parts.insert(0, _phrase(subject))  # "18 coaches derailed", not "derailed"
    return " ".join(part for part in parts if part)


def _subject_of(verb: Token) -> Token | None:
    """What a verb says something of: its subject, the noun a relative clause hangs from ("families who
    arrived"), or the subject of the verb it completes or is joined to ("expected to be lower")."""
    for _ in range(_MAX_CLIMB):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ not in ("WDT", "WP", "EX"):
            return subject
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if subject is not None or verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _inside_word(token: Token) -> bool:
    """A hyphen or slash with no space on either side ("3-ha", "km/h")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text in ("-", "/") and before is not None and not before.whitespace_ and not token.whitespace_


def _as_written(word: Token) -> str:
    return word.text if word.pos_ == "PROPN" else word.lower_


def _phrase(head: Token) -> str:
    """A noun (or preposition) with what makes it specific: its numbers, compounds, adjectives, the object
    of a preposition, and its conjuncts ("40 mines and shells"); no determiners, no clauses."""
    tokens = sorted(_phrase_tokens(head, 0), key=lambda t: t.i)
    if len(tokens) > _MAX_LABEL_WORDS:
        tokens = [t for t in tokens if t == head or (t.head == head and t.dep_ in ("nummod", "compound", "amod"))]
    text = ""
    for index, token in enumerate(tokens):
        joined = index + 1 < len(tokens) and tokens[index + 1].i == token.i + 1
        text += _as_written(token) + (token.whitespace_ if joined else " ")
    return text.strip()


def _phrase_tokens(head: Token, depth: int) -> list[Token]:
    found = [head]
    for child in head.children:
        if (child.dep_ == "punct" and not _inside_word(child)) or child.tag_ in ("PRP$", "WDT", "WP", "WP$"):
            continue
        if child.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
            continue
        if (
            child.dep_ in _PHRASE_DEPS
            or (child.dep_ in ("conj", "cc") and depth < 2)
            or (child.dep_ == "pobj" and head.dep_ == "prep")
            or (child.dep_ == "prep" and head.pos_ != "ADP" and depth == 0)
        ):
            found.extend(_phrase_tokens(child, depth + 1))
    return found


def combined_time(times: list[TimeExpr]) -> TimeExpr | None:
    """One time from all an event's dates: a written span first, else the most precise begin and end, else point."""
    if not times:
        return None
    spans = [t for t in times if t.begin and t.end]
    if spans:
        return spans[0]
    begins = [t.begin for t in times if t.begin]
    ends = [t.end for t in times if t.end]
    if begins or ends:
        return TimeExpr(times[0].span, begin=_most_precise(begins), end=_most_precise(ends))
    return TimeExpr(times[0].span, point=_most_precise([t.point for t in times if t.point]))


def _most_precise(values: list[str]) -> str | None:
    """The first of the values written to the finest precision (day over month over year)."""
    return max(values, key=lambda value: (value.count("-"), -values.index(value))) if values else None


def _negated(draft: _Draft, lexicon: Lexicon) -> bool:
    """ "did not resume", "no casualties were reported", "the ministry denied that ...", and a plan the text
    says did not come true ("a plan to finish by 2019, but that did not happen")."""
    if _denied(draft.trigger, lexicon) or _unrealised(draft.trigger) or _refused(draft.trigger):
        return True
    for word in draft.words:
        if any(child.dep_ == "neg" for child in word.children):
            return True
        for child in word.children:
            if child.dep_ in ("nsubjpass", "nsubj") and any(d.lower_ == "no" for d in child.children):
                return True
    return False


def _denied(trigger: Token, lexicon: Lexicon) -> bool:
    token = trigger
    while token.head != token:
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in lexicon.denials:
            return True
        token = token.head
    return False


def _modality(trigger: Token) -> str | None:
    modals = load_lexicon().modals
    for child in trigger.children:
        if child.dep_ == "aux" and child.lower_ in modals:
            return modals[child.lower_]
    if _plan_of(trigger) is not None:
        return "planned"
    return None


def _plan_of(trigger: Token) -> Token | None:
    """The verb or noun of planning whose complement the trigger is ("planned to launch", "a plan for X to
    become"), if any."""
    if trigger.dep_ in ("xcomp", "advcl", "acl") and _lemmas(trigger.head) & load_lexicon().plans:
        return trigger.head
    return None


def _lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and the stems of its regular inflection, for the verbs the small model lemmatises
    wrongly ("hoped" -> "hop")."""
    word = verb.lower_
    found = {verb.lemma_.lower()}
    for ending in ("ed", "ing", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            found |= {stem, stem + "e"}
    return found


def _refused(trigger: Token) -> bool:
    """ "failed to retake the town", "refused to sign": the event the sentence says did not happen."""
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in load_lexicon().refused


def _unrealised(trigger: Token) -> bool:
    """A plan the same sentence undoes: "..., but that did not happen", "planned to X but delayed it"."""
    plan = _plan_of(trigger)
    if plan is None:
        return False
    clause = plan
    while clause.dep_ not in ("ROOT", "conj") and clause.head != clause:
        clause = clause.head
    for other in clause.conjuncts:
        if other.i < clause.i:
            continue
        if other.lemma_.lower() in load_lexicon().undone or any(child.dep_ == "neg" for child in other.children):
            return True
    return False
