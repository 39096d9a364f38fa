"""Shared fixtures: the spaCy pipeline, a one-call extractor for short sentences, and one seed build."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from newskg.extract import extract
from newskg.knowledge.lexicon import Lexicon, load_lexicon
from newskg.model import Article, ResolvedArticle
from newskg.nlp import load_pipeline
from newskg.pipeline.run import BuildResult, build
from newskg.resolve.article import resolve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "mine-clearance-azerbaijan-2021.txt"
DATA = ROOT / "tests" / "data"  # articles and gold written for the tests
CORPUS = DATA / "corpus"  # short articles that name the same things in different ways
SEED_GOLD = DATA / "gold" / "mine-clearance-azerbaijan-2021.json"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def analyse(lexicon: Lexicon) -> Callable[..., ResolvedArticle]:
    """Extract and resolve a short text written for a test."""
    nlp = load_pipeline()

    def run(text: str, published: date | None = None, author: str | None = None) -> ResolvedArticle:
        article = Article(id="test", text=text, source="test.txt", published=published, author=author)
        return resolve(extract(article, nlp(text), lexicon))

    return run


@pytest.fixture(scope="module")
def recorded_time() -> Iterator[None]:
    """Builds of one recorded time, as two builds to be merged or compared must share their provenance."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        yield


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One build of seeds/, shared by the end-to-end tests."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return build([SEEDS], tmp_path_factory.mktemp("seed-build"))
