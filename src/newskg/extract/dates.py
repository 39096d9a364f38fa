"""Time expressions in news text, resolved to ISO dates at the precision written.

Explicit dates keep their precision (day, month, year). A month and day without
a year take the year that puts them nearest before the reference date: the
publication date or, when there is none, the latest fully dated day in the
article (the convention HeidelTime uses for news). Relative words ("yesterday",
"last year", "Monday") are resolved against the same reference. Spans ("from X
to Y", "between X and Y", "September 19-24", "1992-95", "since X") give a
begin and an end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newskg.model import Span, TimeExpr

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FUTURE_GRACE = timedelta(days=92)
_ANAPHOR = "anaphor"

_MONTH_NAMES = [name.capitalize() for name in sorted(MONTHS, key=len, reverse=True) if len(name) > 3 or name == "may"]
_MONTH_ABBREVIATIONS = [f"{name.capitalize()}\\.?" for name in MONTHS if len(name) <= 4 and name != "may"]
_MONTH = rf"(?P<month>{'|'.join(_MONTH_NAMES + _MONTH_ABBREVIATIONS)})"
_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)
_YEAR_PREPOSITIONS = (
    "in|In|since|Since|by|By|until|till|before|after|from|From|to|during|through|throughout|early|late|mid"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PATTERNS = [
    ("iso", rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("mdd", rf"\b{_MONTH} {_DAY}\s?[-–]\s?{_DAY2}(?:,? {_YEAR})?\b"),
    ("ddm", rf"\b{_DAY}\s?[-–]\s?{_DAY2} {_MONTH}(?:,? {_YEAR})?\b"),
    ("mdy", rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),
    ("dmy", rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),
    ("my", rf"\b(?:(?:early|mid|late|end of|beginning of|the end of)[- ])?{_MONTH},? {_YEAR}\b"),
    ("mdrel", rf"\b{_MONTH} {_DAY},? (?P<rel>last|this|next) year\b"),
    ("dmrel", rf"\b{_DAY} {_MONTH},? (?P<rel>last|this|next) year\b"),
    ("mrel", rf"\b{_MONTH},? (?P<rel>last|this|next) year\b"),
    (
        "ago",
        r"\b(?P<rel>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?:year|month|week|day)s? ago"
        r"(?: today)?)\b",
    ),
    ("md", rf"\b{_MONTH} {_DAY}\b(?![,.]?\d)"),
    ("dm", rf"\b{_DAY} {_MONTH}\b"),
    ("yy", r"\b(?P<year>(?:1[89]|20)\d\d)\s?[-–/]\s?(?P<year2>\d{4}|\d\d)\b"),
    ("season", rf"\b(?:spring|summer|autumn|fall|winter) (?:of )?{_YEAR}\b"),
    ("anaphor", r"\b(?:the|this|that) (?:said |same |reported |above )?period\b"),
    ("py", rf"\b(?:{_YEAR_PREPOSITIONS}|end of) {_YEAR}\b(?![-–]\d)"),
    ("pm", rf"\b(?:{_YEAR_PREPOSITIONS}|end of)[- ]{_MONTH}\b(?![,.]? ?\d)"),
    (
        "rel",
        rf"\b(?P<rel>today|yesterday|tomorrow|last night|(?:this|last|next|past) (?:year|month|week)"
        rf"|(?:this|last|next) (?:{_WEEKDAY})|(?:on )?(?:{_WEEKDAY}))\b",
    ),
]
# Kinds whose pattern opens (after its `\b`) with a month's name, a year or one of a few words: Python's `re` finds
# where such an opening stands far faster than it tries `\b` at every character, so `_matches` looks for the
# opening first. Only the speed depends on this list: `_matches` finds what `finditer` finds for any pattern.
_OPENED_BY_WORDS = {"iso", "mdd", "mdy", "mdrel", "mrel", "md", "yy", "season", "anaphor"}
_COMPILED = [
    (kind, re.compile(pattern), re.compile(pattern.removeprefix(r"\b")) if kind in _OPENED_BY_WORDS else None)
    for kind, pattern in _PATTERNS
]
_SPAN_BEFORE = re.compile(r"\b(from|between|since|starting|starting from|beginning|as of)\s+(?:on\s+)?$", re.IGNORECASE)
_SPAN_BETWEEN = re.compile(r"^[^.;!?]{0,80}?\b(to|until|till|through|and)\s+(?:on\s+)?$|^\s*[-–]\s*$", re.IGNORECASE)
_FIGURE_FROM = re.compile(r"\bfrom\s+[\d.,]+(?:\s+[a-z]+)?\s+(?:on|in)\s+$", re.IGNORECASE)
_FIGURE_TO = re.compile(r"^\s*to\s+[\d.,]+(?:\s+[a-z]+)?\s+(?:on\s+|in\s+)?$", re.IGNORECASE)
_END_BEFORE = re.compile(r"\b(until|till|up to)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None
    day2: int | None = None
    rel: str | None = None


def find_times(text: str, published: date | None) -> list[TimeExpr]:
    """Every time expression in `text`, resolved, with spans joined into begin/end."""
    return _times(text, published, list(_scan(text)))


def times_and_days(text: str, published: date | None) -> tuple[list[TimeExpr], list[Span]]:
    """`find_times` of `text`, and every day written with its month ("29 February 2021", "February 30"),
    a real date or not, which is never a figure: both from one scan of the text (the patterns are its cost)."""
    raws = list(_scan(text))
    days = [Span(raw.start, raw.end, text[raw.start : raw.end]) for raw in raws if raw.day and raw.month]
    return _times(text, published, raws), days


def _times(text: str, published: date | None, raws: list[_Raw]) -> list[TimeExpr]:
    """The time expressions of the matches scanned in `text`, resolved, with spans joined into begin/end."""
    chosen = _non_overlapping(raws)
    reference, grace = _reference(chosen, published)
    resolved = [_resolve(raw, text, reference, grace, published) for raw in chosen]
    return _refer_back(_join_spans(text, [expr for expr in resolved if expr is not None]))


def _scan(text: str):
    for kind, pattern, opening in _COMPILED:
        for match in pattern.finditer(text) if opening is None else _matches(pattern, opening, text):
            yield _raw_of(kind, match)


def _matches(pattern: re.Pattern[str], opening: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, found through `opening`, the pattern less its leading `\\b`: it matches
    wherever the pattern does, so each place it is found at is tried for the pattern, in the text's order, and the
    next search starts where finditer's would."""
    at = 0
    while (found := opening.search(text, at)) is not None:
        match = pattern.match(text, found.start())
        if match is None:
            at = found.start() + 1
            continue
        yield match
        at = max(match.end(), match.start() + 1)


