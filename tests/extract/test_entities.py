"""Entities and their resolution within an article: names, aliases, acronyms, pronouns, places."""

from newskg.model import ResolvedArticle


def entities(resolved: ResolvedArticle) -> dict[str, tuple[str, set[str]]]:
    return {e.label: (e.kind, set(e.alt_labels)) for e in resolved.entities}


def test_surname_joins_the_full_name(analyse) -> None:
    resolved = analyse("Maria Lopez leads the team. Lopez said the work was slow.")
    assert entities(resolved)["Maria Lopez"] == ("Person", {"Lopez"})


def test_bracketed_acronym_joins_its_expansion(analyse) -> None:
    resolved = analyse("The Laotian Mine Clearance Centre (LMCC) cleared fields. LMCC said it would continue.")
    kind, names = entities(resolved)["Laotian Mine Clearance Centre"]
    assert kind == "Organization" and "LMCC" in names


def test_acronym_by_initials(analyse) -> None:
    resolved = analyse("The World Health Organization warned of cholera. The WHO sent doctors to the city.")
    assert "WHO" in entities(resolved)["World Health Organization"][1]


def test_possessive_country_form_joins_the_organization(analyse) -> None:
    resolved = analyse("Georgia's Mine Action Agency cleared fields. The Mine Action Agency said it was done.")
    labels = entities(resolved)
    assert labels["Georgia's Mine Action Agency"] == ("Organization", {"Mine Action Agency"})
    assert labels["Georgia"][0] == "Place"


def test_the_nationality_form_and_the_possessive_form_are_one_organization_under_the_fullest_name(analyse) -> None:
    text = (
        "Chile's Demining Office cleared fields in May. The Chilean Demining Office said the work would go"
        " on. The Demining Office thanked donors."
    )
    labels = entities(analyse(text))
    assert labels["Chilean Demining Office"] == (
        "Organization",
        {"Demining Office", "Chile's Demining Office"},
    )


def test_a_possessive_outside_the_tagged_name_gives_the_label(analyse) -> None:
    labels = entities(analyse("Kenya's Road Safety Authority published figures. The authority said deaths fell."))
    assert labels["Kenya's Road Safety Authority"] == ("Organization", {"Road Safety Authority"})


def test_pronouns_and_descriptions_resolve_to_the_last_compatible_entity(analyse) -> None:
    text = "The Defense Ministry reported progress. Maria Lopez visited the site. She said the ministry was right."
    resolved = analyse(text)
    she = text.index("She")
    ministry = text.index("the ministry")
    assert resolved.entity_of[(she, she + 3)] == "person/maria-lopez"
    assert resolved.entity_of[(ministry, ministry + len("the ministry"))] == "organization/defense-ministry"


def test_demonyms_are_not_entities(analyse) -> None:
    resolved = analyse("Azerbaijani and Armenian officials met. Some Azerbaijanis protested in Baku.")
    labels = entities(resolved)
    assert not {"Azerbaijani", "Armenian", "Azerbaijanis"} & set(labels)
    assert labels["Baku"][0] == "Place"


def test_gazetteer_corrects_place_names_the_tagger_misses(analyse) -> None:
    resolved = analyse("Mines were found in Aghdam, Fuzuli and Zangilan districts.")
    labels = entities(resolved)
    assert all(labels[name][0] == "Place" for name in ("Aghdam", "Fuzuli", "Zangilan"))


def test_a_dateline_in_capitals_is_a_place(analyse) -> None:
    resolved = analyse("Updated on Friday\n\nKAMPALA - Rescuers found twelve people under the rubble.")
    (city,) = [e for e in resolved.entities if e.label == "KAMPALA"]
    assert city.kind == "Place" and city.same_as


def test_place_words_inside_longer_names_stay_names(analyse) -> None:
    resolved = analyse("Officials of the Mine Action Agency spoke on Monday.")
    labels = entities(resolved)
    assert labels["Mine Action Agency"][0] == "Organization"
    assert "Mine" not in labels


