"""Build time and peak memory as a corpus grows, as ratios against the smallest corpus of the same run.

    python benchmarks/bench_scaling.py [COUNT ...] [--jobs N] [--folder DIR]

For each COUNT it writes a synthetic corpus of that many articles (corpus.py; kept
in DIR and re-used), then runs `newskg build --no-cache` on it in a child process,
sampling the resident memory of the build's whole process tree (the building
process and its workers: the sum of their proportional set sizes, so pages the
workers share with the process they were forked from count once) every quarter
second, and the resident memory of the building process alone. It prints, per corpus,
the wall time, the time per 1,000 articles, the peak memory of the tree and of the
building process alone, and each against the smallest corpus. A build that grows
linearly keeps the time per 1,000 articles level; a streaming build keeps the peaks
flat. Machines here are noisy, so only ratios within one run mean anything.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from peak import Peaks, run_sampled

ROOT = Path(__file__).resolve().parent.parent


def _corpus(count: int, folder: Path) -> Path:
    path = folder / f"corpus-{count}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(count), str(path)], check=True)
    return path


def _build(corpus: Path, jobs: int) -> Peaks:
    newskg = Path(sys.executable).with_name("newskg")
    with tempfile.TemporaryDirectory() as out:
        return run_sampled(
            [str(newskg), "build", str(corpus), "--out", out, "--no-cache", "--jobs", str(jobs), "--quiet"]
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000, 50000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, default=ROOT / "output" / "bench")
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    runs: list[Peaks] = []
    print("| articles | wall s | s per 1,000 | tree peak PSS GB | vs first | building process peak RSS GB | vs first |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for count in sorted(arguments.counts):
        run = _build(_corpus(count, arguments.folder), arguments.jobs)
        runs.append(run)
        first = runs[0]
        print(
            f"| {count:,} | {run.seconds:.0f} | {1000 * run.seconds / count:.1f} "
            f"| {run.tree / 1e9:.2f} | {run.tree / first.tree:.2f} "
            f"| {run.main / 1e9:.2f} | {run.main / first.main:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
