"""Reported speech: direct quotes and indirect statements, each with its speaker.

Quote marks are paired by their spacing and shape; a quote may span sentences,
wrapped lines and (by the convention of an unclosed paragraph) paragraphs. The
speaker is the subject of the reporting verb after the quote (`"...," he added`)
or before it (`X said: "..."`); a quote without one takes the speaker a caption
or colon line above it names, or that of the statement right before it. Indirect
speech is a reporting verb's clause (`X said that ...`), a verb that reports its
object (`X confirmed the attacks`) or a sentence with "according to X".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import ChainMap, Counter
from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newskg.extract.entities import span_of, token_span
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.model import Mention, Span, Statement
from newskg.nlp.texts import doc_text, span_text

_QUOTE_MARKS = re.compile(r"[\"“”]")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_SENTENCE_ENDS = (".", "!", "?", ":", ";")
_BETWEEN = " \t\n\"“”'‘’"
_GAP = re.compile(r"[\s\"“”'‘’]*")  # what may stand between a statement and the quote that goes on with it
_MIN_QUOTE = 12
_CAPTION = 80  # characters: the longest line taken for a caption naming who speaks next


def find_statements(doc: Doc, lexicon: Lexicon, mentions: Mapping[int, Mention]) -> list[Statement]:
    """Direct quotes first, then indirect speech outside them; a quote no verb attributes has the speaker
    the line before it introduces, or continues the statement right before it."""
    text = doc_text(doc)
    tokens = list(doc)  # each index into a Doc makes a new Token: made once here, for the passes below
    quotes = list(quote_spans(text))
    found = _attributions(doc, tokens, quotes, lexicon, mentions)
    direct = [_quoted(text, quote, *found[i], lexicon) for i, quote in enumerate(quotes) if i in found]
    indirect = [s for s in _indirect(doc, tokens, lexicon, mentions) if not _mostly_quoted(s.text, quotes)]
    indirect += _first_person(doc, mentions)
    said = sorted(direct + indirect, key=lambda s: s.text.start)
    for i, (start, end, _) in enumerate(quotes):
        speaker = None if i in found else _introduced(doc, text, start, mentions) or _continuing(text, start, said)
        if speaker is not None:
            quoted = Span(start, end, text[start:end])
            said.append(Statement(speaker, quoted, quoted, direct=True))
    return sorted(said + _between(doc, said), key=lambda s: s.text.start)


def _between(doc: Doc, said: list[Statement]) -> list[Statement]:
    """A sentence of no statement between two sentences that are one document's or body's word, the second
    going on with it ("A ministry statement states that A. B. It also says that C."): B is its word too.
    Two statements by names the text gives twice are two reports, and what stands between them the paper's."""
    by_sentence: dict[int, list[Statement]] = {}
    sentences = list(doc.sents)
    starts = [sentence.start_char for sentence in sentences]
    for statement in said:
        by_sentence.setdefault(bisect_left(starts, statement.text.start + 1) - 1, []).append(statement)
    found = []
    for i in range(1, len(sentences) - 1):
        before, after = by_sentence.get(i - 1, []), by_sentence.get(i + 1, [])
        if i in by_sentence or not before or not after or before[-1].speaker != after[0].speaker:
            continue
        sentence = sentences[i]
        own = span_text(sentence)
        text = own.strip()
        start = sentence.start_char + len(own) - len(own.lstrip())
        found.append(
            Statement(
                after[0].speaker,
                Span(start, start + len(text), text),
                Span(start, start + len(text), text),
                direct=False,
            )
        )
    return found


