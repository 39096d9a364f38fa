"""A build with one and two jobs on a busy machine: wall time, CPU time, and the wall time on an idle one.

    python benchmarks/bench_cores.py [PATH ...] [--copies N] [--repeat N]

On a machine shared with other work, the wall time of a parallel build says
little: its workers wait for cores. CPU time does not. In one process, after one
build that loads the model, it runs a bare `nlp.pipe` over the articles' texts
and a whole `newskg build --no-cache` with `--jobs 1` and `--jobs 2` (medians of N
runs), and prints each one's wall time, its CPU time (this process and its
workers) and an idle-machine estimate: the building process's CPU time outside
its worker pools, plus, for each pool, the most of: the pool's CPU time over two
cores, the building process's own CPU time meanwhile, and the busiest worker's
CPU time (read from /proc as the pool closes: Linux only). The estimate leaves
out the time processes wait on each other, so it is a lower bound; the bare
run's CPU time stands for its idle wall time. The ratio is the issue's: the bare
run's time over the build's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import spacy
from bench_profile import copies  # beside this script

from newskg.ingest.articles import iter_articles
from newskg.model import Article
from newskg.nlp import DEFAULT_MODEL
from newskg.pipeline import second_pass, workers
from newskg.pipeline.run import build

_pools: list[tuple[float, float, float]] = []  # each pool of a build: this process's CPU, its workers', the busiest's
_TICKS = os.sysconf("SC_CLK_TCK")


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_pool = workers.worker_pool


@contextmanager
def _timed_pool(jobs: int, start: Callable[..., object] | None = None, *args: object) -> Iterator[ProcessPoolExecutor]:
    """The build's worker pool, its CPU time, its workers' and the busiest worker's noted when it closes."""
    own, children = time.process_time(), _children()
    with _pool(jobs, start, *args) as pool:
        yield pool
        busiest = max(map(_cpu_of, pool._processes), default=0.0)
    _pools.append((time.process_time() - own, _children() - children, busiest))


def _cpu_of(pid: int) -> float:
    """A running process's CPU time so far (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _measured(run: Callable[[], object]) -> tuple[float, float, float]:
    """Wall time, CPU time and idle-machine estimate of one run."""
    _pools.clear()
    wall, own, children = time.perf_counter(), time.process_time(), _children()
    run()
    wall, own, children = time.perf_counter() - wall, time.process_time() - own, _children() - children
    serial = own - sum(parent for parent, _, _ in _pools)
    spread = sum(max((parent + child) / 2, parent, busiest) for parent, child, busiest in _pools)
    return wall, own + children, serial + spread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    workers.worker_pool = second_pass.worker_pool = _timed_pool  # type: ignore[assignment]
    with copies(arguments.paths, arguments.copies) as paths:
        texts = [item.text for item in iter_articles(paths) if isinstance(item, Article)]
        bare = spacy.load(DEFAULT_MODEL)

        def whole(jobs: int) -> Callable[[], object]:
            def run() -> object:
                with tempfile.TemporaryDirectory() as out:
                    return build(paths, out, use_cache=False, jobs=jobs)

            return run

        whole(1)()
        runs: dict[str, Callable[[], object]] = {
            "bare nlp.pipe": lambda: list(bare.pipe(texts)),
            "--jobs 1": whole(1),
            "--jobs 2": whole(2),
        }
        rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
        for _ in range(arguments.repeat):
            for name, run in runs.items():
                rows[name].append(_measured(run))
    rows["bare nlp.pipe"] = [(wall, cpu, cpu) for wall, cpu, _ in rows["bare nlp.pipe"]]
    medians = {name: [statistics.median(row[i] for row in found) for i in range(3)] for name, found in rows.items()}
    bare_wall, _, bare_idle = medians["bare nlp.pipe"]
    print(f"articles: {len(texts)}, repetitions: {arguments.repeat}")
    print(f"{'run':<14} {'wall':>7} {'cpu':>7} {'idle est.':>9} {'ratio':>6} {'ratio idle':>10}")
    for name, (wall, cpu, idle) in medians.items():
        print(f"{name:<14} {wall:>7.2f} {cpu:>7.2f} {idle:>9.2f} {bare_wall / wall:>6.3f} {bare_idle / idle:>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