def _raw_of(kind: str, match: re.Match) -> _Raw:
    groups = match.groupdict()
    month = groups.get("month")
    year2 = groups.get("year2")
    year = int(groups["year"]) if groups.get("year") else None
    if year2 and len(year2) == 2 and year is not None:
        year2 = str(year // 100 * 100 + int(year2))
    return _Raw(
        start=match.start("year") if kind == "py" else match.start("month") if kind == "pm" else match.start(),
        end=match.end(),
        kind=kind,
        year=year,
        month=MONTHS[month.lower().rstrip(".")] if month else (int(groups["mnum"]) if groups.get("mnum") else None),
        day=int(groups["day"]) if groups.get("day") else None,
        day2=int(groups["day2"]) if groups.get("day2") else None,
        year2=int(year2) if year2 else None,
        rel=groups.get("rel"),
    )


def _non_overlapping(raws: list[_Raw]) -> list[_Raw]:
    chosen: list[_Raw] = []
    for raw in sorted(raws, key=lambda r: (-(r.end - r.start), r.start)):
        if all(raw.end <= other.start or raw.start >= other.end for other in chosen):
            chosen.append(raw)
    return sorted(chosen, key=lambda r: r.start)


def _valid(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def _reference(raws: list[_Raw], published: date | None) -> tuple[date | None, timedelta]:
    """The publication date, else the latest fully written day in the text (no grace after it)."""
    if published is not None:
        return published, FUTURE_GRACE
    full = [d for raw in raws if raw.year and (d := _valid(raw.year, raw.month, raw.day))]
    return (max(full), timedelta(0)) if full else (None, timedelta(0))


def _year_for(month: int, day: int, reference: date | None, grace: timedelta) -> int | None:
    if reference is None:
        return None
    candidate = _valid(reference.year, month, day)
    if candidate is None:
        return None
    return reference.year if candidate <= reference + grace else reference.year - 1


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _refer_back(exprs: list[TimeExpr]) -> list[TimeExpr]:
    """ "over the said period": the span most recently written out before it."""
    resolved: list[TimeExpr] = []
    for expr in exprs:
        if expr.point == _ANAPHOR:
            previous = next((e for e in reversed(resolved) if e.begin and e.end), None)
            if previous is not None:
                resolved.append(replace(expr, point=None, begin=previous.begin, end=previous.end))
            continue
        resolved.append(expr)
    return resolved


def _resolve(raw: _Raw, text: str, reference: date | None, grace: timedelta, published: date | None) -> TimeExpr | None:
    span = Span(raw.start, raw.end, text[raw.start : raw.end])
    if raw.kind == "anaphor":
        return TimeExpr(span, point=_ANAPHOR)
    if raw.kind == "rel":
        return _relative(span, raw.rel or "", published or reference)
    if raw.kind == "ago":
        return _ago(span, raw.rel or "", published or reference)
    if raw.kind in ("mdrel", "dmrel", "mrel"):
        base = published or reference
        if base is None or raw.month is None:
            return None
        point = _iso(base.year + _STEPS[raw.rel or "this"], raw.month, raw.day)
        return TimeExpr(span, point=point) if point else None
    if raw.kind == "yy":
        if raw.year is None or raw.year2 is None or not raw.year < raw.year2 <= raw.year + 30:
            return None
        return TimeExpr(span, begin=_iso(raw.year), end=_iso(raw.year2))
    year = raw.year
    if year is None and raw.month:
        year = _year_for(raw.month, raw.day or 1, reference, grace)
    if year is None:
        return None
    if raw.day2 is not None and raw.day is not None:
        begin, end = _iso(year, raw.month, raw.day), _iso(year, raw.month, raw.day2)
        return TimeExpr(span, begin=begin, end=end) if begin and end and raw.day < raw.day2 else None
    point = _iso(year, raw.month, raw.day)
    return TimeExpr(span, point=point) if point else None


_STEPS = {"this": 0, "last": -1, "next": 1}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNTS |= {"nine": 9, "ten": 10}


def _ago(span: Span, words: str, reference: date | None) -> TimeExpr | None:
    """ "two years ago" (that year), "three months ago" and "two weeks ago" (that month), "three days ago" and
    "one year ago today" (that day): counted back from the news, no more precise than the words."""
    if reference is None:
        return None
    count_word, unit = words.lower().split()[:2]
    count = int(count_word) if count_word.isdigit() else _COUNTS[count_word]
    unit = unit.rstrip("s")
    if unit == "day":
        return TimeExpr(span, point=(reference - timedelta(days=count)).isoformat())
    if unit == "week":
        back = reference - timedelta(days=7 * count)
        return TimeExpr(span, point=back.isoformat() if words.endswith("today") else _iso(back.year, back.month))
    months = reference.year * 12 + reference.month - 1 - (count * 12 if unit == "year" else count)
    year, month = months // 12, months % 12 + 1
    if words.endswith("today"):
        day = _valid(year, month, reference.day)
        return TimeExpr(span, point=day.isoformat()) if day else None
    return TimeExpr(span, point=_iso(year) if unit == "year" else _iso(year, month))


def _relative(span: Span, words: str, reference: date | None) -> TimeExpr | None:
    if reference is None:
        return None
    words = words.lower().removeprefix("on ")
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}
    if words in offsets:
        return TimeExpr(span, point=(reference + timedelta(days=offsets[words])).isoformat())
    if words.split()[-1] in WEEKDAYS:
        target = WEEKDAYS.index(words.split()[-1])
        back = (reference.weekday() - target) % 7
        if words.startswith("next"):
            return TimeExpr(
                span, point=(reference + timedelta(days=(target - reference.weekday()) % 7 or 7)).isoformat()
            )
        if words.startswith("last") and back == 0:
            back = 7
        return TimeExpr(span, point=(reference - timedelta(days=back)).isoformat())
    which, unit = words.split()
    if which == "past":
        days = {"year": 365, "month": 30, "week": 7}[unit]
        return TimeExpr(span, begin=(reference - timedelta(days=days)).isoformat(), end=reference.isoformat())
    step = {"this": 0, "last": -1, "next": 1}[which]
    if unit == "year":
        return TimeExpr(span, point=_iso(reference.year + step))
    if unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        return TimeExpr(span, point=_iso(month_index // 12, month_index % 12 + 1))
    start = reference + timedelta(days=7 * step) if step else reference
    return TimeExpr(
        span,
        begin=(start - timedelta(days=start.weekday())).isoformat(),
        end=(start - timedelta(days=start.weekday()) + timedelta(days=6)).isoformat(),
    )


def _pairs(text: str, first: TimeExpr, second: TimeExpr, opened: bool) -> bool:
    """ "from X to Y", "between X and Y", "X - Y": two points that are one span's ends."""
    between = text[first.span.end : second.span.start]
    if not (first.point and second.point and _SPAN_BETWEEN.match(between)):
        return False
    return opened or between.strip() in ("-", "–")


def _figure_pair(text: str, first: TimeExpr, second: TimeExpr) -> bool:
    """ "from 2,100 on 4 May to 5,600 last night": the dates of a figure's two ends, a begin and an end kept
    apart so the figures between them stay figures."""
    before = text[max(0, first.span.start - 40) : first.span.start]
    between = text[first.span.end : second.span.start]
    return bool(first.point and second.point and _FIGURE_FROM.search(before) and _FIGURE_TO.match(between))


def _join_spans(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Join "from X to Y" / "between X and Y" pairs; mark "since X" as a begin, "until X" as an end, and the
    dates of "from N on X to M on Y" as a begin and an end."""
    joined: list[TimeExpr] = []
    index = 0
    while index < len(exprs):
        expr = exprs[index]
        before = text[max(0, expr.span.start - 25) : expr.span.start]
        following = exprs[index + 1] if index + 1 < len(exprs) else None
        opener = _SPAN_BEFORE.search(before)
        if following is not None and _pairs(text, expr, following, opener is not None):
            span = Span(expr.span.start, following.span.end, text[expr.span.start : following.span.end])
            joined.append(TimeExpr(span, begin=expr.point, end=following.point))
            index += 2
            continue
        if following is not None and _figure_pair(text, expr, following):
            joined += [replace(expr, point=None, begin=expr.point), replace(following, point=None, end=following.point)]
            index += 2
            continue
        if opener and opener[1].lower() != "between" and expr.point:
            expr = replace(expr, point=None, begin=expr.point)
        elif _END_BEFORE.search(before) and expr.point:
            expr = replace(expr, point=None, end=expr.point)
        joined.append(expr)
        index += 1
    return joined
