"""Scoring a graph against a gold annotation file, by the rules of the shared gold README.

Entities, quantities and events are scored by precision, recall and F1; roles
and statements by recall; the overall score is the mean of those five figures
(a kind with nothing in the gold file is left out of the mean). Event precision
counts the events that carry a timestamp, since an event is matched by its
dates alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from newskg.errors import UsageError
from newskg.rdf.namespaces import COARSE, SEM

KINDS = ("entities", "quantities", "events", "roles", "statements")


@dataclass
class KindScore:
    """Precision (None where the rules score recall only), recall, F1 and what was missed."""

    precision: float | None
    recall: float | None
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def figure(self) -> float | None:
        """F1 where precision is scored, else recall: the number the overall mean takes."""
        if self.recall is None:
            return None
        if self.precision is None:
            return self.recall
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


@dataclass
class Score:
    """The score of one article."""

    doc: str
    kinds: dict[str, KindScore]

    @property
    def overall(self) -> float:
        figures = [k.figure for k in self.kinds.values() if k.figure is not None]
        return sum(figures) / len(figures) if figures else 0.0


def fold(text: str) -> str:
    """Names compare after folding case and quotes, and dropping a leading "the" and a trailing "'s"."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').strip().casefold()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"'s$", "", text).strip()


def load_gold(path: Path) -> dict:
    """A gold file, with `source` resolved against the folder above the gold file's folder."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: not a readable gold file ({error})") from error
    if not isinstance(gold, dict) or "source" not in gold:
        raise UsageError(f'{path}: a gold file needs a "source"')
    gold["source_path"] = (path.resolve().parent.parent / gold["source"]).resolve()
    return gold


def score(graph: Graph, gold: dict) -> Score:
    """Score a graph of one article against its gold annotation."""
    index = _NameIndex(graph)
    return Score(
        gold.get("doc", "?"),
        {
            "entities": _entities(graph, index, gold.get("entities", [])),
            "quantities": _quantities(graph, gold.get("quantities", []), gold.get("not_quantities", [])),
            "events": _events(graph, gold.get("events", [])),
            "roles": _roles(graph, index, gold.get("roles", [])),
            "statements": _statements(graph, index, gold.get("statements", [])),
        },
    )


class _NameIndex:
    """Graph nodes by folded name and coarse class."""

    def __init__(self, graph: Graph) -> None:
        self.names: dict[Node, set[str]] = {}
        self.kinds: dict[Node, set[str]] = {}
        for kind, rdf_class in COARSE.items():
            for node in graph.subjects(RDF.type, rdf_class):
                self.kinds.setdefault(node, set()).add(kind)
                names = {fold(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in graph.objects(node, p)}
                self.names[node] = names

    def nodes(self, names: Iterable[str], kind: str | None = None) -> set[Node]:
        wanted = {fold(n) for n in names}
        return {
            node for node, seen in self.names.items() if seen & wanted and (kind is None or kind in self.kinds[node])
        }


def _ratio(right: int, total: int) -> float | None:
    return None if total == 0 else right / total


def _entities(graph: Graph, index: _NameIndex, gold: list[dict]) -> KindScore:
    required = [g for g in gold if g.get("required")]
    misses = [g["name"] for g in required if not index.nodes([g["name"], *g.get("aliases", [])], g["type"])]
    all_names = {fold(n) for g in gold for n in [g["name"], *g.get("aliases", [])]}
    counted = [n for n, kinds in index.kinds.items() if kinds & {"Person", "Organization", "Place"}]
    wrong = sorted(_label(graph, n) for n in counted if not index.names[n] & all_names)
    return KindScore(
        _ratio(len(counted) - len(wrong), len(counted)),
        _ratio(len(required) - len(misses), len(required)),
        misses,
        wrong,
    )


def _label(graph: Graph, node: Node) -> str:
    return str(graph.value(node, RDFS.label) or node)


def _words(text: str) -> list[str]:
    return fold(text).replace("-", " ").split() + fold(text).split()


def _plural_forms(word: str) -> set[str]:
    word = fold(word)
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def _squash(text: str) -> str:
    return fold(text).replace("-", "").replace(" ", "")


def _quantity_matches(graph: Graph, node: Node, gold: dict) -> bool:
    values = {Decimal(str(v)) for v in graph.objects(node, SDO.value)}
    if Decimal(str(gold["value"])) not in values:
        return False
    if gold.get("currency"):
        return (node, RDF.type, SDO.MonetaryAmount) in graph and str(graph.value(node, SDO.currency)) == gold[
            "currency"
        ]
    unit_text = str(graph.value(node, SDO.unitText) or "")
    what_ok = bool(set(_words(unit_text)) & _plural_forms(gold["what"])) or fold(gold["what"]) in fold(unit_text)
    code_ok = bool(gold.get("unit_code")) and str(graph.value(node, SDO.unitCode) or "") == gold["unit_code"]
    if not (what_ok or code_ok):
        return False
    details = gold.get("detail") or []
    return not details or any(_squash(word) in _squash(unit_text) for word in details)


def _quantities(graph: Graph, gold: list[dict], not_quantities: list[dict]) -> KindScore:
    values = set(graph.subjects(RDF.type, SDO.QuantitativeValue)) | set(graph.subjects(RDF.type, SDO.MonetaryAmount))
    required = [g for g in gold if g.get("required")]
    misses = [g["text"] for g in required if not any(_quantity_matches(graph, n, g) for n in values)]
    counted = sorted(graph.subjects(RDF.type, SDO.QuantitativeValue), key=str)
    excluded = {fold(item["text"]) for item in not_quantities}
    wrong = [
        _label(graph, n)
        for n in counted
        if fold(_label(graph, n)) in excluded or not any(_quantity_matches(graph, n, g) for g in gold)
    ]
    return KindScore(
        _ratio(len(counted) - len(wrong), len(counted)),
        _ratio(len(required) - len(misses), len(required)),
        misses,
        wrong,
    )


def _timestamps(graph: Graph, node: Node) -> set[str]:
    return {
        str(t) for p in (SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp) for t in graph.objects(node, p)
    }


def _gold_dates(gold: dict) -> set[str]:
    return {d for d in (gold.get("date"), gold.get("start"), gold.get("end")) if d}


def _events(graph: Graph, gold: list[dict]) -> KindScore:
    dated = {n: _timestamps(graph, n) for n in set(graph.subjects(RDF.type, SDO.Event))}
    dated = {n: stamps for n, stamps in dated.items() if stamps}
    scored = [g for g in gold if _gold_dates(g)]
    required = [g for g in scored if g.get("required")]
    misses = [g["what"] for g in required if not any(_gold_dates(g) <= s for s in dated.values())]
    wrong = sorted(
        f"{_label(graph, n)} {sorted(s)}" for n, s in dated.items() if not any(_gold_dates(g) <= s for g in scored)
    )
    return KindScore(
        _ratio(len(dated) - len(wrong), len(dated)), _ratio(len(required) - len(misses), len(required)), misses, wrong
    )


def _roles(graph: Graph, index: _NameIndex, gold: list[dict]) -> KindScore:
    misses = [f"{g['person']}: {g['title']}" for g in gold if not _role_found(graph, index, g)]
    return KindScore(None, _ratio(len(gold) - len(misses), len(gold)), misses)


def _role_found(graph: Graph, index: _NameIndex, gold: dict) -> bool:
    orgs = index.nodes([gold["org"]]) if gold.get("org") else set()
    for person in index.nodes([gold["person"]], "Person"):
        titles = [str(t).casefold() for t in graph.objects(person, SDO.jobTitle)]
        if not any(gold["title"].casefold() in t for t in titles):
            continue
        if not gold.get("org"):
            return True
        linked = set(graph.objects(person, SDO.affiliation)) | set(graph.objects(person, SDO.worksFor))
        if linked & orgs:
            return True
    return False


def _statements(graph: Graph, index: _NameIndex, gold: list[dict]) -> KindScore:
    quotes = [
        (graph.value(q, SDO.creator), fold(str(graph.value(q, SDO.text) or "")))
        for q in graph.subjects(RDF.type, SDO.Quotation)
    ]
    misses = []
    for item in gold:
        speakers = index.nodes([item["speaker"]])
        if not any(creator in speakers and fold(item["contains"]) in text for creator, text in quotes):
            misses.append(f"{item['speaker']}: {item['contains']}")
    return KindScore(None, _ratio(len(gold) - len(misses), len(gold)), misses)


def evaluate(gold_paths: list[Path], out: Path | None = None, model: str | None = None) -> list[Score]:
    """Build each gold file's article (into `out/<doc>` when given) and score it."""
    from newskg.nlp import DEFAULT_MODEL
    from newskg.pipeline.run import build
    from newskg.rdf.dataset import union
    from newskg.rdf.iris import article_slug

    scores = []
    for path in gold_paths:
        gold = load_gold(path)
        source = gold["source_path"]
        if not source.is_file():
            raise UsageError(f"{path}: its source {source} does not exist")
        target = out / article_slug(str(gold.get("doc", path.stem))) if out else Path(".")  # never "../x"
        result = build([source], target, write=out is not None, model=model or DEFAULT_MODEL)
        if result.dataset is None:
            raise UsageError(f"{path}: the article {source} could not be built: {'; '.join(map(str, result.failures))}")
        scores.append(score(union(result.dataset), gold))
    return scores


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_table(scores: list[Score], misses: bool = False) -> str:
    """Per-kind tables for each article and, for several, a per-article table with the mean."""
    lines: list[str] = []
    for item in scores:
        lines += [f"{item.doc}: overall {item.overall:.3f}", f"  {'kind':<11} {'precision':>9} {'recall':>7} {'F1':>7}"]
        for kind in KINDS:
            k = item.kinds[kind]
            f1 = k.figure if k.precision is not None else None
            lines.append(f"  {kind:<11} {_cell(k.precision):>9} {_cell(k.recall):>7} {_cell(f1):>7}")
            if misses and (k.misses or k.wrong):
                lines += [f"    missed: {m}" for m in k.misses] + [f"    wrong:  {w}" for w in k.wrong]
        lines.append("")
    if len(scores) > 1:
        header = f"{'article':<32} " + " ".join(f"{k[:10]:>10}" for k in KINDS) + f" {'overall':>8}"
        lines += [header, "-" * len(header)]
        for item in scores:
            cells = " ".join(f"{_cell(item.kinds[k].figure):>10}" for k in KINDS)
            lines.append(f"{item.doc[:32]:<32} {cells} {item.overall:>8.3f}")
        means = [_mean([s.kinds[kind].figure for s in scores]) for kind in KINDS]
        mean = sum(s.overall for s in scores) / len(scores)
        lines.append(f"{'mean':<32} " + " ".join(f"{_cell(m):>10}" for m in means) + f" {mean:>8.3f}")
    return "\n".join(lines) + "\n"


def render_json(scores: list[Score]) -> str:
    """The scores as JSON: per article, per kind, and the mean overall."""
    payload = {
        "articles": [
            {
                "doc": s.doc,
                "overall": s.overall,
                "kinds": {
                    kind: {
                        "precision": k.precision,
                        "recall": k.recall,
                        "figure": k.figure,
                        "misses": k.misses,
                        "wrong": k.wrong,
                    }
                    for kind, k in s.kinds.items()
                },
            }
            for s in scores
        ],
        "mean_overall": sum(s.overall for s in scores) / len(scores) if scores else None,
    }
    return json.dumps(payload, indent=2) + "\n"
