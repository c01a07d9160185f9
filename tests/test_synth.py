"""`argmap synth`: a synthetic corpus N times the real one that the normal loader loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.database.models import (
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    Mention,
    Paper,
    Reference,
    Section,
)
from app.dataset.loader import read_dataset
from app.dataset.synth import synthesize
from app.main import create_app
from tests.conftest import SHIPPED_DATA


@pytest.fixture(scope="module")
def real():
    return read_dataset(SHIPPED_DATA)


@pytest.fixture(scope="module")
def three_times(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthesize(SHIPPED_DATA, tmp_path_factory.mktemp("synth") / "data", 3)


def test_a_synthetic_corpus_is_n_times_the_real_one_in_every_layer(real, three_times: Path):
    synthetic = read_dataset(three_times)  # the normal loader: every check passes
    for table in (Paper, Section, Reference, Claim, Concept, ArgumentLink, Citation):
        assert len(synthetic.rows[table]) == 3 * len(real.rows[table]), table.__name__
    # plus what joins consecutive copies: one cross-paper link, and causal links (each with its mention)
    assert len(synthetic.rows[CrossPaperLink]) == 3 * len(real.rows[CrossPaperLink]) + 2
    bridges = [e for e in synthetic.rows[CausalEvidence] if e.causal_id.split("--")[0][-4:] != e.causal_id[-4:]]
    assert {(b.causal_id.split("--")[0][-4:], b.causal_id[-4:]) for b in bridges} == {
        ("x001", "x002"),
        ("x002", "x003"),
    }
    assert len(synthetic.rows[CausalEvidence]) == 3 * len(real.rows[CausalEvidence]) + len(bridges)
    assert len(synthetic.rows[Mention]) == 3 * len(real.rows[Mention]) + len(bridges)


def test_every_synthetic_quote_is_in_its_own_generated_source(three_times: Path):
    dataset = read_dataset(three_times)
    sources = {p.id: p.source_text for p in dataset.rows[Paper]}
    assert len(set(sources.values())) == len(sources)  # each copy has its own text
    for claim in dataset.rows[Claim]:
        assert sources[claim.paper_id][claim.span_start : claim.span_end] == claim.quote_zh
    assert all(text.startswith("〔argmap synth") for text in sources.values())


def test_the_copies_are_joined_into_one_causal_graph(three_times: Path):
    dataset = read_dataset(three_times)
    bridges = [
        link
        for link in dataset.rows[CausalLink]
        if link.source_id.endswith("-x001") and link.target_id.endswith("-x002")
    ]
    assert bridges
    assert all(link.source_id.removesuffix("-x001") == link.target_id.removesuffix("-x002") for link in bridges)


def test_the_app_serves_a_synthetic_corpus(three_times: Path, database_url: str):
    with TestClient(create_app(database_url=database_url, data_dir=three_times)) as client:
        home = client.get("/api").json()
        assert client.get("/claims/qi-li-s2-within-units-x003").status_code == 200
        assert client.get("/api/search", params={"q": "synthetic copy 2"}).json()["total"] > 0
    assert "qi-li-x002" in str(home)


def test_argmap_synth_writes_a_directory_that_validates(tmp_path: Path):
    out = tmp_path / "synthetic"
    runner = CliRunner()
    made = runner.invoke(cli, ["synth", "--scale", "2", "--out", str(out)])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(cli, ["validate", "--data-dir", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "qi-li-x002:" in checked.output and "lu-yang-x001:" in checked.output
    refused = runner.invoke(cli, ["synth", "--scale", "0", "--out", str(out)])
    assert refused.exit_code == 2
