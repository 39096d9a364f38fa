"""Name typing against the bare model: which names newskg gives another coarse type, by which rule, and whether
the gold files agree.

    python benchmarks/typing_vs_bare.py ARTICLE.txt ... [--gold GOLD.json ...] [--list]

Each article is parsed by the bare pipeline (`spacy.load` of the same model, none of newskg's components) and by
newskg: its pipeline with the name repairs run step by step, then extraction and resolution. Every name the bare
model typed Person, Organization or Place is followed through the steps to the type of the entity it ends in; a
change is put down to the first step that made it. Names newskg adds are counted by the step that added them.
With gold files (matched to articles by their `source`), a change is right when the gold type is newskg's, wrong
when it is the bare model's; and each side's typing is scored over the names the gold files know.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newskg.evaluate import fold
from newskg.extract import extract
from newskg.ingest.articles import iter_articles
from newskg.knowledge.lexicon import load_lexicon
from newskg.model import Article, Span
from newskg.nlp import DEFAULT_MODEL, load_pipeline
from newskg.nlp.repair import repair_stages
from newskg.resolve.article import resolve

COARSE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
NONE = "-"


@dataclass(frozen=True)
class Change:
    """One name whose type newskg changed (or that newskg added: `bare` is NONE)."""

    article: str
    name: str
    bare: str
    ours: str
    reason: str
    verdict: str


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+", type=Path)
    parser.add_argument("--gold", nargs="*", type=Path, default=[])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--list", action="store_true", help="print every change, not only the counts")
    arguments = parser.parse_args()
    golds = _golds(arguments.gold)
    bare, ours = spacy.load(arguments.model), load_pipeline(arguments.model)
    changes: list[Change] = []
    typed = {"bare": Counter[bool](), "newskg": Counter[bool]()}
    for article in (a for a in iter_articles(arguments.articles) if isinstance(a, Article)):
        gold = golds.get(Path(article.source).resolve(), {})
        found, scores = _compare(article, bare(article.text), ours, gold)
        changes.extend(found)
        for side, counts in scores.items():
            typed[side].update(counts)
    _report(changes, typed, arguments.list)


def _golds(paths: list[Path]) -> dict[Path, dict[str, str]]:
    """Each gold file's article path -> folded name (and alias) -> coarse type."""
    golds = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = {}
        for entity in data.get("entities", []):
            for name in (entity["name"], *entity.get("aliases", [])):
                names[fold(name)] = entity["type"]
        golds[(path.resolve().parent.parent / data["source"]).resolve()] = names
    return golds


def _compare(
    article: Article, bare_doc: Doc, ours: Language, gold: dict[str, str]
) -> tuple[list[Change], dict[str, Counter[bool]]]:
    """One article's changes against the bare model's names, and each side's typing of the names gold knows."""
    with ours.select_pipes(disable=["newskg_entities"]):
        doc = ours(article.text)
    stages = [("tagger", list(doc.ents)), *repair_stages(doc)]
    doc.ents = stages[-1][1]
    resolved = resolve(extract(article, doc, load_lexicon()))
    kind_of = {span: entity.kind for entity in resolved.entities for span in entity.mentions}
    mentions = {m.span: m.kind for m in resolved.extraction.mentions if m.form in ("name", "acronym")}
    changes, scores = [], {"bare": Counter[bool](), "newskg": Counter[bool]()}
    followed: set[tuple[int, int]] = set()
    for ent in bare_doc.ents:
        if ent.label_ not in COARSE:
            continue
        start, end = ent.start_char, ent.end_char
        path = [(name, _type_at(ents, start, end)) for name, ents in stages]
        mention = _overlapping(mentions, start, end)
        path.append(("extraction: name head / trim", mentions[mention] if mention else NONE))
        path.append(("resolution: cluster vote / merge", kind_of.get(mention, NONE) if mention else NONE))
        if mention:
            followed.add((mention.start, mention.end))
        final, before = path[-1][1], COARSE[ent.label_]
        truth = gold.get(fold(ent.text)) or (gold.get(fold(mention.text)) if mention else None)
        if truth in ("Person", "Organization", "Place"):
            scores["bare"][before == truth] += 1
            scores["newskg"][final == truth] += 1
        if final != before:
            reason = next(
                name for (name, kind), (_, was) in zip(path, [("", before), *path[:-1]], strict=True) if kind != was
            )
            changes.append(Change(article.id, ent.text, before, final, reason, _verdict(truth, before, final)))
    for span, kind in mentions.items():
        if (span.start, span.end) in followed or kind not in ("Person", "Organization", "Place"):
            continue
        if any(e.start_char < span.end and span.start < e.end_char for e in bare_doc.ents if e.label_ in COARSE):
            continue
        final = kind_of.get(span, kind)
        reason = next((name for name, ents in stages if _type_at(ents, span.start, span.end) != NONE), "extraction")
        truth = gold.get(fold(span.text))
        changes.append(Change(article.id, span.text, NONE, final, f"added by {reason}", _verdict(truth, NONE, final)))
    return changes, scores


def _type_at(ents: Iterable[SpacySpan], start: int, end: int) -> str:
    """The coarse type of the name overlapping a character span most, NONE when there is none."""
    best = max(
        (ent for ent in ents if ent.start_char < end and start < ent.end_char),
        key=lambda ent: min(end, ent.end_char) - max(start, ent.start_char),
        default=None,
    )
    return COARSE.get(best.label_, NONE) if best is not None else NONE


def _overlapping(spans: Iterable[Span], start: int, end: int) -> Span | None:
    """The span overlapping a character span most, None when there is none."""
    return max(
        (span for span in spans if span.start < end and start < span.end),
        key=lambda span: min(end, span.end) - max(start, span.start),
        default=None,
    )


def _verdict(truth: str | None, before: str, after: str) -> str:
    if truth is None:
        return "no gold" if before != NONE else "not in gold (spurious?)"
    if truth == after:
        return "right"
    return "wrong" if truth == before or truth not in COARSE.values() else "both wrong"


def _report(changes: list[Change], typed: dict[str, Counter[bool]], full: bool) -> None:
    changed = [c for c in changes if c.bare != NONE]
    added = [c for c in changes if c.bare == NONE]
    print(f"names whose coarse type newskg changed: {len(changed)}")
    for reason, count in Counter(c.reason for c in changed).most_common():
        verdicts = Counter(c.verdict for c in changed if c.reason == reason)
        print(f"  {count:4}  {reason:48} {dict(verdicts)}")
    print(f"names newskg added: {len(added)}")
    for reason, count in Counter(c.reason for c in added).most_common():
        verdicts = Counter(c.verdict for c in added if c.reason == reason)
        print(f"  {count:4}  {reason:48} {dict(verdicts)}")
    for side, counts in typed.items():
        total = counts[True] + counts[False]
        if total:
            print(
                f"typing of the bare model's names the gold knows, {side:6}: {counts[True]}/{total}"
                f" = {counts[True] / total:.3f}"
            )
    if full:
        for c in changes:
            print(f"{c.article:10} {c.name!r:40} {c.bare:>12} -> {c.ours:12} {c.reason:44} {c.verdict}")


if __name__ == "__main__":
    main()
