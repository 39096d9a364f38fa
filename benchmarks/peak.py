"""A command run in a child process with its memory sampled: wall time, and the peaks of the resident
memory of the command's whole process tree and of its own process."""

from __future__ import annotations

import time
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.25


@dataclass(frozen=True)
class Peaks:
    """One run's wall time (seconds) and peak memory (bytes): the process tree as the sum of the proportional
    set sizes (pages the workers share with the process they were forked from count once), and the
    command's own process as its resident set."""

    seconds: float
    tree: int
    main: int


def run_sampled(command: list[str]) -> Peaks:
    """Run `command`, sampling its memory every quarter second; SystemExit if it fails."""
    started = time.perf_counter()
    child = psutil.Popen(command)
    tree_peak = main_peak = 0
    while child.poll() is None:
        main, tree = _resident(child)
        main_peak, tree_peak = max(main_peak, main), max(tree_peak, tree)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exited with {child.returncode}")
    return Peaks(seconds, tree_peak, main_peak)


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
