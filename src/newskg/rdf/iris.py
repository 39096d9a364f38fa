"""Deterministic IRIs for everything newskg writes, minted in this one place.

Entities are named by class and name under the base IRI, so two builds give the
same entity the same IRI and their graphs merge by union; everything else is
named inside its article, by character offsets (NIF's RFC 5147 style).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import URIRef

from newskg.errors import UsageError
from newskg.model import Span
from newskg.rdf.namespaces import DEFAULT_BASE
from newskg.resolve.article import slug

_FORBIDDEN = set('<>"{}|\\^` \n\r\t')
_DIGEST_CHARS = 12
_DIGESTED = re.compile(rf"-[0-9a-f]{{{_DIGEST_CHARS}}}$")  # how a slug with a digest ends
_RESERVED = {"provenance"}  # graph/provenance is the build's own graph


def article_slug(article_id: str) -> str:
    """An article's IRI path segment: its id when that is already a plain slug (`mine-clearance-2021`), else
    the slug of its id and a digest of the exact id, so ids that slug alike (`Report`, `report`) never meet."""
    readable = slug(article_id)
    if readable == article_id and readable not in _RESERVED and not _DIGESTED.search(readable):
        return readable
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_CHARS]
    return f"{readable}-{digest}"


def is_absolute_iri(text: str) -> bool:
    """Whether a text can be written as an absolute IRI: a scheme, a host for http(s), nothing that breaks <...>."""
    parts = urlsplit(text)
    return (
        bool(parts.scheme)
        and (parts.scheme not in ("http", "https") or bool(parts.netloc))
        and not _FORBIDDEN & set(text)
    )


def check_base(base: str) -> str:
    """The base IRI, ending in "/" or "#"; a UsageError for anything that cannot be one."""
    if not is_absolute_iri(base):
        raise UsageError(f"--base-iri {base!r} is not an absolute IRI such as {DEFAULT_BASE}")
    return base if base.endswith(("/", "#")) else base + "/"


@dataclass(frozen=True)
class ArticleIris:
    """The IRIs named inside one article, as text: its IRI worked out once for all of them (an article's writer
    names thousands)."""

    node: str  # the article's own IRI

    def context(self, length: int) -> str:
        return f"{self.node}#char=0,{length}"

    def sentence(self, span: Span) -> str:
        return f"{self.node}#sentence={span.start},{span.end}"

    def phrase(self, span: Span) -> str:
        return f"{self.node}#char={span.start},{span.end}"

    def event(self, trigger: Span) -> str:
        return f"{self.node}/event/{trigger.start}"

    def quantity(self, span: Span) -> str:
        return f"{self.node}/quantity/{span.start}-{span.end}"

    def statement(self, span: Span) -> str:
        return f"{self.node}/statement/{span.start}-{span.end}"


@dataclass(frozen=True)
class Iris:
    """IRI factory for one build."""

    base: str = DEFAULT_BASE

    def within(self, article_id: str) -> ArticleIris:
        """The IRIs named inside an article."""
        return ArticleIris(f"{self.base}article/{article_slug(article_id)}")

    def article(self, article_id: str) -> URIRef:
        return URIRef(self.within(article_id).node)

    def graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{article_slug(article_id)}")

    def provenance_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/provenance")

    def activity(self, digest: str) -> URIRef:
        return URIRef(f"{self.base}build/{digest}")

    def context(self, article_id: str, length: int) -> URIRef:
        return URIRef(self.within(article_id).context(length))

    def sentence(self, article_id: str, span: Span) -> URIRef:
        return URIRef(self.within(article_id).sentence(span))

    def phrase(self, article_id: str, span: Span) -> URIRef:
        return URIRef(self.within(article_id).phrase(span))

    def entity(self, key: str) -> URIRef:
        return URIRef(f"{self.base}{key}")

    def event(self, article_id: str, trigger: Span) -> URIRef:
        return URIRef(self.within(article_id).event(trigger))

    def quantity(self, article_id: str, span: Span) -> URIRef:
        return URIRef(self.within(article_id).quantity(span))

    def statement(self, article_id: str, span: Span) -> URIRef:
        return URIRef(self.within(article_id).statement(span))
