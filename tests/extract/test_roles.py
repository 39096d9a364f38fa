"""Roles in the many ways news gives a person's job: before the name, in apposition, in a clause, by a verb."""

import pytest
import spacy
from spacy.tokens import Doc

from newskg.extract.roles import find_roles
from newskg.model import Mention, ResolvedArticle, Span
from newskg.nlp import load_pipeline
from newskg.nlp.repair import _titled, _with_first_name


def roles(resolved: ResolvedArticle) -> set[tuple[str, str, str | None]]:
    labels = {e.key: e.label for e in resolved.entities}
    return {
        (labels[resolved.entity_at(r.person)], r.title, labels.get(resolved.entity_at(r.org) or ""))
        for r in resolved.extraction.roles
        if resolved.entity_at(r.person)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Sales grew," said Acme Corp chief executive Liam Reed.',
            ("Liam Reed", "chief executive", "Acme Corp"),
        ),
        ("Chief financial officer Tom Hale said costs fell.", ("Tom Hale", "Chief financial officer", None)),
        ("The army, commanded by General Sergei Volkov, took the town.", ("Sergei Volkov", "General", None)),
        (
            "Minister of Fisheries, Forests and Rural Affairs Tom Obi said the ban would end.",
            ("Tom Obi", "Minister of Fisheries, Forests and Rural Affairs", None),
        ),
        ("The books were closed, said financial controller Ruth Ames.", ("Ruth Ames", "financial controller", None)),
        ("The count was fair, said local party official Ruth Ames.", ("Ruth Ames", "official", None)),
        (
            "Freedom Union General Secretary Tom Hale said prices will rise.",
            ("Tom Hale", "General Secretary", "Freedom Union"),
        ),
    ],
)
def test_titles_before_names(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_a_possessive_organization_before_the_title(analyse) -> None:
    text = "Harbor Freight Lines reported a loss. Harbor Freight Lines' chief executive Anna Berg said costs rose."
    assert ("Anna Berg", "chief executive", "Harbor Freight Lines") in roles(analyse(text))


def test_one_title_is_kept_once_in_its_fullest_form(analyse) -> None:
    text = "The chief executive officer Anna Berg told reporters the firm made a profit."
    titles = {title for person, title, _ in roles(analyse(text)) if person == "Anna Berg"}
    assert titles == {"chief executive officer"}


def test_an_organization_inside_the_title_before_the_name(analyse) -> None:
    text = "The Harbour Authority's regional coordinator, John Musa, confirmed the attacks."
    assert ("John Musa", "regional coordinator", "Harbour Authority") in roles(analyse(text))


def test_a_place_owning_the_office_is_not_part_of_its_name(analyse) -> None:
    text = "Anna Kova, a spokeswoman for the country's chief auditor's office, said the audit ended."
    found = roles(analyse(text))
    assert ("Anna Kova", "spokeswoman", "chief auditor's office") in found


def test_a_title_in_a_relative_clause_with_be(analyse) -> None:
    text = "Boris Rusev, who is the chairman of Blue Harbour Holdings, said the deal was done."
    assert ("Boris Rusev", "chairman", "Blue Harbour Holdings") in roles(analyse(text))


def test_a_title_as_the_complement_of_be(analyse) -> None:
    text = "Boris Rusev is the director of the Coastal Research Institute."
    assert ("Boris Rusev", "director", "Coastal Research Institute") in roles(analyse(text))


def test_two_coordinated_titles_in_apposition(analyse) -> None:
    text = "Boris Rusev, the founder and chairman of Blue Harbour Holdings, said the deal was done."
    found = roles(analyse(text))
    assert {
        ("Boris Rusev", "founder", "Blue Harbour Holdings"),
        ("Boris Rusev", "chairman", "Blue Harbour Holdings"),
    } <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Northern Front, headed by Karim Haddad, has been fighting the army since May.",
            ("Karim Haddad", "head", "Northern Front"),
        ),
        (
            "Jane Doe, who heads the Coastal Research Institute, said the reef was dying.",
            ("Jane Doe", "head", "Coastal Research Institute"),
        ),
        (
            "The vote was won by the Labour Party. Peter Mba said the party he chairs would govern.",
            ("Peter Mba", "chair", "Labour Party"),
        ),
        ("Karim Haddad leads the Northern Front.", ("Karim Haddad", "leader", "Northern Front")),
        ("Castle Bank was founded by Anna Berg in 1990.", ("Anna Berg", "founder", "Castle Bank")),
    ],
)
def test_a_verb_that_names_the_role(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_a_second_mention_with_another_title_keeps_both(analyse) -> None:
    text = (
        "President Maria Santos opened the bridge on Monday. The bridge was safe, said Santos, the chairwoman of "
        "the Coastal Research Institute."
    )
    found = roles(analyse(text))
    assert {("Maria Santos", "President", None), ("Maria Santos", "chairwoman", "Coastal Research Institute")} <= found


def test_a_verb_without_an_organization_names_no_role(analyse) -> None:
    assert not roles(analyse("Karim Haddad leads the race after two laps."))


def test_a_title_with_its_organization_before_a_comma_and_the_name(analyse) -> None:
    text = "The passengers were hurt, train manager of Coastline Rail Services, Ravi Kumar, told reporters."
    assert ("Ravi Kumar", "manager", "Coastline Rail Services") in roles(analyse(text))


def test_a_leader_named_after_a_possessive_pronoun(analyse) -> None:
    text = "The army has been fighting the Northern Front, headed by his former deputy Karim Haddad, since May."
    found = roles(analyse(text))
    assert ("Karim Haddad", "head", "Northern Front") in found


def test_what_a_person_is_elected_as(analyse) -> None:
    text = "The board put forward Li Wei for election as a member of the Harbour Council."
    assert ("Li Wei", "member", "Harbour Council") in roles(analyse(text))


def test_a_description_beside_a_name_gives_the_name(analyse) -> None:
    text = "Peter Mba spoke on Monday. The seats went to the Freedom Union (FU), the party he chairs."
    assert ("Peter Mba", "chair", "Freedom Union") in roles(analyse(text))


def test_an_organization_the_article_names_elsewhere_opens_the_title(lexicon) -> None:
    nlp = load_pipeline()
    doc = nlp("The Pirates won. Pirates Senator Mia Doe spoke.")
    party = Mention(Span(4, 11, "Pirates"), "Organization")
    person = Mention(Span(33, 40, "Mia Doe"), "Person")
    index = {1: party, 6: person, 7: person}
    found, implied = find_roles(doc, lexicon, index)
    assert [(r.person.text, r.title, r.org.text if r.org else None) for r in found] == [
        ("Mia Doe", "Senator", "Pirates")
    ]
    assert [m.span for m in implied] == [Span(17, 24, "Pirates")]


def test_the_company_owning_a_title_is_the_business_named_before(analyse) -> None:
    text = "Northwind Foods Ltd said profits rose. The company's chief executive officer Anna Berg spoke."
    assert ("Anna Berg", "chief executive officer", "Northwind Foods Ltd") in roles(analyse(text))


def test_the_company_is_never_the_news_agency_that_reported(analyse) -> None:
    resolved = analyse("Reuters reported a fall in sales. The company said it would cut jobs.")
    company = next(m for m in resolved.extraction.mentions if m.head == "company")
    assert resolved.entity_at(company.span) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bill passed, said Speaker of Parliament Peter Mba.", ("Peter Mba", "Speaker", "Parliament")),
        ("The budget committee chair, Ruth Ames, said the vote was close.", ("Ruth Ames", "chair", "budget committee")),
        (
            "Anna Berg, the editor of the Harbour Weekly report, said the figures were wrong.",
            ("Anna Berg", "editor of the Harbour Weekly report", "Harbour Weekly"),
        ),
    ],
)
def test_bodies_a_title_belongs_to(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_an_abbreviation_in_brackets_stays_with_its_title(analyse) -> None:
    text = "Tom Hale, chief financial officer (CFO), said costs fell."
    assert ("Tom Hale", "chief financial officer (CFO)", None) in roles(analyse(text))


def test_a_minister_belongs_to_the_ministry_named_the_same_way(analyse) -> None:
    text = (
        "Kwame Obi, Ghana's former Minister of Fisheries, was sentenced. "
        "Obi's colleagues at the Ministry of Fisheries were also sentenced."
    )
    assert ("Kwame Obi", "former Minister of Fisheries", "Ministry of Fisheries") in roles(analyse(text))


def test_a_title_does_not_run_across_a_comma_into_a_name(lexicon) -> None:
    text = "Results were given by the head of the OEP, Lucas Moreno Diaz, at midnight."
    doc = load_pipeline()(text)
    office = Mention(Span(38, 41, "OEP"), "Organization", form="acronym")
    person = Mention(Span(49, 60, "Moreno Diaz"), "Person")
    index = {8: office, 11: person, 12: person}
    found, _ = find_roles(doc, lexicon, index)
    assert all("," not in role.title for role in found)


def test_a_long_title_naming_its_body_before_the_name(analyse) -> None:
    text = (
        "The plan was approved by Deputy Chairman of the State Planning Committee Pavel Orlov on Monday. "
        "Orlov said it was ready."
    )
    assert ("Pavel Orlov", "Deputy Chairman", "State Planning Committee") in roles(analyse(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg was appointed chief executive of Castle Bank in May.",
            ("Anna Berg", "chief executive", "Castle Bank"),
        ),
        (
            "Anna Berg, who serves as chairman of Castle Bank, said rates would rise.",
            ("Anna Berg", "chairman", "Castle Bank"),
        ),
        ("Anna Berg works as an analyst at Castle Bank.", ("Anna Berg", "analyst", "Castle Bank")),
        (
            "Anna Berg, who was elected president of the Harbour Council in 2019, spoke first.",
            ("Anna Berg", "president", "Harbour Council"),
        ),
        (
            "Anna Berg, elected chairwoman of Castle Bank in 2019, spoke first.",
            ("Anna Berg", "chairwoman", "Castle Bank"),
        ),
        (
            "According to Sam Okoro, a senior researcher with Human Rights Watch, dozens were killed.",
            ("Sam Okoro", "senior researcher", "Human Rights Watch"),
        ),
    ],
)
def test_what_a_person_is_made_or_serves_as(analyse, text: str, expected: tuple) -> None:
    assert expected in roles(analyse(text))


