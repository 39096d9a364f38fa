"""Headlines and captions: lines that are not running prose."""

from newskg.extract.layout import dateline_spans, is_caption, is_headline
from newskg.nlp import load_pipeline


def lines(text: str) -> list[tuple[str, bool, bool]]:
    doc = load_pipeline()(text)
    return [(s.text.strip(), is_headline(s), is_caption(s)) for s in doc.sents if s.text.strip()]


def test_a_title_cased_line_is_a_headline_and_prose_is_not() -> None:
    found = lines(
        "Grain Prices Climb as Dry Summer Cuts the Harvest\n\nFarmers in the valley sold less grain this year."
    )
    assert all(headline for text, headline, _ in found if "Farmers" not in text)
    assert [headline for text, headline, _ in found if "Farmers" in text] == [False]


def test_a_dateline_opening_a_sentence_is_not_a_headline() -> None:
    found = lines("LIMA, May 3 (Wire Service) -- Heavy rain closed two roads on Monday, police said.")
    assert not any(headline for _, headline, _ in found)


def test_a_bracketed_photo_credit_is_a_caption() -> None:
    found = lines("Rescuers search the rubble on Monday. (Jane Roe, City Press Office Photo via Wire)\n\nMore text.")
    assert [caption for text, _, caption in found if "Rescuers" in text] == [True]
    assert [caption for text, _, caption in found if "More" in text] == [False]


def test_a_byline_or_a_signature_is_not_a_headline() -> None:
    for text in ("May 03, 2019 07:15 PM CET | Jane Roe\n\nText.", "Anna Maria Berg - COO, ABC/XYZ\n\nText."):
        assert not any(headline for _, headline, _ in lines(text))


def test_a_line_opening_with_a_photo_credit_is_a_caption() -> None:
    for opening in ("Photo:", "Pictured:", "File photo:"):
        found = lines(f"{opening} Volunteers clear debris in the square on Sunday.\n\nVolunteers cleared debris.")
        assert [caption for text, _, caption in found if opening in text] == [True]
        assert [caption for text, _, caption in found if text.startswith("Volunteers")] == [False]


def test_a_dateline_is_found_with_its_place_date_and_credit() -> None:
    text = "OSLO, May 3 (Wire) -- Rain fell.\nBergen (AP) –\nTromso - Snow fell.\nIt rained - and then snowed."
    assert [text[s:e] for s, e in dateline_spans(text)] == ["OSLO, May 3 (Wire) -- ", "Bergen (AP) –", "Tromso - "]
