"""The build cache: unchanged articles are not parsed again, changed ones are, damage is rebuilt; graphs
known to conform are not checked again."""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, SDO

from newskg.cli import main
from newskg.files import temporary_name
from newskg.limits import Limits
from newskg.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Quantity,
    ResolvedArticle,
    Role,
    Sectioned,
    Span,
    Statement,
    TimeExpr,
)
from newskg.pipeline import cache as cache_module
from newskg.pipeline import codec
from newskg.pipeline.cache import Cache, settings
from newskg.pipeline.run import BuildResult, build
from newskg.rdf import validate as validate_module
from newskg.rdf.serialise import oxigraph_quads, statement_line
from newskg.rdf.validate import BuildCheck, Stated, Validation, check_graphs

FIRST = "The Harbour Authority inspected 12 cranes in Rotterdam on March 3, 2024.\n"
SECOND = "Engineers repaired 4 bridges near Lyon on April 9, 2024, the regional council said.\n"


@pytest.fixture(autouse=True)
def _recorded_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    yield


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_second_build_takes_every_article_from_the_cache(inputs: Path, tmp_path: Path) -> None:
    first = build([inputs], tmp_path / "out")
    again = build([inputs], tmp_path / "out")
    assert first.cached == 0 and again.cached == 2
    assert again.articles == first.articles == ["first", "second"]
    assert (tmp_path / "out" / "graph.trig").read_bytes() == _fresh(inputs, tmp_path)


