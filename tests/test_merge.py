"""newskg merge: builds and other datasets into one; sameAs smushed, graphs kept, bad input names its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from newskg.cli import main
from newskg.pipeline.run import BuildResult

AGENCY = URIRef("https://w3id.org/newskg/id/organization/azerbaijan-mine-action-agency")
ITEM = URIRef("http://www.wikidata.org/entity/Q1")
FOUNDED = URIRef("http://example.org/founded")


def _quads(path: Path) -> set:
    dataset = Dataset()
    dataset.parse(path)
    return set(dataset.quads())


def test_merging_a_build_with_itself_changes_nothing(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "same.trig"
    assert main(["merge", str(seed_build.out), str(seed_build.out / "graph.trig"), "--out", str(out)]) == 0
    assert out.read_bytes() == (seed_build.out / "graph.trig").read_bytes()


def test_same_as_is_smushed_to_newskgs_node_and_the_link_kept(seed_build: BuildResult, tmp_path: Path) -> None:
    extract = tmp_path / "items.ttl"
    extract.write_text(
        f'<{ITEM}> <{OWL.sameAs}> <{AGENCY}> ; <{FOUNDED}> "1998" ; <{RDFS.label}> "The Agency" .\n', encoding="utf-8"
    )
    out = tmp_path / "merged.trig"
    assert main(["merge", str(seed_build.out), str(extract), "--out", str(out)]) == 0
    merged = Dataset(default_union=True)
    merged.parse(out)
    assert (AGENCY, FOUNDED, Literal("1998")) in merged
    assert (AGENCY, OWL.sameAs, ITEM) in merged
    assert (
        len(set(merged.objects(AGENCY, RDFS.label))) == 1 and (AGENCY, SKOS.altLabel, Literal("The Agency")) in merged
    )
    assert not set(merged.predicate_objects(ITEM))
    assert URIRef("https://w3id.org/newskg/id/graph/mine-clearance-azerbaijan-2021") in {
        g.identifier for g in merged.graphs()
    }


def test_malformed_input_names_the_line_and_merges_nothing(
    seed_build: BuildResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> "open .\n', encoding="utf-8")
    out = tmp_path / "merged.trig"
    out.write_bytes(b"previous")
    assert main(["merge", str(seed_build.out), str(bad), "--out", str(out)]) == 2
    assert "bad.ttl: line 2: not valid turtle" in capsys.readouterr().err
    assert out.read_bytes() == b"previous"


@pytest.mark.parametrize("syntax", ["nq", "ttl", "jsonld"])
@pytest.mark.slow
def test_every_format_parses_back(seed_build: BuildResult, tmp_path: Path, syntax: str) -> None:
    out = tmp_path / f"merged.{syntax}"
    assert main(["merge", str(seed_build.out), "--out", str(out)]) == 0
    whole = _quads(seed_build.out / "graph.trig")
    if syntax == "nq":
        assert _quads(out) == whole
    else:
        graph = Graph()
        graph.parse(out, format="json-ld" if syntax == "jsonld" else "turtle")
        assert set(graph) == {(s, p, o) for s, p, o, _ in whole}
