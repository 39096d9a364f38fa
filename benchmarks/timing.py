"""Timing for the benchmarks: the median of a few runs of an action, in seconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of `repeat` runs of `action`."""
    return statistics.median(_seconds(action) for _ in range(repeat))


def _seconds(action: Callable[[], object]) -> float:
    """The wall time of one run of `action`."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def paired_medians(first: Callable[[], object], second: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    """The median wall times of `first` and `second`, run in turn `repeat` times: on a machine whose load
    drifts, both see the same stretch of it."""
    pairs = [(_seconds(first), _seconds(second)) for _ in range(repeat)]
    return statistics.median(one for one, _ in pairs), statistics.median(other for _, other in pairs)
