"""What the graph page's details panel says of a node, read from the graph: its names, links, roles, events
with their figures and dates, and the sentences it comes from with their article, the mention marked.

Everything here is plain data for the page (which writes it as text, never as
markup). What a node has much of is cut to the first few, saying how many more
were read, so a page of the most mentioned nodes of a large corpus stays small.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDFS, SDO, SKOS
from rdflib.term import Node

from newskg.export.entity_network import event_types, when
from newskg.rdf.namespaces import ITSRDF, NIF, NKG, SEM

SENTENCES_SHOWN = 6
EVENTS_SHOWN = 20
QUOTES_SHOWN = 5
_READ = 200  # mentions, events or quotes of one node read at most
_REACH = 400  # characters looked at either side of a mention for its sentence's ends
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n\s*\n")

Details = dict[str, Any]


class Describer:
    """Details of nodes of one graph, with the articles they cite gathered in one numbered list."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.articles: list[dict[str, str]] = []
        self._numbers: dict[Node, int] = {}
        self._text = lru_cache(maxsize=16)(self._read_text)

    def describe(self, node: str, kind: str) -> Details:
        """The panel's data for one node of the network (`kind` as `entity_network.node_kind` names it)."""
        subject = URIRef(node)
        graph = self.graph
        details: Details = {
            "names": sorted(str(name) for name in graph.objects(subject, SKOS.altLabel)),
            "links": sorted(str(link) for link in graph.objects(subject, OWL.sameAs)),
        }
        if kind == "Event":
            details |= self._event(subject)
        else:
            details |= self._entity(subject)
        return details

    def _entity(self, node: URIRef) -> Details:
        graph = self.graph
        sentences, more = self._mentions(node)
        events = sorted(
            {
                (when(graph, event), str(graph.value(event, RDFS.label) or event), str(event), role)
                for role, predicate in (("actor", SEM.hasActor), ("place", SEM.hasPlace))
                for event in islice(graph.subjects(predicate, node, unique=True), _READ)
            }
        )
        quotes = list(islice(graph.subjects(SDO.creator, node, unique=True), _READ))
        return {
            "roles": sorted(str(title) for title in graph.objects(node, SDO.jobTitle)),
            "events": [
                {"id": iri, "label": label, "when": time, "as": role, "figures": self._figures(URIRef(iri))}
                for time, label, iri, role in events[:EVENTS_SHOWN]
            ],
            "eventsMore": max(len(events) - EVENTS_SHOWN, 0),
            "said": [self._quote(quote) for quote in sorted(quotes, key=str)[:QUOTES_SHOWN]],
            "saidMore": max(len(quotes) - QUOTES_SHOWN, 0),
            "sentences": sentences,
            "sentencesMore": more,
            "articles": sorted(
                self._number(a) for a in sorted(islice(graph.subjects(SDO.mentions, node, unique=True), _READ), key=str)
            ),
        }

    def _event(self, node: URIRef) -> Details:
        graph = self.graph
        figures = self._figures(node)
        trigger = graph.value(node, NKG.trigger)
        ends = [graph.value(trigger, NIF.beginIndex), graph.value(trigger, NIF.endIndex)] if trigger else []
        marked = [(int(str(ends[0])), int(str(ends[1])))] if len(ends) == 2 and None not in ends else []
        sentences = [
            self._sentence(s, marked, figures) for s in sorted(graph.objects(node, PROV.wasDerivedFrom), key=str)
        ]
        speaker = graph.value(node, PROV.wasAttributedTo)
        begin, end = _period(graph, node)
        return {
            "type": event_types(graph, node),
            "when": when(graph, node),
            "begin": begin,
            "end": end,
            "figures": figures,
            "negated": str(graph.value(node, NKG.negated)) == "true",
            "modality": str(graph.value(node, NKG.modality) or ""),
            "saidBy": str(graph.value(speaker, RDFS.label) or speaker) if speaker is not None else "",
            "sentences": [s for s in sentences if s is not None][:SENTENCES_SHOWN],
            "sentencesMore": max(len(sentences) - SENTENCES_SHOWN, 0),
            "articles": sorted({s["article"] for s in sentences if s is not None and s["article"] >= 0}),
        }

    def _figures(self, event: URIRef) -> list[str]:
        """An event's figures as written, the largest first."""
        quantities = list(self.graph.objects(event, NKG.quantity))
        return [str(self.graph.value(q, RDFS.label) or "") for q in sorted(quantities, key=self._size, reverse=True)]

    def _size(self, quantity: Node) -> tuple[float, str]:
        value = self.graph.value(quantity, NKG.baseValue) or self.graph.value(quantity, SDO.value)
        try:
            return float(str(value)), str(quantity)
        except ValueError:
            return 0.0, str(quantity)

    def _quote(self, quote: Node) -> dict[str, Any]:
        article = self.graph.value(quote, SDO.isPartOf)
        return {
            "text": str(self.graph.value(quote, SDO.text) or ""),
            "article": self._number(article) if article is not None else -1,
        }

    def _mentions(self, node: URIRef) -> tuple[list[dict[str, Any]], int]:
        """The sentences of the first mentions of a node, two an article at most, each with its mentions marked."""
        graph = self.graph
        found: dict[Node, list[tuple[int, int]]] = {}
        for phrase in islice(graph.subjects(ITSRDF.taIdentRef, node, unique=True), _READ):
            context, first, last = (
                graph.value(phrase, p) for p in (NIF.referenceContext, NIF.beginIndex, NIF.endIndex)
            )
            if context is not None and first is not None and last is not None:
                found.setdefault(context, []).append((int(str(first)), int(str(last))))
        sentences = []
        for context in sorted(found, key=str):
            spans = sorted(found[context])
            text = self._text(context)
            seen: set[tuple[int, int]] = set()
            for begin, end in spans:
                start, stop = _around(text, begin, end)
                if (start, stop) in seen or len(seen) >= 2:
                    continue
                seen.add((start, stop))
                marks = [(b - start, e - start) for b, e in spans if start <= b and e <= stop]
                sentences.append({"text": text[start:stop], "marks": marks, "article": self._of_context(context)})
        return sentences[:SENTENCES_SHOWN], max(len(sentences) - SENTENCES_SHOWN, 0)

    def _sentence(self, sentence: Node, marked: list[tuple[int, int]], figures: list[str]) -> dict[str, Any] | None:
        """A recorded sentence with the given character spans of its text marked, and its figures."""
        graph = self.graph
        text, start = graph.value(sentence, NIF.anchorOf), graph.value(sentence, NIF.beginIndex)
        if text is None or start is None:
            return None
        plain, offset = str(text), int(str(start))
        marks = [(b - offset, e - offset) for b, e in marked if 0 <= b - offset < e - offset <= len(plain)]
        for figure in figures:
            at = plain.find(figure) if figure else -1
            if at >= 0:
                marks.append((at, at + len(figure)))
        context = graph.value(sentence, NIF.referenceContext)
        return {"text": plain, "marks": sorted(set(marks)), "article": self._of_context(context) if context else -1}

    def _of_context(self, context: Node) -> int:
        article = self.graph.value(predicate=SDO.text, object=context)
        return self._number(article) if article is not None else -1

    def _number(self, article: Node | None) -> int:
        """The article's place in the page's list of articles (added on first use), -1 for none."""
        if article is None:
            return -1
        if article not in self._numbers:
            graph = self.graph
            identifier = str(graph.value(article, SDO.identifier) or article)
            url = str(graph.value(article, SDO.url) or "")
            self._numbers[article] = len(self.articles)
            self.articles.append(
                {
                    "id": identifier,
                    "title": str(graph.value(article, SDO.headline) or identifier),
                    "published": str(graph.value(article, SDO.datePublished) or ""),
                    "url": url if url.startswith(("https://", "http://")) else "",
                }
            )
        return self._numbers[article]

    def _read_text(self, context: Node) -> str:
        return str(self.graph.value(context, NIF.isString) or "")


def _around(text: str, begin: int, end: int) -> tuple[int, int]:
    """The sentence holding text[begin:end], found by its ends' punctuation within _REACH characters."""
    start = max(0, begin - _REACH)
    for match in _SENTENCE_END.finditer(text, start, begin):
        start = match.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + _REACH))
    stop = after.start() + len(after.group().rstrip()) if after else min(len(text), end + _REACH)
    return start, max(stop, end)


def _period(graph: Graph, event: Node) -> tuple[str, str]:
    """An event's first and last day as ISO text ("2021" from 2021-01-01 to 2021-12-31), for the date filter."""
    point = graph.value(event, SEM.hasTimeStamp)
    begin = graph.value(event, SEM.hasBeginTimeStamp) or point
    end = graph.value(event, SEM.hasEndTimeStamp) or point or begin
    first = str(begin or end or "")
    last = str(end or begin or "")
    return _padded(first, "-01-01"), _padded(last, "-12-31")


def _padded(day: str, fill: str) -> str:
    """A year or year-month made a day: the first or last of its period (the end of a month as its 31st,
    which compares right as text)."""
    day = day[:10]
    return day + fill[len(day) - 4 :] if 4 <= len(day) < 10 else day
