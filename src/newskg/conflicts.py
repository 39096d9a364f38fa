"""Conflicting figures: two quantities that cannot both be true.

Two figures conflict when they describe the same kind of event, the same thing
(or unit, or currency), the same actors (where both name them) and the same stated period, and their
values disagree: exact figures that differ, or a hedged figure ("more than 18")
more than a factor of two from the other. Figures without a stated period are
never compared: two undated counts may well be two different incidents.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import combinations

from newskg.model import Event, Quantity, ResolvedArticle

HEDGE_FACTOR = Decimal(2)


def with_conflicts(resolved: ResolvedArticle) -> ResolvedArticle:
    """The article with every conflicting pair of its figures recorded."""
    figures = [(event, quantity) for event in resolved.extraction.events for quantity in event.quantities]
    pairs = [
        (first[1].span, second[1].span)
        for first, second in combinations(figures, 2)
        if _same_measure(resolved, first, second) and _disagree(first[1], second[1])
    ]
    return replace(resolved, conflicts=tuple(pairs))


def _key(event: Event, quantity: Quantity) -> tuple | None:
    if event.time is None or event.negated or quantity.kind == "duration":
        return None
    measure = quantity.currency or quantity.unit_code or quantity.unit_text
    return (event.event_type, measure, event.time.point, event.time.begin, event.time.end)


def _same_measure(resolved: ResolvedArticle, first: tuple[Event, Quantity], second: tuple[Event, Quantity]) -> bool:
    """Same event type, thing and period, and the same actors where both name them."""
    key = _key(*first)
    if key is None or key != _key(*second):
        return False
    actors = [{resolved.entity_at(span) for span in event.actors} - {None} for event, _ in (first, second)]
    return not actors[0] or not actors[1] or actors[0] == actors[1]


def _disagree(first: Quantity, second: Quantity) -> bool:
    low, high = sorted((first.value, second.value))
    if low == high:
        return False
    if not (first.approximate or second.approximate):
        return True
    return low <= 0 or high / low > HEDGE_FACTOR


def describe(resolved: ResolvedArticle) -> list[str]:
    """One warning line per conflicting pair."""
    article = resolved.extraction.article
    return [f"{article.id}: conflicting figures {a.text!r} and {b.text!r}" for a, b in resolved.conflicts]
