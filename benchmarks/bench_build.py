"""Build speed and memory against a bare spaCy run, as ratios measured in one process.

    python benchmarks/bench_build.py [PATH ...] [--repeat N]

For each repetition it times `nlp.pipe` alone over the articles' texts (the
reference: the same model, the same texts) and then newskg's whole build of the
same articles (ingest, parse, extract, resolve, RDF, SHACL, files). It prints
the median of each, their ratio, and the peak resident memory of the process.
Machines here are noisy, so only the ratio within one run means anything.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import spacy

from newskg.ingest import iter_articles
from newskg.model import Article
from newskg.nlp import DEFAULT_MODEL, load_pipeline
from newskg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def _texts(paths: list[str]) -> list[str]:
    return [item.text for item in iter_articles(paths) if isinstance(item, Article)]


def _bare(texts: list[str]) -> float:
    nlp = spacy.load(DEFAULT_MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def _build(paths: list[str]) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        build(paths, out)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    texts = _texts(arguments.paths)
    load_pipeline()
    _build(arguments.paths)
    bare = [_bare(texts) for _ in range(arguments.repeat)]
    full = [_build(arguments.paths) for _ in range(arguments.repeat)]
    words = sum(len(text.split()) for text in texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(texts)}, words: {words}, repetitions: {arguments.repeat}")
    print(f"bare nlp.pipe: median {statistics.median(bare):.3f} s")
    print(f"newskg build:  median {statistics.median(full):.3f} s")
    print(f"ratio build / nlp.pipe: {statistics.median(full) / statistics.median(bare):.2f}")
    print(f"peak resident memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
