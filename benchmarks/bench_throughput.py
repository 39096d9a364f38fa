"""Parsing throughput against bare spaCy: newskg's per-article work in 1 and 2 processes, as ratios.

    python benchmarks/bench_throughput.py [--articles 300]

On one synthetic corpus (benchmarks/corpus.py), in one command: the reference
is bare `nlp.pipe` of the same model over the texts (spaCy's default batch);
against it, newskg's processing (its pipeline, extraction and resolution) in
this process and spread over two. Prints words per second and the ratios.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import spacy
from corpus import write
from timing import median_seconds

from newskg.ingest.articles import iter_articles
from newskg.model import Article, ResolvedArticle
from newskg.nlp import DEFAULT_MODEL, load_pipeline
from newskg.pipeline.workers import ParseFailure, in_pool, in_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "corpus.jsonl", arguments.articles)
        articles = [a for a in iter_articles([path]) if isinstance(a, Article)]
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    bare = spacy.load(DEFAULT_MODEL)
    ours = load_pipeline(DEFAULT_MODEL)
    list(bare.pipe(texts[:10]))
    _check(in_process(articles[:10], ours))  # the gazetteer and lexicons load on first use: not timed
    reference = median_seconds(lambda: list(bare.pipe(texts)), repeat=1)
    one = median_seconds(lambda: _check(in_process(articles, ours)), repeat=1)
    two = median_seconds(lambda: _check(in_pool(articles, DEFAULT_MODEL, 2, _ignore, _as_is)), repeat=1)
    print(f"{len(articles)} articles, {words} words")
    for name, seconds in (("bare nlp.pipe", reference), ("newskg, 1 job", one), ("newskg, 2 jobs", two)):
        print(f"{name:16} {seconds:7.1f} s {words / seconds:8.0f} words/s  ratio {reference / seconds:.2f}")


def _ignore(done: int) -> None:
    """No progress report."""


def _as_is(item: ResolvedArticle) -> ResolvedArticle:
    """A worker's facts sent back whole, as the reference does with them nothing more."""
    return item


def _check(outcomes: object) -> None:
    failed = [item for item in outcomes if isinstance(item, ParseFailure)]  # type: ignore[attr-defined]
    if failed:
        raise SystemExit(f"{len(failed)} articles failed: {failed[0]}")


if __name__ == "__main__":
    main()