def quote_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, chain) of the inside of each quotation in `text`.

    A quote ends at its closing mark or its paragraph's end. A paragraph left open whose next paragraph
    opens with a quote mark goes on there (the same `chain`); so does one whose next paragraph only closes,
    and one cut mid-sentence by a blank line, up to the next mark. A line broken inside a sentence does not
    end a paragraph.
    """
    chain, opening, scanned = 0, None, 0
    for mark in _QUOTE_MARKS.finditer(text):
        at = mark.start()
        role = _role(text, at)
        if opening is not None:
            cut = _paragraph_end(text, scanned, at)
            if cut is not None:
                ends, starts = cut
                if not text[starts:at].strip() and role != "close":
                    yield from _segment(text, opening, ends, chain)
                    opening = scanned = mark.end()
                    continue
                if role != "close" and _mid_sentence(text, opening, ends) and _paragraph_end(text, starts, at) is None:
                    yield from _segment(text, opening, at, chain)
                    opening = scanned = mark.end()
                    continue
                if role == "open" or _paragraph_end(text, starts, at) is not None:
                    yield from _segment(text, opening, ends, chain)
                    chain, opening = chain + 1, None
        scanned = mark.end()
        if opening is None:
            opening = mark.end() if role != "close" else None
        elif role != "open":
            yield from _segment(text, opening, at, chain)
            chain, opening = chain + 1, None
    if opening is not None:
        cut = _paragraph_end(text, scanned, len(text))
        yield from _segment(text, opening, cut[0] if cut else len(text), chain)


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """A quote's text that stops without ending a sentence ('He said: "I' before a blank line)."""
    return not text[start:end].rstrip(_BETWEEN).endswith(_SENTENCE_ENDS)


def _role(text: str, at: int) -> str:
    """Whether a quote mark opens, closes, or (a straight mark between two words) may do either.

    The spacing around a mark decides before its shape: a curly mark set the wrong way round ('”In the
    year ...' at a line's start) still opens.
    """
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = (before.isspace() or before in "([{—–-") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}")
    if opens != closes:
        return "open" if opens else "close"
    if text[at] in "“”":
        return "open" if text[at] == "“" else "close"
    return "either"


def _paragraph_end(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """Where the first paragraph in text[start:stop] ends and the next begins: a blank line, or a line
    break after a sentence's end (a line broken mid-sentence is a wrapped line, not a paragraph)."""
    for match in _LINE_BREAK.finditer(text, start, stop):
        if match.group().count("\n") > 1 or text[max(start, match.start() - 1) : match.start()] in _SENTENCE_ENDS:
            return match.start(), match.end()
    return None


def _segment(text: str, start: int, end: int, chain: int) -> Iterator[tuple[int, int, int]]:
    inner = text[start:end].rstrip(" ,\n\t")
    if len(inner) >= _MIN_QUOTE:
        yield start, start + len(inner), chain


def _attributions(
    doc: Doc, tokens: list[Token], quotes: list[tuple[int, int, int]], lexicon: Lexicon, mentions: Mapping[int, Mention]
) -> dict[int, tuple[Span, Token]]:
    """Quote index -> its speaker and reporting verb: its own, else that of another part of its chain.
    (`tokens`: the Doc's, in a list.)"""
    starts = [token.idx for token in tokens]
    own = {}
    for i, (start, end, _) in enumerate(quotes):
        found = _speaker_around(doc, starts, (start, end), lexicon, mentions)
        if found is not None:
            own[i] = found
    by_chain: dict[int, tuple[Span, Token]] = {}
    for i, found in own.items():
        by_chain.setdefault(quotes[i][2], found)
    return {i: own.get(i) or by_chain[chain] for i, (_, _, chain) in enumerate(quotes) if chain in by_chain}


def _quoted(text: str, quote: tuple[int, int, int], speaker: Span, verb: Token, lexicon: Lexicon) -> Statement:
    start, end, _ = quote
    first, last = min(start, verb.sent.start_char), max(end, verb.sent.end_char)
    return Statement(
        speaker=speaker,
        text=Span(start, end, text[start:end]),
        evidence=Span(first, last, text[first:last]),
        direct=True,
        medium=_medium(verb, lexicon),
    )


def _speaker_around(
    doc: Doc, starts: list[int], quote: tuple[int, int], lexicon: Lexicon, mentions: Mapping[int, Mention]
) -> tuple[Span, Token] | None:
    """The speaker of a quote and the reporting verb after it (or before it) in its sentences."""
    start, end = quote
    closing, opening = _token_near(doc, starts, end), _token_near(doc, starts, start)
    after = [t for t in closing.sent if t.idx > end] + _attribution_after(doc, closing.sent, end, lexicon)
    before = [t for t in opening.sent if t.idx < start]
    for tokens in (after, list(reversed(before))):
        for token in tokens:
            if token.pos_ == "VERB" and token.lemma_ in lexicon.speech_verbs:
                speaker = _subject(token, mentions)
                if speaker is None and tokens is after and not _has_subject(token):
                    speaker = _named_before(after, token, mentions)
                if speaker is not None:
                    return speaker, token
    return None


def _attribution_after(doc: Doc, sentence: SpacySpan, end: int, lexicon: Lexicon) -> list[Token]:
    """The next sentence, when it follows the quote at once and is only an attribution ('"..." X said.'):
    a reporting verb with no clause of its own."""
    if sentence.end >= len(doc) or span_text(sentence)[max(0, end - sentence.start_char) :].strip(_BETWEEN + ".,!?"):
        return []
    following = doc[sentence.end].sent
    verbs = [t for t in following if t.pos_ == "VERB" and t.lemma_ in lexicon.speech_verbs]
    if verbs and not any(_reports(c, lexicon) for c in verbs[0].children):
        return list(following)
    return []


def _reports(child: Token, lexicon: Lexicon) -> bool:
    """A reporting verb's dependent that is itself what was said (a clause, or a reported thing)."""
    return child.dep_ == "ccomp" or (child.dep_ == "dobj" and child.head.lemma_ in lexicon.object_speech_verbs)


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)


