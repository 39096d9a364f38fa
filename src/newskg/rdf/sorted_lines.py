"""Text lines sorted and made unique in bounded memory: kept in sorted runs on disk, merged when read.

A build's union graph is one such stream (N-Triples lines, each statement once,
in statement order), whatever the number of articles behind it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO

from newskg.limits import DEFAULT


class SortedLines:
    """Lines added in any order, read back sorted and each once; runs are written under `folder`."""

    def __init__(self, folder: Path, run_lines: int = DEFAULT.run_lines) -> None:
        self.folder = folder
        self.run_lines = run_lines
        self._held: set[str] = set()
        self.most = 0  # lines in the runs, at least as many as there are distinct lines
        self._runs: list[Path] = []

    def add(self, lines: Iterable[str]) -> None:
        """Take some lines (none may hold a line break), however many, a run's worth at a time."""
        stream = iter(lines)
        while chunk := list(islice(stream, self.run_lines)):
            self._held.update(chunk)
            if len(self._held) >= self.run_lines:
                self.flush()

    def __iter__(self) -> Iterator[str]:
        """Every line added, sorted, each once."""
        self.flush()
        handles = [run.open(encoding="utf-8", newline="\n") for run in self._runs]
        try:
            previous = None
            for line in heapq.merge(*(_lines(handle) for handle in handles)):
                if line != previous:
                    yield line
                previous = line
        finally:
            for handle in handles:
                handle.close()

    def remove(self) -> None:
        """Delete the runs written so far, and forget every line."""
        for run in self._runs:
            run.unlink()
        self._runs, self._held, self.most = [], set(), 0

    def flush(self) -> None:
        """Write the lines held as a run on disk (the runs then hold every line added so far)."""
        if not self._held:
            return
        run = self.folder / f"run-{len(self._runs):05d}.txt"
        with run.open("w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(f"{line}\n" for line in sorted(self._held))
        self.most += len(self._held)
        self._runs.append(run)
        self._held = set()


def _lines(handle: IO[str]) -> Iterator[str]:
    return (line[:-1] for line in handle)
