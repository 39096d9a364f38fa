"""Timing for the benchmarks: the median of a few runs of an action, in seconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of `repeat` runs of `action`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paired_medians(first: Callable[[], object], second: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The median wall times of `first` and `second`, run in turn `repeat` times: on a machine whose load
    drifts, both see the same stretch of it."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, found in zip((first, second), times, strict=True):
            started = time.perf_counter()
            action()
            found.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])
