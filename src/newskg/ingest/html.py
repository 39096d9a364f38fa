"""An HTML page's article text and metadata (trafilatura), from a tree parsed with lxml's `huge_tree`: without
it libxml2 stops at 256 nested elements and a deeply nested page reads as having no text at all. A page nested
deeper still is read again with its deepest wrappers (div, span, ...) taken away and their contents kept."""

from __future__ import annotations

import html
from html.parser import HTMLParser as TagReader
from typing import Any

from lxml.etree import ParserError, XMLSyntaxError
from lxml.html import HtmlElement, HTMLParser, fromstring

MAX_DEPTH = 2048  # libxml2's limit with huge_tree: deeper elements are not read
KEPT_DEPTH = 512  # wrappers deeper than this are taken away when a page is nested past MAX_DEPTH
WRAPPERS = frozenset(
    {"div", "span", "section", "article", "main", "aside", "header", "footer", "font", "center", "b", "i", "em"}
    | {"strong", "u", "small", "big", "blockquote", "figure", "nav", "table", "tbody", "tr", "td", "th"}
)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
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
    TooDeep when the page is nested past MAX_DEPTH and no text was read, even with its deepest wrappers gone."""
    tree, too_deep = _parsed(page)
    document = _extracted(tree if tree is not None else page)
    if too_deep and not _has_text(document):
        flat, too_deep = _parsed(unwrapped(page))
        document = _extracted(flat if flat is not None else page)
        if not _has_text(document):
            raise TooDeep(f"is nested deeper than {MAX_DEPTH:,} elements, more than the HTML parser reads")
    return document


def _parsed(page: str) -> tuple[HtmlElement | None, bool]:
    """The page's tree (None when it is empty or not markup), and whether it went past MAX_DEPTH."""
    try:
        tree = fromstring(page.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ParserError, XMLSyntaxError, ValueError):
        tree = None
    return tree, any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in _PARSER.error_log)


def _extracted(source: HtmlElement | str) -> dict[str, Any]:
    import trafilatura

    extracted = trafilatura.bare_extraction(source, with_metadata=True, include_comments=False)
    return extracted if isinstance(extracted, dict) else (extracted.as_dict() if extracted is not None else {})


def _has_text(document: dict[str, Any]) -> bool:
    return bool((document.get("text") or "").strip())


def unwrapped(page: str) -> str:
    """The page with every wrapper element more than KEPT_DEPTH deep taken away, its contents kept."""
    reader = _Unwrapper()
    reader.feed(page)
    reader.close()
    return "".join(reader.out)


class _Unwrapper(TagReader):
    """Writes the page back as it reads it, leaving out the tags of wrappers past KEPT_DEPTH."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # each open element, and whether its tags are written
        self.depth = 0  # the open elements whose tags are written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.depth < KEPT_DEPTH or tag not in WRAPPERS
        if written:
            self.out.append(self.get_starttag_text() or "")
        if tag not in _VOID:
            self.open.append((tag, written))
            self.depth += written

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if all(name != tag for name, _ in self.open):
            return
        while self.open:
            name, written = self.open.pop()
            self.depth -= written
            if written:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))