def test_places_are_linked_to_geonames(analyse) -> None:
    resolved = analyse("Deminers worked in Azerbaijan.")
    (country,) = [e for e in resolved.entities if e.label == "Azerbaijan"]
    assert country.same_as == ("https://sws.geonames.org/587116/",) and "Country" in country.subtypes


def test_author_is_a_person(analyse) -> None:
    resolved = analyse("Deminers worked in the fields.", author="Jane Doe")
    assert entities(resolved)["Jane Doe"][0] == "Person"


def test_mention_spans_are_exact(analyse) -> None:
    text = "Maria Lopez leads the team. Lopez said the work was slow."
    resolved = analyse(text)
    for entity in resolved.entities:
        for span in entity.mentions:
            assert text[span.start : span.end] == span.text


def test_names_the_tagger_missed_that_end_in_a_word_for_a_body(analyse) -> None:
    resolved = analyse(
        "Yesterday the Regional Demining Authority (RDA) said work resumed. RDA added that fields were safe."
    )
    kind, names = entities(resolved)["Regional Demining Authority"]
    assert kind == "Organization" and "RDA" in names


def test_a_person_and_a_body_run_together_are_split(analyse) -> None:
    resolved = analyse("The talks were opened by the ambassador to Laos Zhou Mingyu on Monday.")
    assert entities(resolved)["Zhou Mingyu"][0] == "Person"
    assert entities(resolved)["Laos"][0] == "Place"


def test_a_name_in_apposition_to_a_title_is_a_person(analyse) -> None:
    resolved = analyse("Amani Deng Okello, chief negotiator of the government delegation, signed the deal.")
    assert entities(resolved)["Amani Deng Okello"][0] == "Person"
    assert entities(resolved)["government delegation"][0] == "Organization"


def test_the_country_in_a_possessive_locates_the_organization(analyse) -> None:
    resolved = analyse("Georgia’s Mine Action Agency cleared fields. The agency said it was done.")
    (agency,) = [e for e in resolved.entities if e.kind == "Organization"]
    assert agency.located_in == ("place/georgia",)


def test_a_town_name_used_as_an_adjective_is_not_a_place(analyse) -> None:
    resolved = analyse("The Olympic swimmer thanked the committee.")
    assert "Olympic" not in entities(resolved)


def test_ordinals_are_not_part_of_a_name(analyse) -> None:
    resolved = analyse("The 41st International Rowing Federation session ended in Lausanne.")
    assert any(label.startswith("International Rowing Federation") for label in entities(resolved))


def test_names_differing_only_in_invisible_characters_are_one_entity(analyse) -> None:
    resolved = analyse("The \u202eHarbour Authority met on Monday. The Harbour Authority said repairs began.")
    agencies = [e for e in resolved.entities if e.kind == "Organization"]
    assert len(agencies) == 1 and len({e.key for e in resolved.entities}) == len(resolved.entities)


def test_a_company_named_like_a_town_stays_an_organization(analyse) -> None:
    for text, name in (
        ("Nokia said on Tuesday it would cut 2,000 jobs.", "Nokia"),
        ("Toyota recalled 51,700 cars after complaints from drivers.", "Toyota"),
    ):
        assert entities(analyse(text))[name][0] == "Organization"


def test_a_town_used_as_a_place_becomes_a_place(analyse) -> None:
    labels = entities(analyse("Floods cut roads in the districts of Sumy, Konotop and Shostka."))
    assert [labels[name][0] for name in ("Sumy", "Konotop", "Shostka")] == ["Place"] * 3
    labels = entities(analyse("Floods hit Konotop and Shostka districts."))
    assert labels["Konotop"][0] == labels["Shostka"][0] == "Place"


def test_a_person_named_like_a_town_stays_a_person(analyse) -> None:
    assert entities(analyse("Jackson told reporters the plan would work."))["Jackson"][0] == "Person"


def test_a_full_name_after_a_title_tagged_as_a_body_stays_a_person(analyse) -> None:
    labels = entities(analyse("Secretary of State Antony Blinken met the envoy in Vienna."))
    assert labels["Antony Blinken"][0] == "Person"


