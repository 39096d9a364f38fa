"""Where a whole build's time goes, stage by stage, as shares and as ratios to a bare spaCy run.

    python benchmarks/bench_profile.py [PATH ...] [--copies N] [--jobs N] [--repeat N]

In one process it times a bare `nlp.pipe` of the model over the articles' texts
(the reference) and a whole `newskg build --no-cache` (through `newskg.build`,
one job unless `--jobs`, writing every file into a temporary folder): medians of
N runs taken in turn, so both see the same load, after one run that loads the
model. It prints the issue's ratio, the bare run's time over the whole build's.
Then it runs both N times more under cProfile and splits the build's time into
stages. `--copies N` builds N copies of the articles, each copy's files renamed (the copy's number added to their names,
which are the articles' ids) and each .txt file with one line changed (the
number added to its last line), so a corpus grows without repeating texts.

The profiles count this process's CPU time, not the wall clock, so another
program's load on the machine does not inflate whichever stage it overlapped.
Attribution rule: every function's own time (cProfile's tottime) goes to one row.
A function is named `module.function`, its module found from its file; the first
rule of `ROWS` whose prefix it starts with gives its row. Any other function of
newskg (the build's course in `newskg.pipeline`, ingest, the helpers) is "other".
A function of no rule outside newskg (the rest of spaCy and thinc, rdflib,
pyoxigraph, the stdlib, builtins) belongs to whoever called it: its own time is
shared among its callers in proportion to the time it spent for each, and so on
up (a caller seen again in a cycle is skipped). So spaCy's row is what runs under
`spacy.language` (`nlp.pipe`, the model's components, less newskg's components
it calls), while a spaCy `Doc` read by the extraction counts as extraction, and
rdflib's time under SHACL's copy counts as that copy. Compiled code that records
no calls counts in the function that called it. Shares sum to 100% of the
profiled runs. The rows are seconds under cProfile (the mean of N profiled
builds) and their ratio to a bare run under cProfile too, so both sides bear the
profiler; still, cProfile slows pure Python more than compiled code, so the
Python-heavy rows are overstated against spaCy's. The last column ("est. x")
undoes that roughly: spaCy's row at its ratio, the other rows scaled alike so
that all add up to the unprofiled build (whole / bare); an estimate that assumes
the profiler slows every other row by the same factor. With `--jobs` above 1
the parsing happens in child processes, which cProfile does not see (nor the
corpus's join, done in a child from `Limits.unify_apart` articles, nor graph.ttl,
graph.jsonld and the pages drawn beside the building process, see
`pipeline.graph_files`); their time shows only as the parent waiting ("other").
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import spacy
from timing import paired_medians  # beside this script

from newskg.ingest.articles import iter_articles
from newskg.model import Article
from newskg.nlp import DEFAULT_MODEL
from newskg.pipeline.run import build

ROOT = Path(__file__).resolve().parent.parent
OTHER = "other"
ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("spaCy's own components (spacy.language)", ("spacy.language",)),
    ("newskg pipeline components (newskg.nlp)", ("newskg.nlp",)),
    ("extraction + resolution", ("newskg.extract", "newskg.resolve")),
    ("facts kept and read back (cache)", ("newskg.pipeline.cache", "newskg.pipeline.codec")),
    ("triples (newskg.rdf.triples, terms, quads)", ("newskg.rdf.triples", "newskg.rdf.terms", "newskg.rdf.quads")),
    ("SHACL: a batch gathered (was: copy into rdflib)", ("newskg.rdf.validate.check_graphs",)),
    ("SHACL: pySHACL itself", ("pyshacl", "owlrl")),
    ("SHACL: the shacl engine (Rust)", ("shacl",)),
    ("SHACL: newskg's checks (digests, offsets, labels)", ("newskg.rdf.validate",)),
    (
        "serialisation (serialise, sorted runs, store)",
        ("newskg.rdf.serialise", "newskg.rdf.sorted_lines", "newskg.rdf.store"),
    ),
    ("pages and report (newskg.export, the store view they read)", ("newskg.export", "newskg.rdf.store_graph")),
)

Function = tuple[str, int, str]  # cProfile's key: file, line, name
_ENGINE_METHODS = {f"<method '{name}' of 'builtins.Shapes' objects>" for name in ("validate_text", "from_file")}
Shares = dict[str, float]  # {row: a fraction, or seconds}


def _modules() -> dict[str, str]:
    """{file: module name} of every module loaded."""
    found = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            found[os.path.realpath(file)] = name
    return found


def _rule(function: Function, modules: dict[str, str]) -> str | None:
    """The row `function` belongs to by its own name, or None when it belongs to its callers."""
    file, _, name = function
    if file == "~" and name in _ENGINE_METHODS:
        return "SHACL: the shacl engine (Rust)"
    module = modules.get(os.path.realpath(file)) if file != "~" else None
    if module is None:
        return None
    qualified = f"{module}.{name}"
    for row, prefixes in ROWS:
        if any(qualified == prefix or qualified.startswith(f"{prefix}.") for prefix in prefixes):
            return row
    return OTHER if module.split(".")[0] == "newskg" else None


class _Attribution:
    """Each function's share of rows, by `_rule` or else from its callers (see the module docstring)."""

    def __init__(self, stats: dict, modules: dict[str, str]) -> None:
        self.stats, self.modules = stats, modules
        self.known: dict[Function, Shares] = {}

    def rows(self, function: Function, seen: frozenset[Function] = frozenset()) -> Shares | None:
        """{row: fraction} for `function`; None when only callers already on the way up are left."""
        if function in self.known:
            return self.known[function]
        rule = _rule(function, self.modules)
        if rule is not None:
            return self._keep(function, {rule: 1.0})
        callers = self.stats[function][4] if function in self.stats else {}
        weights: Shares = defaultdict(float)
        shares = 0.0
        for caller, edge in callers.items():
            if caller in seen or caller == function:
                continue
            weight = edge[2] or edge[3] or 1e-12  # own time for that caller, else its cumulative
            above = self.rows(caller, seen | {function})
            if above is None:
                continue
            for row, fraction in above.items():
                weights[row] += weight * fraction
            shares += weight
        if not shares:
            return self._keep(function, {OTHER: 1.0}) if not seen else None
        return self._keep(function, {row: value / shares for row, value in weights.items()})

    def _keep(self, function: Function, rows: Shares) -> Shares:
        self.known[function] = rows
        return rows


