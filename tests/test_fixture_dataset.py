"""The fixture dataset the behaviour tests run on (tests/fixtures/dataset/): it loads, its
version records its content hash, and every id the tests may name (FIXTURE_IDS) is in it."""

from __future__ import annotations

from typer.testing import CliRunner

from app.cli import cli
from tests.conftest import FIXTURE_DATA, FIXTURE_GONE, FIXTURE_IDS, FIXTURE_MOVED


def test_the_fixture_dataset_is_valid():
    result = CliRunner().invoke(cli, ["validate", "--data-dir", str(FIXTURE_DATA)])
    assert result.exit_code == 0, result.output
    assert "han-su: 4 sections, 10 claims" in result.output
    assert "zheng-wu: 9 sections, 16 claims, 3 references" in result.output
    assert "tours: 2" in result.output


def test_the_fixture_dataset_records_its_content_hash(fixture_reader):
    """After editing a fixture file, record the hash `python -m app.dataset.versions tests/fixtures/dataset` prints."""
    changes = fixture_reader.get("/api/changes").json()
    newest = changes["versions"][0]
    assert newest["current"]
    assert changes["dataset_version"] == f"{newest['version']}+{newest['content_hash'][:12]}", (
        "the fixture dataset changed: record its new content hash in tests/fixtures/dataset/versions.yaml"
    )


def test_every_id_the_tests_name_is_in_the_fixture(fixture_reader):
    tours = {tour["id"] for tour in fixture_reader.get("/api/tours").json()["tours"]}
    for item in sorted(FIXTURE_IDS - tours):
        answer = fixture_reader.get("/api/graph", params={"focus": item, "depth": 1})
        assert answer.status_code == 200, item
    assert {"zheng-wu-argument", "ledgers-in-both-papers"} <= tours


def test_the_fixture_retires_ids_both_ways(fixture_reader):
    retired = {item["id"]: item for item in fixture_reader.get("/api/changes").json()["versions"][0]["retired"]}
    assert {old: retired[old]["successor"]["id"] for old in FIXTURE_MOVED} == FIXTURE_MOVED
    assert retired[FIXTURE_GONE]["successor"] is None


def test_the_fixture_has_every_kind_of_link(fixture_reader):
    edges = fixture_reader.get("/export/graph.json").json()["edges"]
    relations = {(edge["layer"], edge["relation"]) for edge in edges if "relation" in edge}
    for relation in ("supports", "elaborates", "exemplifies", "contrasts"):
        assert ("argument", relation) in relations, relation
    for relation in ("agrees", "complements", "extends", "differs-in-emphasis", "contrasts"):
        assert ("cross-paper", relation) in relations, relation
    causal = [edge for edge in edges if edge["layer"] == "causal"]
    assert {edge["basis"] for edge in causal} == {"stated", "inferred"}
    assert any(len(edge["papers"]) == 2 for edge in causal)  # one link both papers hold
    assert {edge["layer"] for edge in edges} >= {"mentions", "cites", "structure"}
