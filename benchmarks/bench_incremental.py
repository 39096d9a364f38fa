"""Rebuilding a corpus after adding one article, against building it whole: a ratio in one process.

    python benchmarks/bench_incremental.py [--articles 1000]

Generates a synthetic corpus (benchmarks/corpus.py), builds it with an empty
cache, adds one article and builds again with the cache the first build filled.
Prints both times, their ratio, each stage's time, and the cached article count.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from corpus import write

from newskg.pipeline.run import BuildResult, build


def _timed(paths: list[Path], out: Path) -> tuple[float, BuildResult]:
    started = time.perf_counter()
    result = build(paths, out)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = write(root / "corpus.jsonl", arguments.articles)
        extra = write(root / "extra.jsonl", 1, seed=1)
        full, first = _timed([corpus], root / "out")
        again, second = _timed([corpus, extra], root / "out")
    print(f"full build of {len(first.articles)} articles: {full:.1f} s  {_stages(first)}")
    print(f"rebuild with one more ({second.cached} from the cache): {again:.1f} s  {_stages(second)}")
    print(f"ratio rebuild / full: {again / full:.2f}")


def _stages(result: BuildResult) -> str:
    return "(" + ", ".join(f"{name} {value:.1f} s" for name, value in result.timings.items()) + ")"


if __name__ == "__main__":
    main()
