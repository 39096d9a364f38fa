"""newskg: news articles to a knowledge graph you can query, explore and trace back to the text."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["BuildResult", "__version__", "build"]


def __getattr__(name: str):
    """Import the pipeline lazily, so `newskg --help` does not load spaCy."""
    if name in ("build", "BuildResult"):
        from newskg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newskg' has no attribute {name!r}")
