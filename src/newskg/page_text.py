"""An HTML page's article text and metadata (trafilatura), from a tree parsed with lxml's `huge_tree`: without
it libxml2 stops at 256 nested elements and a deeply nested page reads as having no text at all."""

from __future__ import annotations

from typing import Any

from lxml.etree import ParserError, XMLSyntaxError
from lxml.html import HTMLParser, fromstring

MAX_DEPTH = 2048  # libxml2's limit with huge_tree: deeper elements are not read
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)


class TooDeep(ValueError):
    """A page nested deeper than the HTML parser reads, whose text is past that depth."""


def page_text(page: str) -> dict[str, Any]:
    """The page's text (`text`) and metadata (`title`, `date`, `author`, `url`, ...), as trafilatura reads them;
    TooDeep when the page is nested past MAX_DEPTH and no text was read above that depth."""
    import trafilatura

    try:
        tree = fromstring(page.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ParserError, XMLSyntaxError, ValueError):
        tree = None  # empty or not markup: trafilatura reads the text as it can
    too_deep = any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in _PARSER.error_log)
    extracted = trafilatura.bare_extraction(
        tree if tree is not None else page, with_metadata=True, include_comments=False
    )
    document = extracted if isinstance(extracted, dict) else (extracted.as_dict() if extracted is not None else {})
    if too_deep and not (document.get("text") or "").strip():
        raise TooDeep(f"is nested deeper than {MAX_DEPTH:,} elements, more than the HTML parser reads")
    return document
