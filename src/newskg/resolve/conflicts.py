"""Conflicting figures: two quantities that cannot both be true.

Two figures conflict when they describe the same kind of event, the same thing
(or unit, or currency), the same actors (where both name them) and the same stated period, and their
values disagree: exact figures that differ, or a hedged figure ("more than 18")
more than a factor of two from the other. Figures without a stated period are
never compared: two undated counts may well be two different incidents.

Pairs grow as the square of the figures alike, so a long article that strings many
reports together could have millions: an article keeps its first `Limits.kept_conflicts` pairs, and
its warnings name the first `NAMED_IN_WARNINGS` of them and count the rest.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import combinations, islice

from newskg.model import Event, Quantity, ResolvedArticle

HEDGE_FACTOR = Decimal(2)
NAMED_IN_WARNINGS = 10  # of the pairs kept, those named in a warning line each


def with_conflicts(resolved: ResolvedArticle, kept: int) -> ResolvedArticle:
    """The article with the first `kept` conflicting pairs of its figures recorded (and whether there are more).

    Figures are grouped by what they measure and when; only figures of different events
    are compared (one event's list of figures is an enumeration, not rival claims).
    """
    groups: dict[tuple, list[tuple[Event, Quantity]]] = {}
    for event in resolved.extraction.events:
        for quantity in event.quantities:
            key = _key(event, quantity)
            if key is not None:
                groups.setdefault(key, []).append((event, quantity))
    pairs = (
        (first[1].span, second[1].span)
        for members in groups.values()
        for first, second in combinations(members, 2)
        if first[0] is not second[0] and _same_actors(resolved, first[0], second[0]) and _disagree(first[1], second[1])
    )
    found = tuple(islice(pairs, kept + 1))
    return replace(resolved, conflicts=found[:kept], more_conflicts=len(found) > kept)


def _key(event: Event, quantity: Quantity) -> tuple | None:
    if event.time is None or event.negated or quantity.kind == "duration":
        return None
    measure = quantity.currency or quantity.unit_code or quantity.unit_text
    return (event.event_type, measure, event.time.point, event.time.begin, event.time.end)


def _same_actors(resolved: ResolvedArticle, first: Event, second: Event) -> bool:
    """The same actors, where both events name them."""
    actors = [{resolved.entity_at(span) for span in event.actors} - {None} for event in (first, second)]
    return not actors[0] or not actors[1] or actors[0] == actors[1]


def _disagree(first: Quantity, second: Quantity) -> bool:
    low, high = sorted((first.value, second.value))
    if low == high:
        return False
    if not (first.approximate or second.approximate):
        return True
    return low <= 0 or high / low > HEDGE_FACTOR


def describe(resolved: ResolvedArticle) -> list[str]:
    """One warning line for each of the first NAMED_IN_WARNINGS conflicting pairs, and one for the rest."""
    article = resolved.extraction.article
    lines = [
        f"{article.id}: conflicting figures {a.text!r} and {b.text!r}"
        for a, b in resolved.conflicts[:NAMED_IN_WARNINGS]
    ]
    rest = len(resolved.conflicts) - NAMED_IN_WARNINGS
    if rest > 0:
        capped = f" (only the first {len(resolved.conflicts)} pairs are kept)" if resolved.more_conflicts else ""
        lines.append(
            f"{article.id}: {rest} more pairs of conflicting figures, linked by nkg:conflictsWith in the graph{capped}"
        )
    return lines
