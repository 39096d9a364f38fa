"""Conflicting figures: same event type, thing, actors and period, values that cannot both hold."""

import pytest

from newskg.limits import DEFAULT
from newskg.resolve.conflicts import NAMED_IN_WARNINGS, describe, with_conflicts
from newskg.result import WarningKind

KEPT = DEFAULT.kept_conflicts


@pytest.mark.parametrize(
    ("text", "conflicting"),
    [
        (
            "From March 1, 2020, to May 5, 2021, the agency cleared 18,302 hectares. "
            "It cleared more than 18 hectares over the said period.",
            True,
        ),
        (
            "From March 1, 2020, to May 5, 2021, the agency cleared 18,302 hectares. "
            "It cleared more than 18,000 hectares over the said period.",
            False,
        ),
        ("The agency cleared 300 hectares in 2019. It cleared 250 hectares in 2020.", False),
        ("The agency cleared 300 hectares. It cleared 250 hectares.", False),
    ],
)
def test_conflicting_figures(analyse, text: str, conflicting: bool) -> None:
    resolved = with_conflicts(analyse(text), KEPT)
    assert bool(resolved.conflicts) is conflicting
    if conflicting:
        assert describe(resolved) == ["test: conflicting figures '18,302 hectares' and 'more than 18 hectares'"]


def test_conflicts_are_linked_in_the_graph(seed_build) -> None:
    from rdflib.namespace import RDF, SDO

    from newskg.rdf.dataset import union
    from newskg.rdf.namespaces import NKG

    graph = union(seed_build.dataset)
    pairs = {
        (str(graph.value(a, SDO.value)), str(graph.value(b, SDO.value)))
        for a, b in graph.subject_objects(NKG.conflictsWith)
    }
    assert pairs == {("18", "18302"), ("18302", "18")}
    assert all((a, RDF.type, SDO.QuantitativeValue) in graph for a, _ in graph.subject_objects(NKG.conflictsWith))
    assert any(w.kind is WarningKind.CONFLICT and "conflicting figures" in w.text for w in seed_build.warnings)


def test_an_article_of_many_alike_figures_keeps_and_tells_a_bounded_number_of_pairs(analyse) -> None:
    text = " ".join(f"On 3 May 2021 the agency cleared {n} mines." for n in range(1, 40))
    resolved = with_conflicts(analyse(text), KEPT)
    assert len(resolved.conflicts) == KEPT
    lines = describe(resolved)
    assert len(lines) == NAMED_IN_WARNINGS + 1
    assert lines[-1] == (
        f"test: {KEPT - NAMED_IN_WARNINGS} more pairs of conflicting figures, linked by nkg:conflictsWith in the graph "
        f"(only the first {KEPT} pairs are kept)"
    )


def test_exactly_as_many_pairs_as_are_kept_are_not_said_to_be_cut(analyse) -> None:
    text = " ".join(f"On 3 May 2021 the agency cleared {n} mines." for n in range(1, 40))
    resolved = with_conflicts(analyse(text), 741)  # 39 figures alike: 39 * 38 / 2 pairs
    assert len(resolved.conflicts) == 741 and not resolved.more_conflicts
    assert describe(resolved)[-1].endswith("linked by nkg:conflictsWith in the graph")
