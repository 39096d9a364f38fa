"""A cache entry written and read as JSON (newskg.pipeline.codec, what the cache keeps) against pickle (what it kept).

    python benchmarks/bench_cache.py [--characters 200000]

Resolves the seed article and one section of a long synthetic article (the corpus of
corpus.py joined as paragraphs, `--characters` long: a long article's sections are about
200,000 characters), then times writing and reading each one's facts both ways (medians of
five) and prints the sizes, times and the ratio JSON / pickle.
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

from corpus import articles  # beside this script
from timing import median_seconds

from newskg.extract.pieces import pieces
from newskg.knowledge.lexicon import load_lexicon
from newskg.limits import DEFAULT
from newskg.model import Article, ResolvedArticle
from newskg.nlp import load_pipeline
from newskg.pipeline import codec
from newskg.pipeline.workers import resolved

SEED = Path(__file__).resolve().parent.parent / "seeds" / "mine-clearance-azerbaijan-2021.txt"


def _facts(text: str, name: str) -> ResolvedArticle:
    nlp, lexicon = load_pipeline(), load_lexicon()
    run = pieces(text, DEFAULT.piece_chars)
    docs = nlp.pipe((piece for _, piece in run), batch_size=DEFAULT.parse_batch)
    article = Article(id=name, text=text, source=f"{name}.txt")
    return resolved(article, zip((offset for offset, _ in run), docs, strict=True), lexicon, DEFAULT)


def _long_text(characters: int) -> str:
    texts, size = [], 0
    for record in articles(characters // 300 + 1):
        texts.append(record["text"])
        size += len(record["text"]) + 2
        if size >= characters:
            break
    return "\n\n".join(texts)[:characters]


def _compare(name: str, facts: ResolvedArticle) -> None:
    written, pickled = codec.dumps(facts), pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    assert codec.loads(written) == facts
    times = {
        "json write": median_seconds(lambda: codec.dumps(facts), 5),
        "json read": median_seconds(lambda: codec.loads(written), 5),
        "pickle write": median_seconds(lambda: pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL), 5),
        "pickle read": median_seconds(lambda: pickle.loads(pickled), 5),
    }
    print(
        f"| {name} | {len(facts.extraction.mentions)} | {len(written) / 1e3:.0f} / {len(pickled) / 1e3:.0f} "
        f"| {times['json write'] * 1e3:.1f} / {times['pickle write'] * 1e3:.1f} "
        f"({times['json write'] / times['pickle write']:.1f}x) "
        f"| {times['json read'] * 1e3:.1f} / {times['pickle read'] * 1e3:.1f} "
        f"({times['json read'] / times['pickle read']:.1f}x) |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=200_000)
    arguments = parser.parse_args()
    print("| facts | mentions | KB json / pickle | write ms json / pickle | read ms json / pickle |")
    print("| --- | --- | --- | --- | --- |")
    _compare("seed article", _facts(SEED.read_text(encoding="utf-8"), "seed"))
    _compare(f"section of {arguments.characters:,} characters", _facts(_long_text(arguments.characters), "long"))


if __name__ == "__main__":
    main()
