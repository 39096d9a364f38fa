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
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.25


@dataclass(frozen=True)
class Run:
    """One build's size, wall time and peak memory (bytes)."""

    articles: int
    seconds: float
    tree_peak: int
    main_peak: int


def _corpus(count: int, folder: Path) -> Path:
    path = folder / f"corpus-{count}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(count), str(path)], check=True)
    return path


def _build(corpus: Path, count: int, jobs: int) -> Run:
    newskg = Path(sys.executable).with_name("newskg")
    with tempfile.TemporaryDirectory() as out:
        command = [str(newskg), "build", str(corpus), "--out", out, "--no-cache", "--jobs", str(jobs), "--quiet"]
        started = time.perf_counter()
        child = psutil.Popen(command)
        tree_peak = main_peak = 0
        while child.poll() is None:
            main, tree = _resident(child)
            main_peak, tree_peak = max(main_peak, main), max(tree_peak, tree)
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if child.returncode != 0:
            raise SystemExit(f"{corpus}: the build exited with {child.returncode}")
    return Run(count, seconds, tree_peak, main_peak)


def _resident(process: psutil.Process) -> tuple[int, int]:
    """The resident memory of a process, and the proportional memory of it with all its descendants."""
    try:
        main = process.memory_info().rss
        tree = sum(_proportional(each) for each in [process, *process.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0, 0
    return main, tree


def _proportional(process: psutil.Process) -> int:
    try:
        return int(process.memory_full_info().pss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 10000, 50000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", type=Path, default=ROOT / "output" / "bench")
    arguments = parser.parse_args()
    arguments.folder.mkdir(parents=True, exist_ok=True)
    runs: list[Run] = []
    print("| articles | wall s | s per 1,000 | tree peak PSS GB | vs first | building process peak RSS GB | vs first |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for count in sorted(arguments.counts):
        run = _build(_corpus(count, arguments.folder), count, arguments.jobs)
        runs.append(run)
        first = runs[0]
        print(
            f"| {count:,} | {run.seconds:.0f} | {1000 * run.seconds / count:.1f} "
            f"| {run.tree_peak / 1e9:.2f} | {run.tree_peak / first.tree_peak:.2f} "
            f"| {run.main_peak / 1e9:.2f} | {run.main_peak / first.main_peak:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