def test_facts_are_flushed_to_disk_in_a_kept_cache_and_not_in_a_no_cache_builds_working_folder(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{handle}"))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    entries = re.compile(r"[0-9a-f]{64}\.json")  # an article's facts, by its digest
    build([inputs], tmp_path / "plain", use_cache=False)
    assert [path for path in synced if entries.search(path)] == []
    build([inputs], tmp_path / "kept")
    assert len([path for path in synced if entries.search(path) and f"{os.sep}.cache{os.sep}" in path]) == 2


def test_a_changed_article_is_parsed_again(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    (inputs / "second.txt").write_text(SECOND.replace("4 bridges", "7 bridges"), encoding="utf-8")
    again = build([inputs], tmp_path / "out")
    assert again.cached == 1
    assert "7 bridges" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_damaged_entry_is_rebuilt(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    entries = sorted((tmp_path / "out" / ".cache").glob("*/*.json"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:40])
    again = build([inputs], tmp_path / "out")
    assert again.cached == 1 and again.ok
    assert all(Cache.read(entry) is not None for entry in entries)


def test_other_settings_do_not_share_entries(tmp_path: Path) -> None:
    article = Article(id="a", text="Some text.", source="a.txt")
    resolved = ResolvedArticle(Extraction(article, (), ()), ())
    one, other = Cache(tmp_path, "model one 1.0"), Cache(tmp_path, "model two 1.0")
    assert one.put(article, resolved)
    assert one.get(article) == resolved and other.get(article) is None
    assert one.get(Article(id="a", text="Some text.", source="a.txt", title="A title")) is None


def test_no_cache_reads_and_writes_none(inputs: Path, tmp_path: Path) -> None:
    result = build([inputs], tmp_path / "out", use_cache=False)
    assert result.cached == 0 and not (tmp_path / "out" / ".cache").exists()


def _fresh(inputs: Path, tmp_path: Path) -> bytes:
    build([inputs], tmp_path / "fresh", use_cache=False)
    return (tmp_path / "fresh" / "graph.trig").read_bytes()


def test_only_graphs_not_known_to_conform_are_checked_again(
    seed_build: BuildResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = seed_build.dataset
    assert dataset is not None
    first, known = _checked(dataset, set())
    assert first.conforms and known
    with monkeypatch.context() as patch:
        patch.setattr(validate_module, "_checked", _not_called)
        again, same = _checked(dataset, known)
    assert again.conforms and same == known
    graph = next(g for g in dataset.graphs() if (None, RDF.type, SDO.NewsArticle) in g)
    spoiled = URIRef("urn:x:quote")
    graph.add((spoiled, RDF.type, SDO.Quotation))
    try:
        checked, _ = _checked(dataset, known)
    finally:
        graph.remove((spoiled, None, None))
    assert not checked.conforms and any("urn:x:quote" in line for line in checked.violations)


def _checked(dataset: Dataset, known: set[str]) -> tuple[Validation, set[str]]:
    """A build's check of the dataset's article graphs, with its provenance as their context."""
    graphs = [graph for graph in dataset.graphs() if len(graph)]
    provenance = next(graph for graph in graphs if (None, RDF.type, PROV.Activity) in graph)
    check = BuildCheck()
    stated = [_stated(graph) for graph in graphs if graph is not provenance]
    check.add(check_graphs(stated, provenance, frozenset(known)))
    return check.result()


def _stated(graph: Graph) -> Stated:
    """A graph's statements as the build hands them to its check."""
    quads = oxigraph_quads(graph, str(graph.identifier))
    return quads, [statement_line(quad) for quad in quads]


def _not_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("a graph known to conform was checked again")


def test_an_article_moved_to_another_folder_is_still_in_the_cache(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    moved = tmp_path / "elsewhere"
    inputs.rename(moved)
    again = build([moved], tmp_path / "out")
    assert again.cached == 2
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {item["source"] for item in report["articles"].values()} == {
        str(moved / "first.txt"),
        str(moved / "second.txt"),
    }


class _Planted:
    """A pickle that makes a folder when it is loaded: what a crafted cache entry could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


@pytest.mark.slow
def test_a_pickle_planted_in_the_cache_runs_no_code(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    marker = tmp_path / "pwned"
    entries = [path for path in (tmp_path / "out" / ".cache").glob("*/*") if path.is_file()]
    assert len(entries) == 2
    payload = pickle.dumps(_Planted(marker))
    for entry in entries:
        header = entry.read_bytes().split(b"\n", 1)[0] + b"\n"
        entry.write_bytes(header + payload)  # as if newskg had written it, header and all
    again = build([inputs], tmp_path / "out")
    assert not marker.exists()
    assert again.ok and again.cached == 0 and again.articles == ["first", "second"]
    assert (tmp_path / "out" / "graph.trig").read_bytes() == _fresh(inputs, tmp_path)
    assert all(Cache.read(entry) is not None for entry in entries)  # rebuilt, in the cache's own format


def test_a_killed_builds_leftovers_neither_block_nor_linger(tmp_path: Path) -> None:
    article = Article(id="a", text="Some text.", source="a.txt")
    resolved = ResolvedArticle(Extraction(article, (), ()), ())
    cache = Cache(tmp_path / "cache", "settings")
    entry = cache.entry(article)
    entry.parent.mkdir()
    killed = entry.with_name(temporary_name(entry.name))  # half an entry, left by a build killed long ago
    killed.write_bytes(b"half an entry")
    long_ago = time.time() - 2 * 3600
    os.utime(killed, (long_ago, long_ago))
    running = entry.with_name(temporary_name(entry.name))  # another build's, being written now
    running.write_bytes(b"half an entry")
    old = entry.with_suffix(".pickle")  # as an older newskg named its entries
    old.write_bytes(pickle.dumps(resolved))
    assert cache.put(article, resolved) and cache.get(article) == resolved
    assert sorted(path.name for path in entry.parent.iterdir()) == sorted(
        [killed.name, running.name, entry.name, old.name]
    )
    Cache(tmp_path / "cache", "settings")  # the next build removes the old leftovers and old entries unread
    assert sorted(path.name for path in entry.parent.iterdir()) == sorted([running.name, entry.name])


def test_entries_are_json_under_a_header(inputs: Path, tmp_path: Path) -> None:
    build([inputs], tmp_path / "out")
    for entry in (tmp_path / "out" / ".cache").glob("*/*.json"):
        header, body = entry.read_bytes().split(b"\n", 1)
        assert header.startswith(b"newskg-cache") and isinstance(json.loads(body), list)


def test_the_cache_folder_is_private(inputs: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)  # as an older newskg left it: readable by others, writable by no one else
    build([inputs], tmp_path / "out", cache=folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    inside = list(folder.rglob("*"))
    assert any(path.is_file() for path in inside)
    for path in inside:
        assert stat.S_IMODE(path.stat().st_mode) == (0o600 if path.is_file() else 0o700), path


@pytest.mark.parametrize("how", ["writable by others", "a symlink", "owned by another user"])
def test_a_cache_folder_others_could_fill_is_refused(
    inputs: Path, tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cache"
    if how == "a symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.mkdir(mode=0o700)
    if how == "writable by others":
        folder.chmod(0o777)
    if how == "owned by another user":
        monkeypatch.setattr(cache_module, "_user", lambda: os.getuid() + 1)
    assert main(["build", str(inputs), "--out", str(tmp_path / "out"), "--cache", str(folder), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(folder) in err[0] and how in err[0]
    assert not (tmp_path / "out" / "graph.trig").exists()


def _copy_of_the_code(tmp_path: Path, name: str) -> Path:
    copy = tmp_path / name / "newskg"
    shutil.copytree(cache_module.SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.slow
def test_a_change_to_the_code_that_makes_facts_is_not_served_from_old_entries(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([inputs], tmp_path / "out")
    same = _copy_of_the_code(tmp_path, "same")
    monkeypatch.setattr(cache_module, "SOURCE", same)
    assert build([inputs], tmp_path / "out").cached == 2  # the digest is of the code's bytes, wherever it lies
    changed = _copy_of_the_code(tmp_path, "changed")
    events = changed / "extract" / "events.py"
    events.write_bytes(events.read_bytes() + b"\n")  # one byte more in the code that finds events
    monkeypatch.setattr(cache_module, "SOURCE", changed)
    again = build([inputs], tmp_path / "out")
    assert again.cached == 0 and again.articles == ["first", "second"]


def test_the_code_digest_covers_every_module_that_makes_facts() -> None:
    """Every newskg module that parsing, extraction or resolution imports (from process and sections) is
    read into the cache key: a new one left out would let old facts outlive a change to it."""
    covered = {path.relative_to(cache_module.SOURCE) for path in cache_module.fact_code(cache_module.SOURCE)}
    seen: set[str] = set()
    todo = ["newskg.pipeline.workers", "newskg.pipeline.sections"]
    while todo:
        name = todo.pop()
        if name in seen or name.startswith("newskg.export"):
            continue  # export.report counts a long article's facts: it does not make them
        seen.add(name)
        relative = Path(*name.split(".")[1:])
        path = (
            relative.with_suffix(".py")
            if (cache_module.SOURCE / relative.with_suffix(".py")).exists()
            else relative / "__init__.py"
        )
        assert path in covered, name
        tree = ast.parse((cache_module.SOURCE / path).read_text(encoding="utf-8"))
        todo += [
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newskg.")
        ]
    assert len(seen) > 10


def _every_kind_of_fact() -> ResolvedArticle:
    """Resolved facts with a value of every type the model declares."""
    article = Article(id="é\ud800", text="Ana Lee said 2.5 km of road in Rome were cleared.", source="a.txt")
    article = replace(article, published=date(2024, 3, 3), author="Ana Lee", notes=("note",))
    name, place = Span(0, 7, "Ana Lee"), Span(31, 35, "Rome")
    quantity = Quantity(Span(13, 19, "2.5 km"), Decimal("2.5"), "km", "measure", "KMT", None, "some", True)
    quantity = replace(quantity, min_value=Decimal("2"), max_value=Decimal("3E+0"), base_value=Decimal("2500"))
    time = TimeExpr(Span(0, 1, "A"), begin="2024-03", end=None)
    event = Event(Span(36, 49, "were cleared"), "Clearance", "clear", Span(41, 48, "cleared"), (name,), (place,))
    event = replace(event, time=time, quantities=(quantity,), negated=True, modality="planned", speaker=name)
    extraction = Extraction(
        article,
        (Span(0, 50, article.text),),
        (Mention(name, "Person", "name", "Person", "Lee", None, 0), Mention(place, "Place", qualifier=name)),
        (Role(name, "mayor", name, None),),
        (event,),
        (Statement(name, place, name, direct=False, medium=None),),
    )
    entity = Entity("person/ana-lee", "Person", "Ana Lee", ("Lee",), ("Person",), (name,), ("urn:x",), (41.9, 12.5))
    return ResolvedArticle(
        extraction,
        (entity, Entity("place/rome", "Place", "Rome")),
        {(0, 7): "person/ana-lee", (31, 35): "place/rome"},
        ((name, place),),
        more_conflicts=True,
        author="person/ana-lee",
        sectioned=Sectioned(1, 2, 3, 4, 5),
    )


def test_facts_of_every_type_come_back_from_json_as_they_were() -> None:
    facts = _every_kind_of_fact()
    back = codec.loads(codec.dumps(facts))
    assert back == facts
    assert type(back.extraction.events[0].quantities[0].value) is Decimal
    assert back.extraction.article.published == date(2024, 3, 3) and back.entities[0].geo == (41.9, 12.5)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda entry: entry[:-1],  # a field missing
        lambda entry: [*entry, None],  # a field too many
        lambda entry: {"extraction": entry[0]},  # an object for a dataclass
        lambda entry: [entry[0], entry[1], [["0", 7, "person/ana-lee"]], *entry[3:]],  # a string for an offset
        lambda entry: [entry[0], entry[1], [[[True, 7], "person/ana-lee"]], *entry[3:]],  # true for an offset
        lambda entry: [entry[0], entry[1], entry[2], entry[3], 1, *entry[5:]],  # a number for a yes or no
        lambda entry: [[[*entry[0][0][:5], "2024-13-01", *entry[0][0][6:]], *entry[0][1:]], *entry[1:]],  # a date
        lambda entry: [entry[0], [["py/object", "os.system"]], *entry[2:]],  # something else for an entity
        lambda entry: "__import__('os').system('true')",
        lambda entry: json.loads(json.dumps(entry).replace('"2.5"', '"sNaN"', 1)),  # a decimal that raises
        lambda entry: json.loads(json.dumps(entry).replace('"2.5"', '"NaN"', 1)),  # raises when ordered
        lambda entry: json.loads(json.dumps(entry).replace('"2.5"', '"-Infinity"', 1)),  # no int, no xsd:decimal
        lambda entry: json.loads(json.dumps(entry).replace('"2.5"', '"1E+999999999"', 1)),  # a billion digits
        lambda entry: json.loads(json.dumps(entry).replace('"2.5"', '"1E-999999999"', 1)),  # a billion zeros
    ],
)
def test_anything_but_facts_of_the_declared_types_is_refused(spoil: Callable[[list], object], tmp_path: Path) -> None:
    entry = json.loads(codec.dumps(_every_kind_of_fact()))
    spoiled = json.dumps(spoil(entry)).encode()
    with pytest.raises(codec.CodecError):
        codec.loads(spoiled)
    path = tmp_path / "entry.json"
    path.write_bytes(b"newskg-cache 2 json\n" + spoiled + b"\n")
    assert Cache.read(path) is None
    path.write_bytes(b"newskg-cache 2 json\n" + codec.dumps(_every_kind_of_fact()) + b"\n")
    assert Cache.read(path) == _every_kind_of_fact()


def test_nothing_planted_inside_the_cache_folder_is_followed(tmp_path: Path) -> None:
    article = Article(id="a", text="Some text.", source="a.txt")
    resolved = ResolvedArticle(Extraction(article, (), ()), ())
    cache = Cache(tmp_path / "cache", "settings")
    entry = cache.entry(article)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    entry.parent.symlink_to(elsewhere)  # its sub-folder, a symlink out of the cache
    assert not cache.put(article, resolved) and cache.get(article) is None
    assert list(elsewhere.iterdir()) == []
    (elsewhere / "someone's.pickle").write_bytes(b"not the cache's")
    Cache(tmp_path / "cache", "settings")  # its sweep of old entries stays inside the cache too
    assert [path.name for path in elsewhere.iterdir()] == ["someone's.pickle"]
    (elsewhere / "someone's.pickle").unlink()
    entry.parent.unlink()
    assert cache.put(article, resolved) and cache.get(article) == resolved
    entry.rename(elsewhere / "kept")
    entry.symlink_to(elsewhere / "kept")  # an entry, a symlink to a whole entry elsewhere
    assert cache.get(article) is None
    entry.unlink()
    os.mkfifo(entry)  # an entry that would never end: a named pipe no one writes to
    assert cache.get(article) is None
    entry.unlink()
    os.mkfifo(cache.folder / "conforming.txt")
    assert cache.conforming() == set()
    assert cache.put(article, resolved) and cache.get(article) == resolved


def test_a_cache_folder_that_holds_other_files_keeps_them(tmp_path: Path) -> None:
    folder = tmp_path / "work"  # say, --cache given a folder of the user's own
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "weights.pickle").write_bytes(b"the user's")
    (folder / "ab").mkdir()
    (folder / "ab" / "draft.tmp").write_bytes(b"the user's")
    (folder / "notes.tmp").write_bytes(b"the user's")
    (folder / temporary_name("notes.txt")).write_bytes(b"the user's")  # named as newskg names a temporary
    old = folder / "ab" / f"ab{'0' * 62}.pickle"  # an entry of an older newskg
    old.write_bytes(b"an old entry")
    long_ago = 1_000_000_000
    for path in [folder / "ab" / "draft.tmp", *folder.glob("*.tmp")]:
        os.utime(path, (long_ago, long_ago))
    Cache(folder, "settings")
    assert not old.exists()
    kept = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    assert (
        len(kept) == 4
        and kept[0].startswith(".notes.txt.")
        and kept[1:]
        == [
            "ab/draft.tmp",
            "model/weights.pickle",
            "notes.tmp",
        ]
    )


def test_the_sizes_that_shape_facts_are_in_the_key_and_no_others() -> None:
    default = settings("model", Limits())
    for shaping in (Limits(piece_chars=500), Limits(section_chars=1_200), Limits(kept_conflicts=5)):
        assert settings("model", shaping) != default
    assert settings("model", Limits(parse_batch=1, graph_batch=2, page_nodes=3)) == default
