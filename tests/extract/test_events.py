"""Events from short sentences: types from the lexicon, arguments, dates, phases, coreference."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from newskg.model import Event, ResolvedArticle


def events(analyse: Callable[..., ResolvedArticle], text: str, published: date | None = None) -> list[Event]:
    return list(analyse(text, published=published).extraction.events)


def labels(resolved: ResolvedArticle, spans) -> set[str]:
    names = {e.key: e.label for e in resolved.entities}
    return {names[key] for key in (resolved.entity_at(s) for s in spans) if key}


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Sappers defused 40 mines near the village.", "Clearance"),
        ("Two deminers were killed on Monday.", "Casualty"),
        ("The two sides signed a ceasefire agreement in Geneva.", "Agreement"),
        ("The army handed over 15 prisoners.", "Handover"),
        ("China donated $4 million to the programme.", "Funding"),
        ("The centre trained 30 new deminers.", "Training"),
        ("The ministers will meet in Paris next week.", "Meeting"),
    ],
)
def test_event_types_come_from_the_lexicon(analyse, text: str, event_type: str) -> None:
    assert event_type in {e.event_type for e in events(analyse, text, date(2020, 5, 5))}


def test_actors_places_time_and_quantities(analyse) -> None:
    text = "On June 12, Georgia handed over 15 prisoners to Armenia in Tbilisi."
    resolved = analyse(text, published=date(2021, 9, 1))
    (event,) = [e for e in resolved.extraction.events if e.event_type == "Handover"]
    assert labels(resolved, event.actors) == {"Georgia", "Armenia"}
    assert labels(resolved, event.places) == {"Tbilisi"}
    assert event.time is not None and event.time.point == "2021-06-12"
    assert [q.value for q in event.quantities] == [15]


def test_a_span_of_dates(analyse) -> None:
    (event,) = events(analyse, "Deminers cleared 300 hectares from March 1, 2020, to May 5, 2021.")
    assert event.time is not None and (event.time.begin, event.time.end) == ("2020-03-01", "2021-05-05")


def test_phase_words_give_begin_and_end_to_the_event_they_speak_of(analyse) -> None:
    text = "The rebels resumed the war on March 3, 2015. The war ended on June 1, 2016."
    resolved = analyse(text)
    (war,) = [e for e in resolved.extraction.events if e.event_type == "Attack"]
    assert war.time is not None and (war.time.begin, war.time.end) == ("2015-03-03", "2016-06-01")
    assert all(e.label not in ("resume", "end") for e in resolved.extraction.events)


def test_a_clause_with_a_figure_but_no_trigger_is_an_occurrence(analyse) -> None:
    (event,) = events(analyse, "The accuracy of the maps is only 25 percent.")
    assert event.event_type == "Occurrence" and [q.value for q in event.quantities] == [25]


def test_negation_and_modality(analyse) -> None:
    (negated,) = [e for e in events(analyse, "No deminers were killed in the blast.") if e.event_type == "Casualty"]
    assert negated.negated
    (planned,) = [e for e in events(analyse, "The agency will clear 500 hectares.") if e.event_type == "Clearance"]
    assert planned.modality == "planned"


def test_a_denied_event_is_negated(analyse) -> None:
    found = events(analyse, "The ministry denied that troops attacked the village on May 2, 2020.")
    (attack,) = [e for e in found if e.event_type == "Attack"]
    assert attack.negated


def test_two_interviews_with_their_own_parties_stay_apart(analyse) -> None:
    text = (
        "Maria Lopez said in an interview with the Daily Planet that work was slow. "
        "In his interview to Radio Free Europe on May 3, 2021, President Ivan Petrov said that work was fast."
    )
    interviews = [e for e in events(analyse, text) if e.event_type == "Interview"]
    assert len(interviews) == 2


def test_plans_are_not_things_that_happened(analyse) -> None:
    (event,) = [e for e in events(analyse, "The agency plans to clear 500 hectares.") if e.event_type == "Clearance"]
    assert event.modality == "planned" and not event.negated


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sappers defused 40 mines and shells near the village on May 2, 2020.", "defused 40 mines and shells"),
        ("The two sides signed a ceasefire on May 2, 2020.", "signed ceasefire"),
        ("The clinic's budget was $3 million in 2019.", "clinic's budget was $3 million"),
        ("Officials said 230 people were hurt on May 2, 2020, including 37 children.", "including 37 children"),
    ],
)
def test_an_event_label_says_what_happened(analyse, text: str, label: str) -> None:
    assert label in {e.label for e in events(analyse, text, date(2020, 5, 5))}


def test_no_event_is_labelled_by_a_bare_light_verb(analyse) -> None:
    text = "The total was 3,700 in 2019. The plan includes 12 new schools from 2021. Sales came to $5 million in May."
    found = {e.label for e in events(analyse, text, date(2021, 9, 1))}
    assert found and not found & {"be", "was", "include", "includes", "come", "came"}


def test_a_dateline_or_a_headline_is_not_an_event(analyse) -> None:
    text = "Wed, 17 June 2015\n\nFloods Hit Northern Towns as Rivers Rise in June\n\nRain fell for a week."
    assert events(analyse, text, date(2015, 6, 17)) == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The centre launched a new demining project on March 9, 2023.", "Meeting"),
        ("The rebels launched 20 rockets at the town on March 9, 2023.", "Attack"),
        ("The army released nine hostages on March 9, 2023.", "Exchange"),
        ("Deminers released 40 hectares of land in March 2023.", "Clearance"),
    ],
)
def test_an_ambiguous_verb_takes_its_type_from_its_object(analyse, text: str, event_type: str) -> None:
    assert [e.event_type for e in events(analyse, text, date(2023, 5, 5))] == [event_type]


def test_a_plan_the_text_says_did_not_come_true_is_planned_and_negated(analyse) -> None:
    text = "There was a national plan for the country to become free of mines by 2019, but that did not happen."
    (event,) = events(analyse, text, date(2021, 5, 5))
    assert (event.modality, event.negated) == ("planned", True)
    text = "The firm planned to launch the satellite on May 2, 2014, but delayed the flight."
    (event,) = events(analyse, text, date(2021, 5, 5))
    assert (event.modality, event.negated) == ("planned", True)


def test_a_plan_alone_is_planned_not_negated(analyse) -> None:
    (event,) = events(analyse, "The government aimed to clear all fields by 2020.", date(2019, 5, 5))
    assert (event.modality, event.negated) == ("planned", False)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The agency launched its Japan-funded clearance project in Laos on March 9, 2023.", "Laos"),
        ("NAIROBI - Deminers cleared 370 hectares in Somalia on March 9, 2023.", "Somalia"),
        ("Norway's demining programme cleared 40 fields in Angola in May 2020.", "Angola"),
    ],
)
def test_the_place_is_where_it_happened_not_a_funder_owner_or_dateline(analyse, text: str, place: str) -> None:
    resolved = analyse(text, published=date(2023, 5, 5))
    found = [labels(resolved, e.places) for e in resolved.extraction.events if e.places]
    assert found == [{place}]


@pytest.mark.parametrize(
    "text",
    [
        "OSLO, March 3 (NTB) - The two parties signed a coalition deal on Thursday.",
        "Tromso, March 3 (NTB)-- The two parties signed a coalition deal on Thursday.",
    ],
)
def test_a_datelines_date_and_place_are_not_the_events(analyse, text: str) -> None:
    resolved = analyse(text, published=date(2022, 3, 3))
    (event,) = resolved.extraction.events
    assert event.event_type == "Agreement" and event.time is not None and event.time.point == "2022-03-03"
    assert not event.places


def test_a_datelines_date_dates_the_main_event_when_it_has_none(analyse) -> None:
    (event,) = events(analyse, "BERGEN, May 9 (AP) - Rebels freed 12 hostages.", date(2022, 5, 10))
    assert event.time is not None and event.time.point == "2022-05-09"


def test_where_the_money_came_from_is_not_where_the_event_was(analyse) -> None:
    text = "With money from Norway, the charity built a clinic in Herat on May 2, 2021."
    resolved = analyse(text)
    (event,) = [e for e in resolved.extraction.events if e.time is not None]
    assert labels(resolved, event.places) == {"Herat"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The firm had hoped to open the mill in 2020.", "open"),
        ("The ferry line was supposed to open in 2019.", "open"),
        ("The tunnel was due to open in 2019.", "open"),
    ],
)
def test_a_hoped_or_due_event_is_planned_not_asserted(analyse, text: str, word: str) -> None:
    (event,) = [e for e in events(analyse, text) if word in e.label]
    assert event.modality == "planned" and not event.negated


@pytest.mark.parametrize(
    "text", ["The troops failed to retake the port in March 2020.", "The rebels refused to sign the accord in 2020."]
)
def test_an_event_that_failed_or_was_refused_is_negated(analyse, text: str) -> None:
    found = [e for e in events(analyse, text) if e.time is not None]
    assert found and all(e.negated for e in found)


@pytest.mark.parametrize(
    ("text", "figure", "when"),
    [
        (
            "The firm reported a 40 million dollar profit on Wednesday, up from a 9 million dollar loss in 2019.",
            9000000,
            "2019",
        ),
        ("Unemployment in March was 7.2%, down slightly from 8.1% in February.", Decimal("8.1"), "2021-02"),
    ],
)
def test_a_second_date_in_a_clause_dates_the_figure_it_goes_with(analyse, text, figure, when) -> None:
    found = events(analyse, text, date(2021, 4, 9))
    (event,) = [e for e in found if [q.value for q in e.quantities] == [figure]]
    assert event.time is not None and event.time.point == when
    assert all(e.time is not None and e.time.point != when for e in found if e is not event)


def test_an_event_noun_that_is_the_object_of_its_own_verb_is_one_event(analyse) -> None:
    (event,) = events(analyse, "Norway donated a 3 million dollar grant to the clinic in 2020.")
    assert event.event_type == "Funding" and event.time is not None and event.time.point == "2020"
    assert [q.value for q in event.quantities] == [3000000]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Twelve carriages of the train derailed on May 2, 2020.", "twelve carriages of train derailed"),
        ("The talks, which collapsed on May 2, 2020, were the third round.", "talks collapsed"),
        ("The deficit is expected to be lower in 2021.", "deficit be lower"),
    ],
)
def test_a_verb_without_an_object_is_labelled_with_what_it_is_said_of(analyse, text: str, label: str) -> None:
    assert label in {e.label for e in events(analyse, text, date(2020, 5, 5))}


@pytest.mark.parametrize(
    ("text", "event_type", "label"),
    [
        ("The two firms struck a deal on May 2, 2020.", "Agreement", "struck deal"),
        ("The rebels carried out an attack on the town on May 2, 2020.", "Attack", "carried attack on town"),
    ],
)
def test_a_verb_acting_on_an_event_noun_is_that_event(analyse, text: str, event_type: str, label: str) -> None:
    (event,) = events(analyse, text)
    assert (event.event_type, event.label) == (event_type, label)
    assert event.time is not None and event.time.point == "2020-05-02"


def test_a_threat_is_not_asserted(analyse) -> None:
    (event,) = events(analyse, "The president threatened to close the border on May 2, 2020.")
    assert event.modality == "planned"


def test_a_place_tagged_without_its_head_word_is_still_where(analyse) -> None:
    resolved = analyse("Deminers cleared 300 hectares in Balkh province on May 2, 2020.")
    (event,) = resolved.extraction.events
    assert labels(resolved, event.places) == {"Balkh"}