def _named_before(tokens: list[Token], verb: Token, mentions: Mapping[int, Mention]) -> Span | None:
    """The speaker of a verb the parser left without a subject ('"...," X, spokesman for Y, told ...'):
    the first person named between the quote and the verb, else the first organization."""
    named = [mentions[t.i] for t in tokens if t.i < verb.i and t.i in mentions]
    for kind in ("Person", "Organization"):
        found = next((m for m in named if m.kind == kind), None)
        if found is not None:
            return found.span
    return None


def _medium(verb: Token, lexicon: Lexicon) -> Span | None:
    """Where it was said: the interview or statement in "said in an interview with X"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "at")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            event_type = lexicon.event_type_of(noun.lemma_.lower(), False)
            if event_type is not None and event_type.name == "Interview":
                return token_span(noun)
    return None


def _token_near(doc: Doc, starts: list[int], char: int) -> Token:
    """The first token at or after a character offset (the last token past the end)."""
    return doc[min(bisect_left(starts, char), len(doc) - 1)]


def _subject(verb: Token, mentions: Mapping[int, Mention]) -> Span | None:
    mention = _speaker_mention(verb, mentions)
    return mention.span if mention is not None else None


def _speaker_mention(verb: Token, mentions: Mapping[int, Mention]) -> Mention | None:
    """The speaker: the verb's subject, or the name in apposition to a title subject, or the person named
    in the subject phrase ("the head of the council X said"), else the organization named there.

    A participle or second verb ("X thanked them, stating: ...", "X came and said ...", "X lost no time in
    warning ...") speaks with the subject of the clause it hangs from.
    """
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        heads = [mentions.get(t.i) for s in subjects for t in [s, *(c for c in s.children if c.dep_ == "appos")]]
        inside = [mentions.get(t.i) for s in subjects for t in s.subtree]
        for mention in [*heads, *(m for m in inside if m and m.kind == "Person"), *inside]:
            if mention is not None and mention.kind in ("Person", "Organization"):
                return mention
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:
        return _speaker_mention(verb.head, mentions)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _speaker_mention(verb.head.head, mentions)
    return None


def _indirect(doc: Doc, listed: list[Token], lexicon: Lexicon, mentions: Mapping[int, Mention]) -> Iterator[Statement]:
    """Indirect speech: each reporting verb's clause, object or closing attribution with its speaker, then the
    sentences "according to" someone. (`listed`: the Doc's tokens, in a list.)"""
    for token in listed:
        if _reporting(token, lexicon):
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
            clause = next((c for c in clauses if c.i > token.i), clauses[0] if clauses else None)
            clause = clause or _clause_on_document(token, lexicon)
            speaker = _subject(token, mentions)
            tokens = _said(token, clause, lexicon, mentions)
            closing = None if tokens or clause is not None else _closing_attribution(token)
            if closing is not None:
                tokens, naming = closing
                speaker = _named_before(naming, token, mentions) or speaker
            if not tokens or speaker is None:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            sentence = token.sent
            yield Statement(
                speaker,
                Span(start, end, doc_text(doc)[start:end]),
                Span(sentence.start_char, sentence.end_char, span_text(sentence)),
                direct=False,
                medium=_medium(token, lexicon),
            )
    yield from _according_to(listed, lexicon, mentions)


def _said(verb: Token, clause: Token | None, lexicon: Lexicon, mentions: Mapping[int, Mention]) -> list[Token]:
    """The words a reporting verb reports: its clause ("said that ..."), or, for a verb that reports a
    thing ("confirmed the attacks", "reported a profit"), the verb with its object; a clause the parser
    read as an object with a verb hung on it ("said [a unit] needed to be moved") is the clause, and so
    is the rest of the sentence when the parser hung the verb on the clause after it ("X shows [Y has
    doubled]"); a verb set off by commas ("the plan, she said, was") reports the clause it is set in; a verb
    with a to-infinitive ("urged X to ...") what it asks."""
    if verb.dep_ == "ccomp" and verb.head.i > verb.i and (clause is None or clause.i < verb.i):
        return [t for t in verb.doc[verb.i + 1 : verb.head.right_edge.i + 1] if not t.is_space]
    if verb.lemma_ in lexicon.naming_verbs and clause is None:
        return _named(verb)
    if clause is None and verb.dep_ == "parataxis":
        clause = verb.head  # "The plan, she said, was ...": the sentence it is set in
    if clause is not None:
        tokens = sorted(clause.subtree, key=lambda t: t.i)
        return tokens[1:] if tokens[0].lower_ == "that" else tokens
    wanted = _wanted(verb)
    if wanted:
        return wanted
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or any(mentions[t.i].kind == "Person" for t in thing.subtree if t.i in mentions):
        return []
    if verb.lemma_ in lexicon.object_speech_verbs:
        tokens = [t for t in verb.subtree if t.i >= verb.i]
    elif any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in thing.children):
        tokens = [t for t in verb.subtree if t.i > verb.i]  # a clause the parser took for an object
    else:
        return []
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens


def _clause_on_document(verb: Token, lexicon: Lexicon) -> Token | None:
    """ "said in a statement that ...", the parser hanging the that-clause on the statement: that clause."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in lexicon.speech_documents):
            for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i):
                if any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
                    return clause
    return None


def _closing_attribution(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """ "..., the minister of X, Y and Z Jane Roe said on Monday." that the parser hung on the sentence as a
    verb of its own: a reporting verb ending its sentence, with no clause or object (but whom it was told),
    whose speaker follows a comma (a title's own commas and "and" passed), reports the sentence up to that
    comma (after a colon that ends a dateline). The words said, and the words that name the speaker."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    sentence = verb.sent
    if verb.dep_ not in ("conj", "ROOT") or (subject is not None and subject.i > verb.i):
        return None
    told = verb.lemma_ == "tell"
    if any(c.dep_ in ("ccomp", "xcomp", "attr") or (c.dep_ == "dobj" and not told) for c in verb.children):
        return None
    after = [t for t in sentence if t.i > verb.i and not (t.is_punct or t.is_space)]
    if any(t.head.i < verb.i for t in after):
        return None
    at = subject.left_edge.i if subject is not None else verb.i
    while at > sentence.start and _in_attribution(verb.doc[at - 1]):
        at -= 1
    comma = verb.doc[at]
    if comma.text != "," or at == sentence.start or verb.doc[at + 1].lower_ in ("and", "but", "or"):
        return None
    said = [t for t in sentence if t.i < comma.i and not t.is_space]
    colon = max((n for n, t in enumerate(said) if t.text == ":"), default=-1)
    return said[colon + 1 :], list(verb.doc[at + 1 : verb.i])


def _in_attribution(token: Token) -> bool:
    """A word of a speaker's title and name: capitalised, or a comma or word that joins a title's parts."""
    return token.is_title or token.is_upper or token.lower_ in (",", "of", "for", "and", "the", "&", "-")


def _wanted(verb: Token) -> list[Token]:
    """What an active reporting verb with a to-infinitive asks, promises or claims ("warned the rebels to free
    the hostages", "vowed to rebuild the bridge"): the words from the verb's object to the infinitive's end."""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if infinitive is None or infinitive.i < verb.i or any(c.dep_ == "auxpass" for c in verb.children):
        return []
    tokens = [t for t in verb.doc[verb.i + 1 : infinitive.right_edge.i + 1] if not t.is_space]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens


def _reporting(token: Token, lexicon: Lexicon) -> bool:
    """A verb that reports what was said: a reporting verb, or a naming verb ("called it a gamble")."""
    return token.pos_ == "VERB" and (token.lemma_ in lexicon.speech_verbs or token.lemma_ in lexicon.naming_verbs)


def _named(verb: Token) -> list[Token]:
    """What a naming verb says: the words after it when it names something ("called it a gamble",
    "described it as a disgrace") or asks for something ("called for calm", "called on X to ..."); none for
    "called the police"."""
    parts = [*verb.children, *(c for o in verb.children if o.dep_ == "dobj" for c in o.children)]
    if not any(
        c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in load_lexicon().naming_prepositions) for c in parts
    ):
        return []
    tokens = [t for t in verb.subtree if t.i > verb.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens


def _according_to(tokens: list[Token], lexicon: Lexicon, mentions: Mapping[int, Mention]) -> Iterator[Statement]:
    """A sentence "according to" a source the text names, as that source's word. (`tokens`: a Doc's, in a list.)"""
    phrases = [phrase.split() for phrase in lexicon.attributions]
    firsts = {phrase[0] for phrase in phrases}
    for token in (t for t in tokens if t.lower_ in firsts):
        words = next((p for p in phrases if [t.lower_ for t in tokens[token.i : token.i + len(p)]] == p), None)
        if words is not None:
            last = tokens[token.i + len(words) - 1]
            objects = [c for c in last.children if c.dep_ in ("pobj", "dobj")]
            source = next((mentions[t.i] for o in objects for t in o.subtree if t.i in mentions), None)
            if source is None:
                continue
            sentence = token.sent
            text = Span(sentence.start_char, sentence.end_char, span_text(sentence))
            yield Statement(source.span, text, text, direct=False)


def _mostly_quoted(span: Span, quotes: list[tuple[int, int, int]]) -> bool:
    """An indirect clause that is mostly inside quote marks is the direct quote's, not a second statement."""
    inside = sum(max(0, min(span.end, end) - max(span.start, start)) for start, end, _ in quotes)
    return inside * 2 > span.end - span.start


def _continuing(text: str, start: int, said: list[Statement]) -> Span | None:
    """The speaker of the statement right before a quote (nothing but spaces and marks between): the same
    speaker going on ('"...," X said. "..."')."""
    before = [s for s in said if s.evidence.end <= start]
    if not before:
        return None
    last = max(before, key=lambda s: s.evidence.end)
    gap = _GAP.match(text, last.evidence.end, start)
    return last.speaker if gap is not None and gap.end() == start else None


def _introduced(doc: Doc, text: str, start: int, mentions: Mapping[int, Mention]) -> Span | None:
    """The speaker named by the line before a quote that opens its line: a caption ("X - Chief Engineer")
    or a sentence ending in a colon ("X gave an overview:")."""
    line_start = text.rfind("\n", 0, start) + 1
    end = line_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if text[line_start : start - 1].strip() or end == 0:
        return None
    line = doc.char_span(text.rfind("\n", 0, end) + 1, end, alignment_mode="expand")
    if line is None or not line.text.strip():
        return None
    if text[end - 1] == ":":
        return _subject(line[-1].sent.root, mentions)
    first = mentions.get(next(t for t in line if not t.is_space).i)
    caption = len(line.text) <= _CAPTION and not any(t.pos_ in ("VERB", "AUX") for t in line)
    return first.span if first is not None and first.kind == "Person" and caption else None


def speaker_mentions(doc: Doc, lexicon: Lexicon, mentions: Mapping[int, Mention]) -> dict[int, Mention]:
    """Token index -> the speaker the tagger did not name: a body a common noun names ("the mediators said"),
    the body that issued a document ("a ministry statement said", "according to police reports"), and
    for "it said", "the statement said" or "according to their figures" the organization that spoke last; for
    a title with its body and no name ("the agency chief added") the person who spoke last, as for "he said"
    in that person's sentence or the next."""
    found: dict[int, Mention] = {}
    known: ChainMap[int, Mention] = ChainMap(found, dict(mentions))
    last: Mention | None = None
    person: Mention | None = None
    spoke = -1  # the first token of the sentence the person spoke in
    for source, verb in _sources(doc, lexicon):
        anaphor = _anaphor(source, lexicon)
        if anaphor is not None and last is not None:
            found[anaphor.i] = last
            continue
        if person is not None and _title_of_body(source, lexicon, known):
            found[source.i] = person
            continue
        other = _other_name(source, lexicon, known) or _same_speaker(source, person, spoke, known)
        if other is not None:
            found[source.i] = other
        speaker = _speaker_mention(verb, known) if verb is not None else _first_mention(source, known)
        body = _body(source, lexicon) if speaker is None else None
        if body is not None:
            speaker = Mention(
                span_of(doc, body.start, body.end), "Organization", head=source.lower_, sentence=source.sent.start_char
            )
            found.update({t.i: speaker for t in body if t.i not in mentions} | {source.i: speaker})
            if len(body) == 1:
                found.update(_full_names(doc, body[0], mentions))
        if speaker is not None and speaker.kind == "Organization":
            last = speaker
        elif speaker is not None and speaker.kind == "Person":
            person, spoke = speaker, source.sent.start
    return found


def _full_names(doc: Doc, word: Token, mentions: Mapping[int, Mention]) -> dict[int, Mention]:
    """Where the text names a lone body word in full, "<word> of <place>" ("the government of X"): a mention of
    that name, which resolution joins the lone word to."""
    found: dict[int, Mention] = {}
    for token in (t for t in doc if t.lower_ == word.lower_ and t.i != word.i):
        places = [t for c in token.children if c.lower_ == "of" for t in c.subtree if t.i in mentions]
        if places and all(mentions[t.i].kind == "Place" for t in places):
            end = max(t.i for t in places) + 1
            name = Mention(
                span_of(doc, token.i, end), "Organization", head=token.lower_, sentence=token.sent.start_char
            )
            found.update({t.i: name for t in doc[token.i : end] if t.i not in mentions})
    return found


def _sources(doc: Doc, lexicon: Lexicon) -> Iterator[tuple[Token, Token | None]]:
    """In text order, who or what a statement comes from: a reporting verb's subject (with the verb), the
    subject of a verb that issues a document ("X published a report": "the report found" is X's), and the
    object of "according to" (with no verb)."""
    phrases = [phrase.split() for phrase in lexicon.attributions]
    firsts = {phrase[0] for phrase in phrases}
    for token in doc:
        if _reporting(token, lexicon) or _issues(token, lexicon):
            yield from ((c, token) for c in token.children if c.dep_ in ("nsubj", "nsubjpass"))
        if token.lower_ not in firsts:
            continue
        words = next((p for p in phrases if [t.lower_ for t in doc[token.i : token.i + len(p)]] == p), None)
        if words is not None:
            last = doc[token.i + len(words) - 1]
            yield from ((c, None) for c in last.children if c.dep_ in ("pobj", "dobj"))


def _issues(verb: Token, lexicon: Lexicon) -> bool:
    """A verb whose object is a document its subject puts out ("published a report", "released its study")."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in lexicon.speech_documents or c.lower_ in lexicon.speech_documents)
        for c in verb.children
    )


def _first_mention(source: Token, mentions: Mapping[int, Mention]) -> Mention | None:
    return next((mentions[t.i] for t in source.subtree if t.i in mentions), None)


def _other_name(source: Token, lexicon: Lexicon, mentions: Mapping[int, Mention]) -> Mention | None:
    """The organization named last before a description under another name of it ("the army": "X Armed
    Forces")."""
    reference = mentions.get(source.i)
    names = lexicon.description_names.get(source.lower_, ())
    if reference is None or reference.form != "description" or not names:
        return None
    named = (
        mentions[t.i]
        for t in reversed(source.doc[: source.i])
        if t.i in mentions and mentions[t.i].kind == "Organization" and mentions[t.i].form == "name"
    )
    return next((m for m in named if any(n in m.span.text.lower() for n in names)), None)


def _same_speaker(source: Token, person: Mention | None, spoke: int, mentions: Mapping[int, Mention]) -> Mention | None:
    """ "he said" in the sentence of the man who spoke last, or the next one: that man, whoever else was
    named in between (unless a word says the two differ in gender)."""
    pronoun = mentions.get(source.i)
    if person is None or pronoun is None or pronoun.form != "pronoun" or pronoun.kind != "Person":
        return None
    sentence = source.sent.start
    previous = source.doc[sentence - 1].sent.start if sentence > 0 else sentence
    near = spoke in (sentence, previous)
    return person if near and person.gender in (None, pronoun.gender) else None


def _title_of_body(source: Token, lexicon: Lexicon, mentions: Mapping[int, Mention]) -> bool:
    """ "the X chief": a job title held by a body's person, with no person named in it."""
    if source.i in mentions or source.lower_ not in lexicon.titles:
        return False
    inside = [mentions[t.i] for t in source.subtree if t.i in mentions]
    return bool(inside) and all(m.kind == "Organization" for m in inside)


def _anaphor(source: Token, lexicon: Lexicon) -> Token | None:
    """The word that points back to the body that spoke last: "it" (said), "the statement" (said), or the
    owner in "their figures"."""
    if source.lower_ == "it":
        return source
    if source.lemma_.lower() not in lexicon.speech_documents and source.lower_ not in lexicon.speech_documents:
        return None
    modifiers = [c for c in source.children if c.i < source.i]
    if [c.lower_ for c in modifiers] == ["the"]:
        return source
    return next((c for c in modifiers if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)


def _body(source: Token, lexicon: Lexicon) -> SpacySpan | None:
    """The words naming a body that speaks: the common noun with its own modifiers ("the government of the X
    region" without "the"), or, for a document, the body word before it with the names before that ("a Y
    foreign ministry statement" gives "Y foreign ministry")."""
    doc = source.doc
    if source.lemma_.lower() in lexicon.speech_documents or source.lower_ in lexicon.speech_documents:
        issuer = next((t for t in reversed(list(source.subtree)) if t.i < source.i and _is_body(t, lexicon)), None)
        if issuer is None:
            return None
        start = issuer.left_edge.i
        while start > 0 and _names_issuer(doc[start - 1], source):
            start -= 1
        return doc[start : issuer.i + 1]
    if not _is_body(source, lexicon):
        return None
    start = next(t.i for t in source.subtree if t.dep_ != "det")
    end = next(
        (t.i for t in doc[source.i : source.right_edge.i + 1] if t.is_punct or t.is_space), source.right_edge.i + 1
    )
    return doc[start:end]


def _names_issuer(token: Token, document: Token) -> bool:
    """A capitalised word that goes with the issuer before a document's body word ("Y" in "a Y ministry statement")."""
    return token.head.i == document.i and token.pos_ in ("PROPN", "ADJ", "NOUN") and token.text[:1].isupper()


def _is_body(token: Token, lexicon: Lexicon) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and (
        token.lower_ in lexicon.speaking_bodies or token.lemma_.lower() in lexicon.speaking_bodies
    )


def _first_person(doc: Doc, mentions: Mapping[int, Mention]) -> list[Statement]:
    """A press release's own voice: a sentence whose main verb has "we" for subject, in a paragraph with no
    quote mark, is the word of the organization the text names most (not a news outlet: "we" there is the
    paper)."""
    issuer = _most_named(mentions)
    if issuer is None:
        return []
    said = []
    for sentence in doc.sents:
        root = sentence.root
        if not any(c.dep_ == "nsubj" and c.lower_ == "we" for c in root.children) or _QUOTE_MARKS.search(
            _paragraph(doc_text(doc), sentence.start_char)
        ):
            continue
        own = span_text(sentence)
        text = own.strip()
        start = sentence.start_char + len(own) - len(own.lstrip())
        said.append(
            Statement(issuer, Span(start, start + len(text), text), Span(start, start + len(text), text), direct=False)
        )
    return said


def _most_named(mentions: Mapping[int, Mention]) -> Span | None:
    """The first name of the organization named most often (by distinct mentions), none for a news outlet."""
    names = {m for m in mentions.values() if m.kind == "Organization" and m.form in ("name", "acronym")}
    counts = Counter(m.span.text.casefold() for m in names)
    if not counts:
        return None
    best = max(counts.values())
    first = min((m for m in names if counts[m.span.text.casefold()] == best), key=lambda m: m.span.start)
    return None if first.subtype == "NewsMediaOrganization" else first.span


def _paragraph(text: str, at: int) -> str:
    """The blank-line paragraph around a character offset."""
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]