def test_an_honorific_is_not_part_of_a_name(analyse) -> None:
    labels = entities(analyse("Ms Karen Lowe said the spill was small. Ms Lowe added that crews were ready."))
    assert labels == {"Karen Lowe": ("Person", {"Lowe"})}


def test_a_name_before_a_word_for_a_place_is_a_place(analyse) -> None:
    labels = entities(analyse("Families fled across the Kolva river after the Mirnak camp was shelled."))
    assert labels["Mirnak"][0] == labels["Kolva"][0] == "Place"


def test_an_acronym_or_nationality_before_a_word_for_a_place_is_not_a_place(analyse) -> None:
    labels = entities(analyse("The OPEC countries agreed. The Brazilian state of Bahia flooded."))
    assert labels["OPEC"][0] == "Organization" and "Brazilian" not in labels


def test_a_name_only_a_headline_has_is_left_out(analyse) -> None:
    text = (
        "Harvest Season Ends Early for Valley Growers\n\nFarmers near Tartu sold less grain this year, Anna Berg said."
    )
    labels = entities(analyse(text))
    assert "Harvest Season" not in labels and labels["Anna Berg"][0] == "Person"


def test_a_possessive_name_and_a_nationality_name_join_without_a_bare_form(analyse) -> None:
    labels = entities(analyse("Chile's Water Board raised prices. The Chilean Water Board said rain was short."))
    assert labels["Chilean Water Board"] == ("Organization", {"Chile's Water Board"})


def test_common_words_the_tagger_took_for_names_are_not_entities(analyse) -> None:
    assert "Farmers" not in entities(analyse("Farmers returned to the fields. Trucks could reach the market again."))
    labels = entities(analyse("The gunmen fled into the bush near Tarkwa."))
    assert "bush" not in labels and labels["Tarkwa"][0] == "Place"


def test_a_hyphenated_place_name_cut_by_the_tokenizer_is_one_place(analyse) -> None:
    labels = entities(analyse("Fans travelled to Stratford-upon-Avon for the match."))
    assert labels == {"Stratford-upon-Avon": ("Place", set())}


def test_a_surname_the_tagger_reads_as_a_plural_noun_stays_a_name(analyse) -> None:
    text = "Senator Bernie Sanders criticized the bank. Sanders said the company must pay more."
    assert entities(analyse(text))["Bernie Sanders"] == ("Person", {"Sanders"})


def test_a_dateline_credits_news_organizations(analyse) -> None:
    text = "Lima (Wirepress) –\n\nThe talks ended on Monday.\n\nQUITO, May 3 (Newsline, Radio Centro) -- Rain fell."
    labels = entities(analyse(text))
    assert {name: kind for name, (kind, _) in labels.items()} == {
        "Lima": "Place",
        "Wirepress": "Organization",
        "QUITO": "Place",
        "Newsline": "Organization",
        "Radio Centro": "Organization",
    }


def test_a_name_after_an_honorific_is_a_person(analyse) -> None:
    resolved = analyse("Mr Hale said the plan would work. Hale added that costs were rising. Dr Lincoln agreed.")
    kinds = {mention.span.text: mention.kind for mention in resolved.extraction.mentions if mention.form == "name"}
    assert kinds == {"Hale": "Person", "Lincoln": "Person"}


def test_a_name_the_model_calls_a_person_after_the_or_an_organization_before_who(analyse) -> None:
    text = (
        "Snow closed passes in the Drakensberg on Sunday. Lerato Khumalo, who runs a lodge, told the SABC it was"
        " the worst in years."
    )
    labels = entities(analyse(text))
    assert (labels["Drakensberg"][0], labels["SABC"][0], labels["Lerato Khumalo"][0]) == (
        "Place",
        "Organization",
        "Person",
    )


def test_a_lower_case_word_for_a_place_after_its_name_is_no_part_of_the_name(analyse) -> None:
    labels = entities(analyse("The floods hit Gauteng province hardest."))
    assert labels["Gauteng"][0] == "Place" and "Gauteng province" not in labels
