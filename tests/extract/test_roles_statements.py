"""Roles (titles next to names, appositions) and reported speech (direct, indirect, attributed)."""

import pytest

from newskg.model import ResolvedArticle


def roles(resolved: ResolvedArticle) -> set[tuple[str, str, str | None]]:
    labels = {e.key: e.label for e in resolved.entities}
    return {
        (labels[resolved.entity_at(r.person)], r.title, labels.get(resolved.entity_at(r.org) or ""))
        for r in resolved.extraction.roles
    }


def statements(resolved: ResolvedArticle) -> list[tuple[str, str]]:
    labels = {e.key: e.label for e in resolved.entities}
    return [(labels[resolved.entity_at(s.speaker)], s.text.text) for s in resolved.extraction.statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Maria Lopez opened the bridge.", ("Maria Lopez", "President", None)),
        ("Russian Agriculture Minister Ivan Petrov spoke on Monday.", ("Ivan Petrov", "Agriculture Minister", None)),
        ("Gen. Ivan Petrov led the delegation.", ("Ivan Petrov", "general", None)),
    ],
)
def test_titles_before_names(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_apposition_with_the_organization_through_coreference(analyse) -> None:
    text = (
        "The National Demining Agency cleared fields. The chairman of the agency's board, "
        "Maria Lopez, said the work would continue."
    )
    assert ("Maria Lopez", "chairman of the board", "National Demining Agency") in roles(analyse(text))


def test_direct_quote_with_speaker_after(analyse) -> None:
    text = '"We cleared the fields before the harvest," Maria Lopez said on Monday.'
    assert statements(analyse(text)) == [("Maria Lopez", "We cleared the fields before the harvest")]


def test_quote_spanning_sentences_with_pronoun_speaker(analyse) -> None:
    text = 'Maria Lopez visited the site. "The work is slow. The rain stopped us twice," she added.'
    assert statements(analyse(text)) == [("Maria Lopez", "The work is slow. The rain stopped us twice")]


def test_indirect_speech(analyse) -> None:
    text = "Maria Lopez said that the agency will expand its work in the north."
    assert statements(analyse(text)) == [("Maria Lopez", "the agency will expand its work in the north")]


def test_according_to(analyse) -> None:
    text = "According to the World Health Organization, 41 civilians were among the dead."
    (speaker, quote) = statements(analyse(text))[0]
    assert speaker == "World Health Organization" and "41 civilians" in quote


def test_facts_in_reported_speech_are_attributed(analyse) -> None:
    text = '"We cleared 300 hectares last year," Maria Lopez said.'
    resolved = analyse(text)
    (event,) = [e for e in resolved.extraction.events if e.quantities]
    assert resolved.entity_at(event.speaker) == "person/maria-lopez"


def test_the_interview_a_statement_was_given_in(analyse) -> None:
    text = '"The fields are safe," Maria Lopez said in an interview with the Daily Planet newspaper.'
    resolved = analyse(text)
    (statement,) = resolved.extraction.statements
    assert statement.medium is not None and statement.medium.text == "interview"
    (interview,) = [e for e in resolved.extraction.events if e.trigger == statement.medium]
    assert "person/maria-lopez" in {resolved.entity_at(span) for span in interview.actors}


def test_a_participle_speaks_with_its_clause_subject(analyse) -> None:
    text = 'Maria Lopez thanked the donors, stating: "The fields will be safe by spring."'
    assert statements(analyse(text)) == [("Maria Lopez", "The fields will be safe by spring.")]


def test_a_title_with_its_complement_before_a_name(analyse) -> None:
    text = "The bridge was opened by Minister of Public Works David Miller on Monday."
    assert ("David Miller", "Minister of Public Works", None) in roles(analyse(text))


def test_it_as_the_speaker_is_the_last_organization(analyse) -> None:
    text = "The Defense Ministry reported new finds. Teams are still at work in the north, it added."
    assert ("Defense Ministry", "Teams are still at work in the north") in statements(analyse(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Secretary-General of the Baltic League Ivan Petrov met the envoy.",
            ("Ivan Petrov", "Secretary-General", "Baltic League"),
        ),
        (
            "Deputy Speaker of the National Assembly Maria Lopez opened the session.",
            ("Maria Lopez", "Deputy Speaker", "National Assembly"),
        ),
    ],
)
def test_a_hyphenated_or_long_title_of_a_body_before_the_name(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_a_body_ending_a_chain_of_of_phrases_is_split_from_the_holders_name(analyse) -> None:
    text = "Meanwhile, the head of the high committee of flood relief of the Regional Council Ivan Petrov spoke."
    kinds = {(e.label, e.kind) for e in analyse(text).entities}
    assert {("Regional Council", "Organization"), ("Ivan Petrov", "Person")} <= kinds


def test_a_verb_of_leading_an_unnamed_body_gives_a_role(analyse) -> None:
    found = roles(analyse("Maria Lopez, who chairs the budget committee, objected to the plan."))
    assert ("Maria Lopez", "chair", "budget committee") in found
