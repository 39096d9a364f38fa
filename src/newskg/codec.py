"""Resolved facts as JSON and back, by the declared types of the model's frozen dataclasses: reading can
only ever build those dataclasses from plain values, never run code (unlike pickle).

A dataclass is written as the list of its fields in declared order, a tuple as a list, a dict as a list
of [key, value] pairs, a Decimal as its text and a date as ISO 8601. Reading checks every value against
its field's declared type and rejects anything else (a missing or extra field, a string for a number, a
true for a count) with a CodecError.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any, Union, get_args, get_origin, get_type_hints

from newskg.model import ResolvedArticle

Decoder = Callable[[Any], Any]
_DECIMAL_DIGITS = 1_000_000  # the most digits a decimal's whole or fraction part is read with


class CodecError(ValueError):
    """A text that is not an entry of resolved facts as `dumps` writes them."""


def dumps(resolved: ResolvedArticle) -> bytes:
    """The resolved facts as one line of JSON (UTF-8; lone surrogates kept, as article texts may hold them)."""
    text = json.dumps(resolved, default=_plain, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return text.encode("utf-8", "surrogatepass")


def loads(data: bytes) -> ResolvedArticle:
    """The resolved facts `dumps` wrote; a CodecError for anything else."""
    try:
        value = json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError) as error:
        raise CodecError(f"not JSON ({error})") from error
    found: ResolvedArticle = _decoder(ResolvedArticle)(value)
    return found


def _plain(value: object) -> object:
    """What json writes for a value it has no form for: a dataclass as its fields, a Decimal, a date."""
    kind = type(value)
    if dataclasses.is_dataclass(kind):
        return _fields_of(kind)(value)
    if kind is Decimal:
        return str(value)
    if kind is date:
        return value.isoformat()  # type: ignore[attr-defined]
    raise TypeError(f"{kind.__name__} has no JSON form in the cache")


@cache
def _fields_of(kind: type) -> Callable[[object], list[object]]:
    names = [item.name for item in dataclasses.fields(kind)]
    pairs = [i for i, name in enumerate(names) if get_origin(get_type_hints(kind)[name]) is dict]
    getter = attrgetter(*names) if len(names) > 1 else (lambda value: (getattr(value, names[0]),))

    def fields(value: object) -> list[object]:
        found = list(getter(value))
        for i in pairs:
            found[i] = list(found[i].items())
        return found

    return fields


@cache
def _decoder(kind: Any) -> Decoder:
    """A function reading a plain JSON value back as `kind`, rejecting any value that is not one."""
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _dataclass(kind)
    origin, arguments = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType) and len(arguments) == 2 and type(None) in arguments:
        return _optional(_decoder(next(a for a in arguments if a is not type(None))))
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _many(_decoder(arguments[0]))
    if origin is tuple:
        return _fixed(tuple(_decoder(argument) for argument in arguments))
    if origin is dict:
        return _pairs(_decoder(arguments[0]), _decoder(arguments[1]))
    if kind in _SCALARS:
        return _SCALARS[kind]
    raise TypeError(f"no JSON form for {kind!r}")


def _dataclass(kind: type) -> Decoder:
    """Read a dataclass from the list of its fields: the plain ones (a str, an int, a bool) checked by their
    types at once, the others each read by its own decoder, in place."""
    hints = get_type_hints(kind)
    names = [item.name for item in dataclasses.fields(kind)]
    size = len(names)
    plain = [(i, hints[name]) for i, name in enumerate(names) if hints[name] in (str, int, bool)]
    typed = [(i, _decoder(hints[name])) for i, name in enumerate(names) if hints[name] not in (str, int, bool)]
    positions = [i for i, _ in plain] * 2  # twice, so that itemgetter always gives a tuple
    types_of = itemgetter(*positions) if plain else (lambda found: ())
    plain_types = tuple(t for _, t in plain) * 2

    def read(value: Any) -> Any:
        if type(value) is not list or len(value) != size:
            raise CodecError(f"{kind.__name__}: expected a list of {size} fields")
        if types_of(tuple(map(type, value))) != plain_types:
            raise CodecError(f"{kind.__name__}: a field of the wrong type")
        for i, decode in typed:
            value[i] = decode(value[i])
        return kind(*value)

    return read


def _optional(decode: Decoder) -> Decoder:
    return lambda value: None if value is None else decode(value)


def _many(decode: Decoder) -> Decoder:
    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise CodecError("expected a list")
        return tuple([decode(item) for item in value])

    return read


def _fixed(decoders: tuple[Decoder, ...]) -> Decoder:
    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(decoders):
            raise CodecError(f"expected a list of {len(decoders)}")
        return tuple([decode(item) for decode, item in zip(decoders, value, strict=True)])

    return read


def _pairs(key: Decoder, value: Decoder) -> Decoder:
    pair = _fixed((key, value))

    def read(found: Any) -> dict[Any, Any]:
        if type(found) is not list:
            raise CodecError("expected a list of pairs")
        return dict(pair(item) for item in found)

    return read


def _exactly(kind: type) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise CodecError(f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    return read


def _float(value: Any) -> float:
    if type(value) not in (float, int):
        raise CodecError(f"expected a number, found {type(value).__name__}")
    return float(value)


def _decimal(value: Any) -> Decimal:
    if type(value) is not str:
        raise CodecError(f"expected a decimal's text, found {type(value).__name__}")
    try:
        found = Decimal(value)
    except InvalidOperation as error:
        raise CodecError(f"not a decimal: {value[:40]!r}") from error
    if not found.is_finite():  # a NaN raises wherever it is ordered; no infinity is an xsd:decimal
        raise CodecError(f"not a finite decimal: {value[:40]!r}")
    if abs(found.adjusted()) > _DECIMAL_DIGITS:  # written out, 1E+999999999 is a billion digits
        raise CodecError(f"a decimal of more than {_DECIMAL_DIGITS:,} digits: {value[:40]!r}")
    return found


def _date(value: Any) -> date:
    if type(value) is not str:
        raise CodecError(f"expected a date's text, found {type(value).__name__}")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CodecError(f"not a date: {value[:40]!r}") from error


_SCALARS: dict[Any, Decoder] = {
    str: _exactly(str),
    int: _exactly(int),
    bool: _exactly(bool),
    float: _float,
    Decimal: _decimal,
    date: _date,
}
