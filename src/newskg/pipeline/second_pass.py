"""A build's second pass: each article's graph under the corpus's keys, made, serialised and checked a batch
at a time, here or in worker processes, and handed back in graph-name order for the files.

Each batch carries what its articles need of the corpus (their entities' corpus keys and
descriptions), so a worker holds one batch, never the whole entity index.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from newskg.errors import OutputError
from newskg.limits import Limits
from newskg.links import Links
from newskg.model import Entity, ResolvedArticle
from newskg.pipeline.cache import Cache
from newskg.pipeline.on_disk import GraphFile, GraphFileWriter, check_graph_file
from newskg.pipeline.workers import submit_ahead, worker_pool
from newskg.rdf.dataset import BuildInfo, activity_graph, article_quads
from newskg.rdf.iris import Iris
from newskg.rdf.serialise import graph_text, oxigraph_quads, statement_line
from newskg.rdf.triples import ArticleWriter
from newskg.rdf.validate import Checked, check_graphs, combined
from newskg.resolve.corpus import CorpusEntities, rekey


@dataclass(frozen=True)
class IndexedArticle:
    """What a build holds of an article between its passes: its entities, to join the corpus's, and
    where its facts wait (a cache entry, or the facts themselves when the cache refused them)."""

    id: str
    source: str
    entities: tuple[Entity, ...]
    facts: str | ResolvedArticle  # the path of its cache entry, or its facts


@dataclass(frozen=True)
class GraphText:
    """One named graph, ready for the files: its TriG block and its statements as N-Triples lines."""

    trig: str
    lines: list[str]

    def blocks(self, limits: Limits) -> Iterator[str]:
        """Its TriG block (one, whatever the limits)."""
        yield self.trig

    def statements(self) -> list[str]:
        """Its statements as N-Triples lines."""
        return self.lines


@dataclass(frozen=True)
class GraphBatch:
    """A run of graphs in name order, ready for the files, with what their check found (None for the
    provenance graph: it is checked with every batch, see `Graphs`)."""

    graphs: list[GraphText | GraphFile]
    checked: Checked | None


@dataclass(frozen=True)
class _Settings:
    """What every batch is made with."""

    table: Links | None
    iris: Iris
    activity: URIRef
    context: Graph
    facts: Cache
    conforming: frozenset[str]
    work: Path
    limits: Limits


@dataclass(frozen=True)
class _Batch:
    """A task: some articles (position in the index, what is held of it), with their part of the corpus."""

    articles: list[tuple[int, IndexedArticle]]
    unified: CorpusEntities


class Graphs:
    """The build's graphs in name order, made a batch at a time as they are iterated, each batch with its check.

    `context` (the build's activity, which every article graph points to) is checked with each batch.
    """

    def __init__(
        self,
        index: list[IndexedArticle],
        unified: CorpusEntities,
        table: Links | None,
        iris: Iris,
        info: BuildInfo,
        facts: Cache,
        conforming: set[str],
        jobs: int,
        work: Path,
        limits: Limits,
    ) -> None:
        self.index, self.unified, self.jobs = index, unified, jobs
        self.activity = iris.activity(info.digest)
        self.context = activity_graph(iris, info)
        self.settings = _Settings(table, iris, self.activity, self.context, facts, frozenset(conforming), work, limits)
        self.limits = limits
        self._articles = {str(iris.graph(item.id)): position for position, item in enumerate(index)}
        self._provenance = str(iris.provenance_graph())
        self.names = sorted([*self._articles, self._provenance])

    def __iter__(self) -> Iterator[GraphBatch]:
        for batch in self._in_order(self._batches()):
            yield batch if batch is not None else GraphBatch([self._provenance_graph()], None)

    def _batches(self) -> Iterator[_Batch | None]:
        """Runs of up to `limits.graph_batch` articles in name order; None where the provenance graph comes."""
        run: list[tuple[int, IndexedArticle]] = []
        for name in self.names:
            position = self._articles.get(name)
            if position is not None:
                run.append((position, self.index[position]))
            if run and (position is None or len(run) == self.limits.graph_batch):
                yield self._batch(run)
                run = []
            if position is None:
                yield None
        if run:
            yield self._batch(run)

    def _batch(self, run: list[tuple[int, IndexedArticle]]) -> _Batch:
        return _Batch(run, self.unified.part((p, e.key) for p, item in run for e in item.entities))

    def _in_order(self, batches: Iterator[_Batch | None]) -> Iterator[GraphBatch | None]:
        """Each batch made, here or in `jobs` processes (a few batches ahead), in the order given."""
        if self.jobs < 2 or len(self.index) <= self.limits.graph_batch:
            _start(self.settings)
            yield from (_make(batch) if batch is not None else None for batch in batches)
            return
        with worker_pool(self.jobs, _start, self.settings) as pool:
            ahead = self.limits.batches_ahead * self.jobs
            for future in submit_ahead(
                batches, lambda batch: pool.submit(_make, batch) if batch is not None else None, ahead
            ):
                yield _result(future)

    def _provenance_graph(self) -> GraphText:
        """The build's activity and each article graph it made (not checked here: see `context`)."""
        made_by = ox.NamedNode(str(PROV.wasGeneratedBy))
        activity, graph = ox.NamedNode(str(self.activity)), ox.NamedNode(self._provenance)
        quads = oxigraph_quads(self.context, self._provenance)
        quads += [ox.Quad(ox.NamedNode(article), made_by, activity, graph) for article in self._articles]
        return _graph_text(quads)


def _result(future: Future | None) -> GraphBatch | None:
    return future.result() if future is not None else None


_settings: _Settings | None = None  # a worker's, set once when it starts


def _start(settings: _Settings) -> None:
    global _settings
    _settings = settings


def _make(batch: _Batch) -> GraphBatch:
    """A batch's graphs, serialised, and their check: the graphs of long articles made on disk one by one
    (`on_disk`) and checked once their facts are let go, the others in memory and checked together."""
    settings = _settings
    assert settings is not None, "_start sets the settings first"
    serialised: list[GraphText | GraphFile] = []
    graphs, checks = [], []
    for position, indexed in batch.articles:
        graph = _graph(position, indexed, batch.unified, settings)
        if isinstance(graph, GraphFile):
            checks.append(
                check_graph_file(graph, settings.context, settings.conforming, graph.path.parent, settings.limits)
            )
            serialised.append(graph)
        else:
            text = _graph_text(graph)
            serialised.append(text)
            graphs.append((graph, text.lines))
    checks.append(check_graphs(graphs, settings.context, settings.conforming))
    return GraphBatch(serialised, combined(checks))


def _graph(
    position: int, indexed: IndexedArticle, unified: CorpusEntities, settings: _Settings
) -> list[ox.Quad] | GraphFile:
    """An article's graph: its quads in memory, or for a long article on disk (its facts are let go of when this
    returns, before the graph is checked)."""
    facts = _facts(position, indexed, unified, settings)
    if facts.sectioned is None:
        return article_quads(settings.iris, facts, settings.activity)
    return _in_sections(position, facts, unified, settings)


def _in_sections(position: int, summary: ResolvedArticle, unified: CorpusEntities, settings: _Settings) -> GraphFile:
    """A long article's graph (see `newskg.pipeline.sections`), made on disk a section at a time in a folder of the
    build's working folder: the article and its kept conflicting pairs, then each section's facts."""
    folder = settings.work / f"long-article-{position}"
    folder.mkdir()
    article = summary.extraction.article
    graph = GraphFileWriter(str(settings.iris.graph(article.id)), folder, settings.limits)
    ArticleWriter(graph, settings.iris, replace(summary, entities=())).write(settings.activity)
    for section in settings.facts.read_sections(article):
        facts = _in_corpus(replace(section, conflicts=()), position, unified, settings)
        ArticleWriter(graph, settings.iris, facts).write_facts()
    return graph.close()


def _graph_text(quads: list[ox.Quad]) -> GraphText:
    """A graph's statements as the files take them."""
    return GraphText(graph_text(quads), [statement_line(quad) for quad in quads])


def _facts(position: int, indexed: IndexedArticle, unified: CorpusEntities, settings: _Settings) -> ResolvedArticle:
    """One article's kept facts, under the corpus's keys."""
    facts = (
        indexed.facts
        if isinstance(indexed.facts, ResolvedArticle)
        else settings.facts.load(Path(indexed.facts), indexed.source)
    )
    if facts is None:
        raise OutputError(f"{indexed.source}: its facts could not be read back from {settings.facts.folder}")
    return _in_corpus(facts, position, unified, settings)


def _in_corpus(facts: ResolvedArticle, position: int, unified: CorpusEntities, settings: _Settings) -> ResolvedArticle:
    """Facts with the user's links and under the corpus's keys."""
    if settings.table is not None:
        facts = replace(facts, entities=settings.table.linked(facts.entities))
    return rekey(facts, position, unified)
