"""Long articles a section at a time: an article of many megabytes is parsed, resolved and kept in sections
of summary pieces (`extract.pieces.sections`), so a build holds one section's facts, never the summary article's.

Each section is resolved as an article of its own would be, at its offsets in the summary
text, and its facts go to a file beside the article's cache entry as they come
(`Cache.put_sections`). What the build holds of the article is `LongArticleSummary`'s summary: its
sections' entities joined by key (without their mentions), its first conflicting pairs
and its counts. A name seen in two sections is one entity by its key, and the corpus's
rules join the rest (an acronym or a lone surname in one section and the full name in
another) as they join articles; a pronoun finds its entity within its own section, and
figures conflict within a section. The second pass writes the graph a section at a time
(`second_pass`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language

from newskg.export.report import article_counts
from newskg.extract.pieces import sections
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.limits import Limits
from newskg.model import Article, Entity, Extraction, ResolvedArticle, Sectioned, Span
from newskg.pipeline.cache import Cache
from newskg.pipeline.workers import ParseFailure, ParseOutcome, resolved
from newskg.resolve.article import author_key, merged_entity


def in_sections(
    articles: list[Article], nlp: Language, cache: Cache, progress: Callable[[int], None], limits: Limits
) -> Iterator[ParseOutcome]:
    """Each long article parsed here a section at a time, its sections kept in `cache` as they come; what is
    held of it (see `LongArticleSummary`), or a ParseFailure. Each article is let go of once done."""
    lexicon = load_lexicon()
    while articles:
        article = articles.pop(0)
        summary = LongArticleSummary(article, limits.kept_conflicts)
        try:
            kept = cache.put_sections(article, map(summary.add, _resolved_sections(article, nlp, lexicon, limits)))
        except Exception as error:  # one article's failure must not cost the others their results
            yield ParseFailure(article.source, f"{type(error).__name__}: {error}")
        else:
            yield (
                summary.summary()
                if kept
                else ParseFailure(article.source, f"its facts could not be kept in {cache.folder}")
            )
        progress(1)


def _resolved_sections(article: Article, nlp: Language, lexicon: Lexicon, limits: Limits) -> Iterator[ResolvedArticle]:
    for run in sections(article.text, limits.piece_chars, limits.section_chars):
        docs = nlp.pipe((piece for _, piece in run), batch_size=limits.parse_batch)
        yield resolved(article, zip((offset for offset, _ in run), docs, strict=True), lexicon, limits)


@dataclass
class LongArticleSummary:
    """What is held of a long article as its sections go by: their entities joined by key, without their
    mentions; their first `kept` conflicting pairs; and their counts."""

    article: Article
    kept: int
    entities: dict[str, Entity] = field(default_factory=dict)
    conflicts: list[tuple[Span, Span]] = field(default_factory=list)
    more_conflicts: bool = False
    counts: Sectioned = field(default_factory=lambda: Sectioned(0, 0, 0, 0, 0))

    def add(self, section: ResolvedArticle) -> ResolvedArticle:
        """Take in a section's summary; the section is given back, to be kept."""
        for entity in section.entities:
            compact = replace(entity, mentions=())
            known = self.entities.get(entity.key)
            self.entities[entity.key] = compact if known is None else merged_entity([known, compact])
        room = self.kept - len(self.conflicts)
        self.conflicts.extend(section.conflicts[:room])
        self.more_conflicts |= section.more_conflicts or len(section.conflicts) > room
        found, counts = article_counts(section), self.counts
        self.counts = Sectioned(
            counts.sections + 1,
            counts.events + found.events,
            counts.quantities + found.quantities,
            counts.statements + found.statements,
            counts.roles + found.roles,
        )
        return section

    def summary(self) -> ResolvedArticle:
        """The article as the build holds it between its passes (`ResolvedArticle.sectioned` set)."""
        return ResolvedArticle(
            Extraction(self.article, (), ()),
            tuple(self.entities.values()),
            conflicts=tuple(self.conflicts),
            more_conflicts=self.more_conflicts,
            author=author_key(self.article.author),
            sectioned=self.counts,
        )