def _own_seconds(profile: cProfile.Profile) -> float:
    """The whole own time of a profiled run."""
    return sum(entry[2] for entry in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def attribute(profile: cProfile.Profile) -> Shares:
    """{row: seconds of own time} over a profiled run."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    attribution, seconds = _Attribution(stats, _modules()), defaultdict[str, float](float)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    for function, entry in stats.items():
        for row, fraction in (attribution.rows(function) or {OTHER: 1.0}).items():
            seconds[row] += entry[2] * fraction
    return seconds


@contextmanager
def copies(paths: Sequence[str], count: int) -> Iterator[list[str]]:
    """`paths`, or `count` copies of their files in one folder (a .txt file's last line marked by copy)."""
    if count <= 1:
        yield list(paths)
        return
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            target = Path(folder) / f"copy{number}"
            for index, path in enumerate(Path(p) for p in paths):
                files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
                for file in files:
                    relative = file.relative_to(path) if path.is_dir() else Path(file.name)
                    if number:  # an article's id is its file's name unless its header gives one
                        relative = relative.with_name(f"{relative.stem}-{number}{relative.suffix}")
                    placed = target / str(index) / relative
                    placed.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file, placed)
                    if file.suffix == ".txt" and number:
                        text = placed.read_text(encoding="utf-8").rstrip("\n")
                        placed.write_text(f"{text} (copy {number})\n", encoding="utf-8")
        yield [folder]


def _build(paths: list[str], jobs: int) -> Callable[[], object]:
    def run() -> object:
        with tempfile.TemporaryDirectory() as out:
            return build(paths, out, use_cache=False, jobs=jobs)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with copies(arguments.paths, arguments.copies) as paths:
        articles = [item for item in iter_articles(paths) if isinstance(item, Article)]
        texts = [article.text for article in articles]
        bare = spacy.load(DEFAULT_MODEL)
        whole_build = _build(paths, arguments.jobs)
        whole_build()
        reference, whole = paired_medians(lambda: list(bare.pipe(texts)), whole_build, arguments.repeat)
        bare_profile, build_profile = cProfile.Profile(time.process_time), cProfile.Profile(time.process_time)
        for _ in range(arguments.repeat):
            bare_profile.runcall(lambda: list(bare.pipe(texts)))
            build_profile.runcall(whole_build)
    total = attribute(build_profile)
    seconds = {row: total.get(row, 0.0) / arguments.repeat for row in [name for name, _ in ROWS] + [OTHER]}
    profiled, bare_profiled = sum(seconds.values()), _own_seconds(bare_profile) / arguments.repeat
    words = sum(len(text.split()) for text in texts)
    print(f"articles: {len(texts)}, words: {words}, jobs: {arguments.jobs}, repetitions: {arguments.repeat}")
    print(f"bare nlp.pipe: {reference:.3f} s; whole build: {whole:.3f} s (medians, not profiled)")
    print(f"ratio bare nlp.pipe / whole build: {reference / whole:.3f}  (whole / bare: {whole / reference:.2f})")
    print(f"under cProfile (means): bare nlp.pipe {bare_profiled:.3f} s, whole build {profiled:.3f} s")
    spacy_row = seconds[ROWS[0][0]] / bare_profiled * reference
    rest = max(whole - spacy_row, 0.0) / max(profiled - seconds[ROWS[0][0]], 1e-12)
    print(f"{'stage (under cProfile)':<52} {'seconds':>8} {'share':>7} {'x bare':>7} {'est. x':>7}")
    for row in [name for name, _ in ROWS] + [OTHER]:
        estimate = spacy_row if row == ROWS[0][0] else seconds[row] * rest
        print(
            f"{row:<52} {seconds[row]:>8.3f} {seconds[row] / profiled:>7.1%}"
            f" {seconds[row] / bare_profiled:>7.2f} {estimate / reference:>7.2f}"
        )
    print(f"{'total':<52} {profiled:>8.3f} {1:>7.1%} {profiled / bare_profiled:>7.2f} {whole / reference:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
