"""Long articles in pieces: offsets stay exact and facts are found in every piece."""

from pathlib import Path

import pytest
from rdflib.namespace import RDF, SDO

from newskg.extract.pieces import pieces
from newskg.limits import Limits
from newskg.pipeline.run import build
from newskg.rdf.dataset import union
from newskg.rdf.validate import validate


def test_pieces_join_back_and_respect_the_limit() -> None:
    text = ("Deminers cleared 40 hectares. " * 30 + "\n\n") * 20
    found = pieces(text, limit=1000)
    assert "".join(piece for _, piece in found) == text
    assert all(len(piece) <= 1000 for _, piece in found)
    assert [offset for offset, _ in found] == [sum(len(p) for _, p in found[:i]) for i in range(len(found))]
    assert all(piece.endswith("\n\n") for _, piece in found[:-1])


def test_a_text_without_breaks_is_cut_hard() -> None:
    assert [len(piece) for _, piece in pieces("x" * 2500, limit=1000)] == [1000, 1000, 500]


def test_a_long_article_keeps_exact_offsets_across_pieces(tmp_path: Path) -> None:
    paragraph = "On June 12, 2021, Maria Lopez said that sappers defused 40 mines near Fuzuli.\n\n"
    (tmp_path / "long.txt").write_text(paragraph * 40, encoding="utf-8")
    result = build([tmp_path / "long.txt"], tmp_path / "out", limits=Limits(piece_chars=500))
    assert result.dataset is not None
    graph = union(result.dataset)
    outcome = validate(graph)
    assert outcome.conforms, outcome.violations
    assert len(set(graph.subjects(RDF.type, SDO.QuantitativeValue))) == 40
    assert len(set(graph.subjects(RDF.type, SDO.Quotation))) == 40


@pytest.mark.slow
def test_a_fifty_thousand_character_sentence(tmp_path: Path) -> None:
    sentence = (
        "The teams said that they had cleared " + ", ".join(f"{n} hectares of the land" for n in range(1, 2500)) + "."
    )
    assert len(sentence) > 50_000
    (tmp_path / "run-on.txt").write_text(sentence, encoding="utf-8")
    result = build([tmp_path / "run-on.txt"], tmp_path / "out")
    assert result.articles == ["run-on"] and result.validation is not None and result.validation.conforms
