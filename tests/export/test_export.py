"""newskg export: CSV tables for spreadsheets, GraphML and GEXF for network tools."""

import csv
from pathlib import Path

import networkx as nx
import pytest

from newskg.cli import main
from newskg.export import tables
from newskg.pipeline.run import BuildResult

TABLES = {"entities.csv", "events.csv", "quantities.csv", "statements.csv", "mentions.csv"}


@pytest.fixture(scope="module")
def exported(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    assert main(["export", str(seed_build.out), "--format", "csv", "--out", str(out)]) == 0
    return out


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_table_is_written(exported: Path) -> None:
    assert {path.name for path in exported.iterdir()} == TABLES


def test_quantities_carry_their_event_period_and_speaker(exported: Path) -> None:
    (hectares,) = [r for r in rows(exported, "quantities.csv") if r["value"] == "18302"]
    assert (hectares["unit"], hectares["unit code"], hectares["event type"]) == ("hectare", "HAR", "Clearance")
    assert (hectares["from"], hectares["to"], hectares["said by"]) == ("2020-11-10", "2021-10-15", "Vugar Suleymanov")


def test_entities_and_mentions(exported: Path) -> None:
    entities = {r["label"]: r for r in rows(exported, "entities.csv")}
    assert (
        entities["Vugar Suleymanov"]["class"] == "Person"
        and "Suleymanov" in entities["Vugar Suleymanov"]["other names"]
    )
    mentions = rows(exported, "mentions.csv")
    begins = [int(r["begin"]) for r in mentions]
    assert begins == sorted(begins) and all(r["article"] == "mine-clearance-azerbaijan-2021" for r in mentions)


def test_statements(exported: Path) -> None:
    assert any(r["speaker"] == "Ilham Aliyev" and "25 percent" in r["text"] for r in rows(exported, "statements.csv"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.slow
def test_network_files_read_back(seed_build: BuildResult, tmp_path: Path, fmt: str) -> None:
    assert main(["export", str(seed_build.out), "--format", fmt, "--out", str(tmp_path)]) == 0
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    network = reader(tmp_path / f"graph.{fmt}")
    labels = {data["label"] for _, data in network.nodes(data=True)}
    assert "Azerbaijan's Mine Action Agency" in labels


def test_graphml_edges_have_unique_ids(seed_build: BuildResult) -> None:
    """Strict GraphML readers reject two edges of one id (the seed has many "place" edges)."""
    from lxml import etree

    tree = etree.parse(str(seed_build.out / "graph.graphml"))
    ids = tree.xpath("//g:edge/@id", namespaces={"g": "http://graphml.graphdrawing.org/xmlns"})
    assert len(ids) > 10 and len(set(ids)) == len(ids)
    network = nx.read_graphml(seed_build.out / "graph.graphml", force_multigraph=True)
    assert sorted(key for _, _, key in network.edges(keys=True)) == sorted(ids)
    assert {data["label"] for _, _, data in network.edges(data=True)} >= {"actor", "place"}


def test_table_rows_sort_by_whole_numbers_of_any_length_and_any_digits() -> None:
    huge = "7" * 5000  # past the 4,300 digits Python reads an int of
    rows = iter([["²", "x"], [huge, "x"], ["10", "x"], ["9", "b"], ["009", "a"]])
    text = tables._csv(["value", "name"], rows)
    assert text.splitlines() == ["value,name", "009,a", "9,b", "10,x", f"{huge},x", "²,x"]
