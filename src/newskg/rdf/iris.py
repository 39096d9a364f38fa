"""Deterministic IRIs for everything newskg writes, minted in this one place.

Entities are named by class and name under the base IRI, so two builds give the
same entity the same IRI and their graphs merge by union; everything else is
named inside its article, by character offsets (NIF's RFC 5147 style).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import URIRef

from newskg.errors import UsageError
from newskg.model import Span
from newskg.rdf.namespaces import DEFAULT_BASE
from newskg.resolve import slug

_FORBIDDEN = set('<>"{}|\\^` \n\r\t')


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
class Iris:
    """IRI factory for one build."""

    base: str = DEFAULT_BASE

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{slug(article_id)}")

    def graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{slug(article_id)}")

    def provenance_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/provenance")

    def activity(self, digest: str) -> URIRef:
        return URIRef(f"{self.base}build/{digest}")

    def context(self, article_id: str, length: int) -> URIRef:
        return URIRef(f"{self.article(article_id)}#char=0,{length}")

    def sentence(self, article_id: str, span: Span) -> URIRef:
        return URIRef(f"{self.article(article_id)}#sentence={span.start},{span.end}")

    def phrase(self, article_id: str, span: Span) -> URIRef:
        return URIRef(f"{self.article(article_id)}#char={span.start},{span.end}")

    def entity(self, key: str) -> URIRef:
        return URIRef(f"{self.base}{key}")

    def event(self, article_id: str, trigger: Span) -> URIRef:
        return URIRef(f"{self.article(article_id)}/event/{trigger.start}")

    def quantity(self, article_id: str, span: Span) -> URIRef:
        return URIRef(f"{self.article(article_id)}/quantity/{span.start}-{span.end}")

    def statement(self, article_id: str, span: Span) -> URIRef:
        return URIRef(f"{self.article(article_id)}/statement/{span.start}-{span.end}")
