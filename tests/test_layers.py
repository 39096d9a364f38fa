"""The package's layers: every module's imports (those under TYPE_CHECKING and inside functions included),
read with `ast`, go only down the declared order, and neither modules nor first-level parts import in a
cycle."""

from __future__ import annotations

import ast
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newskg"

# Lowest first. A part may import parts of its own layer or below, never above. Every first-level part
# (a module of newskg, or a folder) must be named here, so a new one is placed on purpose.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer.split())
    for layer in (
        "version model errors result limits files nonet",  # values and plain helpers
        "knowledge isolate",  # word lists, places and names; a query in a forked process
        "ingest nlp extract resolve",  # files to articles to resolved facts, within and across articles
        "rdf",  # terms, triples, serialisation, validation, reading, the Oxigraph store
        "links",  # the user's link table (read as CSV or RDF)
        "export",  # pages, report, tables, network files: read a graph, never the build
        "pipeline",  # the course of a build
        "merge query push evaluate",  # commands over built graphs
        "serve",  # the SPARQL endpoint (runs `query`'s checks)
        "cli",
        "__init__",  # `newskg.build`, `newskg.BuildResult`, resolved lazily
    )
)


def module_name(path: Path) -> str:
    """The dotted name of a module of the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(text: str, name: str, package: str, known: set[str]) -> set[str]:
    """The package's modules (of `known`) that the source `text` of module `name` (in `package`) imports,
    anywhere in it; a name imported from a package that is itself a module counts as that module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {module for module in found if module in known and module != name}


def part(module: str) -> str:
    """A module's first-level part: `newskg.rdf.iris` is in `rdf`, the package itself is `__init__`."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of a graph (each node to what it imports), or [] when it has none."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return list(error.args[1])
    return []


@cache
def module_graph() -> dict[str, set[str]]:
    """Each module of the package, to the package's modules it imports."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(files)
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = imports(path.read_text(encoding="utf-8"), name, package, known)
    return graph


def layer_of(name: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if name in layer)


def test_the_cycle_finder_finds_a_cycle_through_three_modules() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) != []
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_imports_are_read_inside_type_checking_blocks_and_functions() -> None:
    """The reader sees what a cycle hides behind: TYPE_CHECKING blocks, imports inside functions, and
    relative imports."""
    text = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from newskg.c import Thing\n"
        "def late():\n    import newskg.d\n"
        "from . import e\nfrom .f import g\n"
    )
    known = {"newskg.a.b", "newskg.c", "newskg.d", "newskg.a.e", "newskg.a.f"}
    assert imports(text, "newskg.a.b", "newskg.a", known) == {"newskg.c", "newskg.d", "newskg.a.e", "newskg.a.f"}


def test_every_part_has_a_layer() -> None:
    parts = {part(module) for module in module_graph()}
    declared = set().union(*LAYERS)
    assert parts - declared == set(), "place the new part in LAYERS"
    assert declared - parts == set(), "a part in LAYERS no longer exists"


def test_no_module_imports_in_a_cycle() -> None:
    assert cycle(module_graph()) == []


def test_no_first_level_part_imports_in_a_cycle() -> None:
    parts: dict[str, set[str]] = {}
    for module, found in module_graph().items():
        parts.setdefault(part(module), set()).update(part(other) for other in found if part(other) != part(module))
    assert cycle(parts) == []


@pytest.mark.parametrize("layer", range(len(LAYERS)))
def test_no_part_imports_from_a_higher_layer(layer: int) -> None:
    upward = sorted(
        f"{module} imports {other}"
        for module, found in module_graph().items()
        if layer_of(part(module)) == layer
        for other in found
        if layer_of(part(other)) > layer
    )
    assert upward == []


def test_export_does_not_import_the_build() -> None:
    """The exporters read a graph and the build's result values; the build calls them, never the reverse."""
    reached = {other for module, found in module_graph().items() if part(module) == "export" for other in found}
    assert {part(other) for other in reached} <= {"export", "rdf", "result", "limits", "model", "version", "errors"}


def test_the_bottom_imports_nothing_of_newskg() -> None:
    graph = module_graph()
    assert [name for name in ("model", "errors", "result", "limits", "version") if graph[f"newskg.{name}"]] == []
