"""An RDF file looked over before any parser reads it: nothing in it may make a parser expand entities, read
another file or fetch from the network (a 1 KB "billion laughs" file, or a context URL that never answers)."""

from __future__ import annotations

import json
from pathlib import Path
from pyexpat import ExpatError, ParserCreate, errors

from newskg.errors import UsageError

XML_SYNTAXES = frozenset({"xml", "trix", "rdfa"})  # rdflib's names of the syntaxes written in XML
JSONLD_SYNTAXES = frozenset({"json-ld"})
_SHOWN = 200  # characters of a refused context shown in the message


class _Refused(Exception):
    """Why an XML file is refused, raised from inside expat's handlers."""


class _Root(Exception):
    """The first element: no declaration can follow it, so the look stops there."""


def check_rdf_file(path: Path, syntax: str) -> None:
    """Refuse (UsageError naming the file) an XML file that declares entities or names an external DTD, and a
    JSON-LD file with a context to fetch (a URL or file path, @import included); other syntaxes pass."""
    if syntax in XML_SYNTAXES:
        _check_xml(path)
    elif syntax in JSONLD_SYNTAXES:
        _check_jsonld(path)


def _check_xml(path: Path) -> None:
    """Read the file's prolog with expat, as defusedxml does: an entity declaration or an external DTD is
    refused from the handler that meets it, before anything is expanded or read."""
    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = _doctype
    parser.EntityDeclHandler = _entity
    parser.ExternalEntityRefHandler = _external
    parser.StartElementHandler = _root
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except _Root:
        return
    except _Refused as refused:
        raise UsageError(
            f"{path}: line {parser.CurrentLineNumber}: refused: {refused} (newskg expands no XML entities)"
        ) from None
    except ExpatError as error:
        raise UsageError(f"{path}: line {error.lineno}: not well-formed XML ({errors.messages[error.code]})") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None


def _doctype(name: str, system: str | None, public: str | None, internal: bool) -> None:
    if system or public:
        raise _Refused(f"the DOCTYPE names an external DTD ({system or public!r})")


def _entity(name: str, parameter: bool, value: str | None, base: str | None, system: str | None, *_: object) -> None:
    kind = "an external entity" if system else "an entity"
    raise _Refused(f"the DOCTYPE declares {kind} ({'%' if parameter else '&'}{name};)")


def _external(context: str, base: str | None, system: str | None, public: str | None) -> int:
    raise _Refused(f"a reference to an external entity ({system!r})")


def _root(name: str, attributes: object) -> None:
    raise _Root


def _check_jsonld(path: Path) -> None:
    """Refuse a JSON-LD document naming a context by URL or path anywhere (nested, or by @import): a parser
    would fetch it, from any host or from this machine's files, and a server that never answers hangs it."""
    try:
        with path.open("rb") as stream:
            document = json.load(stream)
    except RecursionError:
        raise UsageError(f"{path}: refused: JSON nested too deeply to read") from None
    except (ValueError, OSError):
        return  # not JSON, or unreadable: the parser says so, with its line
    fetched = _fetched(document)
    if fetched is not None:
        shown = fetched if len(fetched) <= _SHOWN else fetched[:_SHOWN] + "…"
        raise UsageError(
            f"{path}: refused: the JSON-LD context {shown!r} could not be used; "
            "newskg fetches no remote or file context (put the context in the file)"
        )


def _fetched(document: object) -> str | None:
    """The first context the document would have fetched (a `@context` string or an `@import`), else None.
    The contents of `@value` (a JSON literal) are data, not contexts."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@import":
                    return str(value)
                if key == "@context":
                    named = [c for c in (value if isinstance(value, list) else [value]) if isinstance(c, str)]
                    if named:
                        return named[0]
                if key != "@value":
                    stack.append(value)
    return None
