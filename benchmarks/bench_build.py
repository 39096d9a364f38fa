"""Build speed and memory against a bare spaCy run, as ratios measured in one process.

    python benchmarks/bench_build.py [PATH ...] [--repeat N]

The reference is `nlp.pipe` of the bare model over the articles' texts. Against
it, in the same process, it times (medians of N runs):
- processing: newskg's pipeline (the model plus its own components), extraction
  and resolution, the per-article work that grows with a corpus;
- the whole build: processing, triples, SHACL validation and the six output files.
It prints both ratios, each stage's median, and the peak resident memory.
Machines here are noisy, so only ratios within one run mean anything.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
from pathlib import Path

import spacy
from timing import median_seconds  # beside this script

from newskg.extract import extract
from newskg.ingest.articles import iter_articles
from newskg.knowledge.lexicon import load_lexicon
from newskg.limits import DEFAULT
from newskg.model import Article
from newskg.nlp import DEFAULT_MODEL, load_pipeline
from newskg.pipeline.run import build
from newskg.resolve.article import resolve
from newskg.resolve.conflicts import with_conflicts

ROOT = Path(__file__).resolve().parent.parent


def _process(articles: list[Article]) -> None:
    nlp, lexicon = load_pipeline(), load_lexicon()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        with_conflicts(resolve(extract(article, doc, lexicon)), DEFAULT.kept_conflicts)


def _build(paths: list[str]) -> None:
    with tempfile.TemporaryDirectory() as out:
        build(paths, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    articles = [item for item in iter_articles(arguments.paths) if isinstance(item, Article)]
    texts = [article.text for article in articles]
    bare = spacy.load(DEFAULT_MODEL)
    _build(arguments.paths)
    reference = median_seconds(lambda: list(bare.pipe(texts)), arguments.repeat)
    processing = median_seconds(lambda: _process(articles), arguments.repeat)
    whole = median_seconds(lambda: _build(arguments.paths), arguments.repeat)
    words = sum(len(text.split()) for text in texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(texts)}, words: {words}, repetitions: {arguments.repeat}")
    print(f"bare nlp.pipe:            {reference:.3f} s  ({words / reference:,.0f} words/s)")
    print(f"newskg processing:        {processing:.3f} s  ratio {processing / reference:.2f}")
    print(f"newskg build (all files): {whole:.3f} s  ratio {whole / reference:.2f}")
    print(f"peak resident memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