def test_what_a_person_is_said_to_be_is_not_the_speakers_role(analyse) -> None:
    found = roles(analyse("Anna Berg described Tom Hale as a leader of the Harbour Council."))
    assert not any(person == "Anna Berg" for person, _, _ in found)


def test_a_name_a_title_modifies_is_a_persons_even_when_tagged_an_organization() -> None:
    words = ["The", "coup", "overthrew", "Major", "Jean", "-", "Luc", "Marchetti", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 2, 2, 7, 7, 7, 7, 2, 2],
        deps=["det", "nsubj", "ROOT", "compound", "compound", "punct", "compound", "dobj", "punct"],
        ents=["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
    )
    (ent,) = doc.ents
    assert _titled(ent).label_ == "PERSON"


def test_a_body_after_a_title_stays_an_organization() -> None:
    words = ["The", "coup", "overthrew", "Major", "Harbour", "Authority", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 2, 2, 5, 5, 2, 2],
        deps=["det", "nsubj", "ROOT", "compound", "compound", "dobj", "punct"],
        ents=["O", "O", "O", "O", "B-ORG", "I-ORG", "O"],
    )
    (ent,) = doc.ents
    assert _titled(ent).label_ == "ORG"


def test_a_first_name_the_tagger_left_out_is_part_of_the_name() -> None:
    words = ["The", "head", "of", "the", "OEP", ",", "Lucas", "Moreno", "Diaz", ",", "spoke", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        tags=["DT", "NN", "IN", "DT", "NNP", ",", "NNP", "NNP", "NNP", ",", "VBD", "."],
        heads=[1, 10, 1, 4, 2, 1, 8, 8, 1, 1, 10, 10],
        deps=[
            "det",
            "nsubj",
            "prep",
            "det",
            "pobj",
            "punct",
            "compound",
            "compound",
            "appos",
            "punct",
            "ROOT",
            "punct",
        ],
        ents=["O", "O", "O", "O", "B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
    )
    person = doc.ents[1]
    assert _with_first_name(person, {4, 7, 8}).text == "Lucas Moreno Diaz"


def test_a_form_of_address_is_not_a_first_name(analyse) -> None:
    resolved = analyse("John Smith spoke on Monday. The plan was approved, Mr Smith said.")
    assert {e.label for e in resolved.entities if e.kind == "Person"} == {"John Smith"}


def test_a_name_spelled_out_before_an_acronym_in_brackets_is_the_organization_of_a_title(lexicon) -> None:
    text = "Noah Lee, spokesman for the EU High Representative for Trade (HRT), said the talks were over."
    doc = load_pipeline()(text)
    person = Mention(Span(0, 8, "Noah Lee"), "Person")
    union = Mention(Span(28, 30, "EU"), "Organization", form="acronym")
    office = Mention(Span(62, 65, "HRT"), "Organization", form="acronym")
    index = {0: person, 1: person, 6: union, 12: office}
    found, implied = find_roles(doc, lexicon, index)
    spelled_out = Span(28, 60, "EU High Representative for Trade")
    assert [(r.title, r.org) for r in found] == [("spokesman for the EU High Representative for Trade", spelled_out)]
    assert [(m.span, m.kind) for m in implied] == [(spelled_out, "Organization")]


def test_a_unit_named_with_its_organizations_possessive_belongs_to_the_organization(analyse) -> None:
    text = (
        "The World Food Council met on Monday. Anna Berg, the director of the World Food Council's "
        "Emergency Grain Programme, said stocks were low."
    )
    found = roles(analyse(text))
    assert ("Anna Berg", "director of the Emergency Grain Programme", "World Food Council") in found


def test_two_titles_before_a_name_share_their_organization(analyse) -> None:
    found = roles(analyse('"We are sure," Acme Corp founder and chief executive Liam Reed wrote in a statement.'))
    assert {("Liam Reed", "founder", "Acme Corp"), ("Liam Reed", "chief executive", "Acme Corp")} <= found


def test_a_title_joined_to_another_persons_name_is_not_taken(analyse) -> None:
    found = roles(analyse("President Maria Santos and Minister Liam Reed opened the bridge."))
    assert ("Liam Reed", "Minister", None) in found
    assert not any(person == "Liam Reed" and "President" in title for person, title, _ in found)


def test_the_agency_owning_a_title_is_the_body_named_before_without_the_word(analyse) -> None:
    text = "Workers from Aid Without Borders warned of hunger. The agency's spokeswoman Mia Doe said crops had failed."
    assert ("Mia Doe", "spokeswoman", "Aid Without Borders") in roles(analyse(text))


def test_a_name_spelled_out_before_its_acronym_is_the_organization(analyse) -> None:
    text = "Ruth Ames, spokeswoman for the EU High Representative for Fisheries (EUHRF), said catches fell."
    resolved = analyse(text)
    assert (
        "Ruth Ames",
        "spokeswoman for the EU High Representative for Fisheries",
        "EU High Representative for Fisheries",
    ) in roles(resolved)
    body = next(e for e in resolved.entities if e.label == "EU High Representative for Fisheries")
    assert (body.kind, body.alt_labels) == ("Organization", ("EUHRF",))


def test_a_body_the_tagger_called_a_location_is_an_organization(analyse) -> None:
    resolved = analyse("The train was late, said yard manager of North Western Railway, Ravi Kumar.")
    assert ("Ravi Kumar", "manager", "North Western Railway") in roles(resolved)
    assert {e.kind for e in resolved.entities if e.label == "North Western Railway"} == {"Organization"}


def test_a_place_with_a_year_after_a_title_is_the_body_running_that_event(analyse) -> None:
    text = "Ruth Ames, who is the chairman of Spain 2030, said the games would go ahead."
    assert ("Ruth Ames", "chairman", "Spain 2030") in roles(analyse(text))


def test_a_place_after_a_title_stays_a_place(analyse) -> None:
    resolved = analyse("Ruth Ames, the mayor of Lisbon, said the games would go ahead.")
    assert {e.kind for e in resolved.entities if e.label == "Lisbon"} == {"Place"}


def test_an_unknown_abbreviation_after_a_title_modifier_is_a_title(analyse) -> None:
    assert ("Tom Hale", "acting MM", None) in roles(analyse("The plan was needed, acting MM Tom Hale argued."))


def test_an_abbreviation_without_a_title_modifier_is_no_title(analyse) -> None:
    assert not roles(analyse("The plan was needed, MM Tom Hale argued."))


def test_a_signature_line_gives_the_title_and_the_organization_ending_it(analyse) -> None:
    text = "Sales rose.\nTom Hale - CFO, Acme Holdings\nRuth Ames - Chief Engineer"
    found = roles(analyse(text))
    assert {("Tom Hale", "CFO", "Acme Holdings"), ("Ruth Ames", "Chief Engineer", None)} <= found


def test_a_staff_title_without_an_organization_takes_the_one_of_the_role_before(analyse) -> None:
    text = (
        "Northwind Foods Ltd chief executive Anna Berg said profits rose. Sales grew in the north. "
        "Chief financial officer Tom Hale said costs fell. Mayor Ruth Ames welcomed the news."
    )
    found = roles(analyse(text))
    assert ("Tom Hale", "Chief financial officer", "Northwind Foods Ltd") in found
    assert ("Ruth Ames", "Mayor", None) in found


def test_a_short_name_after_an_organizations_name_and_or_is_the_same_organization(analyse) -> None:
    text = (
        "The rocket carried a satellite owned by Asia Cargo Holdings Ltd, or AsiaCargo. "
        '"We booked two missions," said AsiaCargo chief executive Tom Hale.'
    )
    resolved = analyse(text)
    assert ("Tom Hale", "chief executive", "Asia Cargo Holdings Ltd") in roles(resolved)
    assert [e.alt_labels for e in resolved.entities if e.label == "Asia Cargo Holdings Ltd"] == [("AsiaCargo",)]


def test_the_army_before_it_is_named_is_the_armed_forces_named_later(analyse) -> None:
    text = (
        "The army, commanded by Tom Hale, has been fighting the Northern Front since May. "
        "Talks between the Freedonian Armed Forces and the Northern Front failed."
    )
    assert ("Tom Hale", "commander", "Freedonian Armed Forces") in roles(analyse(text))


def test_a_description_nothing_named_later_fits_stays_unresolved(analyse) -> None:
    resolved = analyse("The ministry said prices will rise. Northwind Shipping said costs fell.")
    ministry = next(m for m in resolved.extraction.mentions if m.head == "ministry")
    assert resolved.entity_at(ministry.span) is None
