"""A grammar-based fuzzer over ingest, extraction, resolution and serialisation.

    python fuzz/fuzz_build.py --seconds 1800 [--seed N] [--crashes DIR]

Each round writes a generated input (plain text with a header, JSON Lines or
HTML, mixing news-like sentences with hostile fragments: markup, quotes,
backslashes, control characters, unbalanced brackets, long numbers, odd
Unicode) to a file, reads it with `iter_articles`, and takes every article
through extraction, resolution, conflicts, triples, the three RDF files (each
parsed back and compared), the page and GraphML. Ingest may refuse a file with
an InputError; anything else raised, or a file that does not parse back, is a
crash: its input is saved under --crashes and the run goes on. It prints the
inputs tried and the crashes found.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from newskg.errors import InputError
from newskg.export.entity_network import entity_network
from newskg.export.network import graphml
from newskg.export.network_sparql import select_in
from newskg.export.page import render_page
from newskg.extract import extract
from newskg.ingest.articles import iter_articles
from newskg.knowledge.lexicon import load_lexicon
from newskg.limits import DEFAULT
from newskg.merge import merge
from newskg.nlp import load_pipeline
from newskg.rdf.dataset import add_article, new_dataset, union
from newskg.rdf.iris import Iris
from newskg.rdf.serialise import jsonld, trig, turtle
from newskg.rdf.validate import _offset_violations, _rdflib_offsets
from newskg.resolve.article import resolve
from newskg.resolve.conflicts import with_conflicts
from newskg.resolve.corpus import rekey, unify

NAMES = [
    "Maria Lopez",
    "Vugar Suleymanov",
    "the agency",
    "CMAC",
    "He",
    "its",
    "World Health Organization (WHO)",
    "President Jane Doe",
    "Gen. Ivan Petrov",
    "Azerbaijan's Mine Action Agency",
    "Agdam",
    "Türkiye",
    "Ё Ж",
]
VERBS = [
    "cleared",
    "said",
    "killed",
    "signed",
    "handed over",
    "denied that",
    "will clear",
    "resumed",
    "ended",
    "found and defused",
    "told reporters",
    "added",
]
NUMBERS = [
    "48,411",
    "1.5 million",
    "seven",
    "half a million",
    "105-110",
    "between 10 and 12",
    "$13.2m",
    "CHF 690,000",
    "more than 18",
    "120.000",
    "30-year",
    "9 TM-62",
    "0",
    "99999999999999999999",
    "3.14159",
    "1,2,3",
    "--5",
    "½",
    "１２３",
]
THINGS = ["mines", "hectares", "anti-tank mines", "percent", "people", "sq km", "tonnes", "euros", "villages"]
DATES = [
    "on June 12",
    "from March 1, 2020, to May 5, 2021",
    "since 1996",
    "last year",
    "on Monday",
    "September 19-24",
    "the said period",
    "in 1992-95",
    "on 31 February 2021",
    "on 2021-13-45",
]
HOSTILE = [
    '<script>alert("x")</script>',
    '"',
    "“",
    "”",
    "\\",
    "\n",
    "\t",
    "\x01",
    "\x0b",
    "\x7f",
    ">",
    "&amp;",
    "\u202e",
    "\ufeff",
    "\u0301",
    "😀",
    "(",
    ")",
    "[",
    "'",
    "’s",
    "—",
    "\r",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "]]>",
    "<!--",
    "%00",
    "{{nodes}}",
    "\u2028",
]


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(NAMES), rng.choice(VERBS), rng.choice(NUMBERS), rng.choice(THINGS), rng.choice(DATES)]
    if rng.random() < 0.2:
        rng.shuffle(parts)
    text = " ".join(parts)
    for _ in range(rng.randrange(0, 3)):
        cut = rng.randrange(0, len(text) + 1)
        text = text[:cut] + rng.choice(HOSTILE) + text[cut:]
    if rng.random() < 0.3:
        text = f'"{text}," {rng.choice(NAMES)} said'
    return text + rng.choice([".", ".", "!", "", "..."])


def article_text(rng: random.Random) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(1, 6))]
    if rng.random() < 0.3:
        paragraphs.insert(0, f"By {rng.choice(NAMES)}")
    return "\n\n".join(paragraphs)


def input_file(rng: random.Random, folder: Path) -> Path:
    kind = rng.choice(["txt", "txt", "jsonl", "html"])
    text = article_text(rng)
    if kind == "txt":
        header = "title: A story\npublished: 2021-10-20\n\n" if rng.random() < 0.5 else ""
        data = (header + text).encode("utf-8", "surrogatepass")
    elif kind == "jsonl":
        lines = [
            json.dumps({"id": f"a{i}", "text": article_text(rng), "published": rng.choice([None, "2020-01-02", 5])})
            for i in range(rng.randrange(1, 3))
        ]
        data = "\n".join(lines + ([rng.choice(HOSTILE)] if rng.random() < 0.2 else [])).encode()
    else:
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        head = "<head><title>T</title><script>var x=1;</script><!-- note --></head>"
        data = f"<html>{head}<body><article>{paragraphs}</article></body></html>".encode()
    if rng.random() < 0.05:
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
    path = folder / f"input {rng.randrange(10**6)} ünï.{kind}"
    path.write_bytes(data)
    return path


def check(path: Path) -> None:
    nlp, lexicon, iris = load_pipeline(), load_lexicon(), Iris()
    found = list({item.id: item for item in iter_articles([path]) if not isinstance(item, InputError)}.values())
    kept = DEFAULT.kept_conflicts
    resolved = [with_conflicts(resolve(extract(item, nlp(item.text), lexicon)), kept) for item in found]
    unified = unify([(item.extraction.article.id, item.entities) for item in resolved])
    dataset = new_dataset()
    for index, item in enumerate(resolved):
        add_article(dataset, iris, rekey(item, index, unified), iris.activity("fuzz"))
    if resolved:
        _check_files(dataset, path)


def _check_files(dataset: Dataset, path: Path) -> None:
    """The dataset's files parse back to the same statements, merge reads them back unchanged, the page draws."""
    merged = union(dataset)
    assert not list(_offset_violations(_rdflib_offsets(merged), None)), "offsets"
    assert isomorphic(merged, Graph().parse(data=turtle(merged), format="turtle")), "turtle round trip"
    assert isomorphic(merged, Graph().parse(data=jsonld(merged), format="json-ld")), "json-ld round trip"
    written = path.with_suffix(".trig")
    written.write_text(trig(dataset), encoding="utf-8")
    assert set(merge([written]).dataset.quads()) == set(dataset.quads()), "merge of one build"
    network = entity_network(merged)
    render_page(network)
    graphml(merged, select_in(merged))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--crashes", type=Path, default=Path("fuzz/crashes"))
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    deadline = time.monotonic() + arguments.seconds
    tried = crashes = 0
    load_pipeline()
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
            path = input_file(rng, Path(folder))
            tried += 1
            try:
                check(path)
            except Exception:
                crashes += 1
                data = path.read_bytes()
                arguments.crashes.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(data).hexdigest()[:16]
                (arguments.crashes / f"{name}{path.suffix}").write_bytes(data)
                (arguments.crashes / f"{name}.trace").write_text(traceback.format_exc(), encoding="utf-8")
                print(f"crash {name}{path.suffix}: {traceback.format_exc().strip().splitlines()[-1]}", flush=True)
            finally:
                path.unlink(missing_ok=True)
    print(f"fuzz: {tried} inputs tried in {arguments.seconds:.0f} s, {crashes} crashes")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
