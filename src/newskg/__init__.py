"""newskg: news articles to a knowledge graph you can query, explore and trace back to the text."""

from __future__ import annotations

from newskg.version import __version__

__all__ = ["BuildResult", "__version__", "build"]


def __getattr__(name: str):
    """Import the build lazily, so `newskg --help` does not load spaCy."""
    if name == "build":
        from newskg.pipeline.run import build

        return build
    if name == "BuildResult":
        from newskg.result import BuildResult

        return BuildResult
    raise AttributeError(f"module 'newskg' has no attribute {name!r}")
