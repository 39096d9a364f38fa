"""Build time and peak memory as one article grows, as ratios against the shortest article of the same run.

    python benchmarks/bench_long_article.py [MEGABYTES ...] [--folder DIR]

For each size it writes one article of about that many megabytes (the synthetic
corpus of corpus.py, its articles joined as paragraphs of one text; kept in DIR and
re-used), then runs `newskg build --no-cache --jobs 1` on it in a child process with
its memory sampled (peak.py). Parsing and graph-making are linear in the text, so the
time per megabyte should stay level; the memory should grow only by the article's
facts (a few tens of MB per MB of text), not by its graph (several hundred MB per MB
held as rdflib terms and checked by pyshacl at once). Only ratios within one run mean
anything on a noisy machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from peak import Peaks, run_sampled  # beside this script

ROOT = Path(__file__).resolve().parent.parent


def _article(megabytes: float, folder: Path) -> Path:
    path = folder / f"article-{megabytes:g}mb.txt"
    if path.exists():
        return path
    wanted = int(megabytes * 1_000_000)
    corpus = folder / f"corpus-for-{megabytes:g}mb.jsonl"
    count = max(1, wanted // 700)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(count), str(corpus)], check=True)
    texts, size = [], 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            size += len(texts[-1]) + 2
            if size >= wanted:
                break
    path.write_text("\n\n".join(texts), encoding="utf-8")
    corpus.unlink()
    return path


def _build(article: Path) -> Peaks:
    newskg = Path(sys.executable).with_name("newskg")
    with tempfile.TemporaryDirectory() as out:
        return run_sampled([str(newskg), "build", str(article), "--out", out, "--no-cache", "--jobs", "1", "--quiet"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=float, default=[0.001, 0.5, 1.0, 2.0])
    parser.add_argument("--folder", type=Path, default=ROOT / "output" / "bench")
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[float, Peaks]] = []
    print("| article MB | wall s | peak RSS GB | vs first | GB more per MB than the first |")
    print("| --- | --- | --- | --- | --- |")
    for megabytes in sorted(arguments.sizes):
        article = _article(megabytes, arguments.folder)
        size, run = article.stat().st_size / 1e6, _build(article)
        runs.append((size, run))
        first_size, first = runs[0]
        slope = (run.main - first.main) / 1e9 / (size - first_size) if size > first_size else 0.0
        print(
            f"| {size:.3f} | {run.seconds:.0f} | {run.main / 1e9:.2f} | {run.main / first.main:.2f} | {slope:.3f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
