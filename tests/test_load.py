"""The loader checks everything before writing, reports every problem as path:line, and
a failed load leaves the previous data in the database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.dataset import reader as reader_module
from app.dataset.loader import LoadError, read_dataset
from app.dataset.reader import Origin, build_row
from app.dataset.steps import claims as claims_step
from app.dataset.yaml_lines import read_yaml
from app.main import refresh_data
from app.models import Claim
from tests.conftest import edit, line_number

EXTRA = """\
section: qi-li-s1
claims:
  - id: test-two-paths
    kind: premise
    weight: detail
    quote_zh: "现有研究主要采取两种路径"
    text_en: Existing research takes two paths.
    concepts: [mode-of-production]
  - id: test-neo-schumpeterian-path
    kind: background
    weight: detail
    quote_zh: "将“技术革命”作为生产力发展的里程碑"
    text_en: One path treats technological revolutions as milestones.
    concepts: [technological-revolution]
    links: [{relation: elaborates, to: test-two-paths}]
"""
SHOWN = "data/papers/qi-li/claims/zz-test.yaml"


@pytest.fixture
def extra_claims(data_dir: Path) -> Path:
    path = data_dir / "papers" / "qi-li" / "claims" / "zz-test.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(EXTRA, encoding="utf-8")
    return path


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_data_are_valid(data_dir: Path):
    dataset = read_dataset(data_dir)
    assert dataset.counts()["papers"]["qi-li"]["sections"] == 10


def test_a_quote_that_is_not_in_its_source_is_rejected(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "现有研究主要采取两种路径", "现有研究主要采取三种路径")
    line = line_number(extra_claims, "三种路径")
    assert f"{SHOWN}:{line}: quote_zh not found verbatim anywhere in the source" in problems(data_dir)


def test_a_quote_from_another_section_is_rejected(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "现有研究主要采取两种路径", "数据是决策的基础")
    line = line_number(extra_claims, "数据是决策的基础")
    assert f"{SHOWN}:{line}: quote_zh not found verbatim in section qi-li-s1" in problems(data_dir)


def test_the_span_of_a_quote_is_recorded(data_dir: Path, extra_claims: Path):
    dataset = read_dataset(data_dir)
    claim = next(c for c in dataset.rows[Claim] if c.id == "test-two-paths")
    source = (data_dir / "sources" / "qi-li.txt").read_text(encoding="utf-8")
    assert source[claim.span_start : claim.span_end] == "现有研究主要采取两种路径"


def test_a_dangling_reference_is_rejected(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "to: test-two-paths", "to: test-no-such-claim")
    line = line_number(extra_claims, "test-no-such-claim")
    assert f"{SHOWN}:{line}: unknown claim 'test-no-such-claim'" in problems(data_dir)


def test_an_unknown_concept_is_rejected(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "concepts: [technological-revolution]", "concepts: [no-such-concept]")
    line = line_number(extra_claims, "no-such-concept")
    assert f"{SHOWN}:{line}: unknown concept 'no-such-concept'" in problems(data_dir)


def test_a_duplicate_id_is_rejected_with_both_places(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "id: test-neo-schumpeterian-path", "id: test-two-paths")
    lines = extra_claims.read_text(encoding="utf-8").splitlines()
    first, second = [n for n, line in enumerate(lines, start=1) if "id: test-two-paths" in line]
    found = [p for p in problems(data_dir) if "duplicate id 'test-two-paths'" in p]
    assert found and found[0].startswith(f"{SHOWN}:{second}:")
    assert f"first used at {SHOWN}:{first}" in found[0]


def test_an_unknown_relation_is_rejected(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "relation: elaborates", "relation: proves")
    line = line_number(extra_claims, "relation: proves")
    found = problems(data_dir)
    assert any(p.startswith(f"{SHOWN}:{line}: claims.1.links.0.relation") for p in found), found


def test_a_self_link_and_a_duplicate_link_are_rejected(data_dir: Path, extra_claims: Path):
    edit(
        extra_claims,
        "links: [{relation: elaborates, to: test-two-paths}]",
        "links: [{relation: elaborates, to: test-neo-schumpeterian-path}, {relation: supports, to: test-two-paths},"
        " {relation: supports, to: test-two-paths}]",
    )
    found = problems(data_dir)
    assert any("a claim cannot link to itself" in p for p in found)
    assert any("duplicate link supports → test-two-paths" in p for p in found)


def test_a_malformed_file_is_rejected_with_its_line(data_dir: Path, extra_claims: Path):
    edit(extra_claims, '    weight: detail\n    quote_zh: "现有', '    weight: [detail\n    quote_zh: "现有')
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:") and "malformed YAML" in found[0]


def test_every_problem_is_reported_at_once(data_dir: Path, extra_claims: Path):
    edit(extra_claims, "现有研究主要采取两种路径", "不存在的引文")
    edit(extra_claims, "concepts: [technological-revolution]", "concepts: [no-such-concept]")
    found = problems(data_dir)
    assert any("quote_zh not found" in p for p in found)
    assert any("unknown concept 'no-such-concept'" in p for p in found)


def test_a_failed_reload_keeps_the_last_good_data_serving(client, data_dir: Path, extra_claims: Path):
    refresh_data(client.app)
    assert client.get("/api/claims/test-two-paths").status_code == 200
    before = client.get("/healthz").json()["dataset_version"]
    edit(extra_claims, "现有研究主要采取两种路径", "不存在的引文")
    refresh_data(client.app)
    health = client.get("/healthz").json()
    assert health["dataset_version"] == before
    assert health["last_load_problems"] == 1
    assert client.get("/api/claims/test-two-paths").json()["quote_zh"] == "现有研究主要采取两种路径"


def test_validate_prints_counts_or_problems(data_dir: Path, extra_claims: Path):
    runner = CliRunner()
    good = runner.invoke(cli, ["validate", "--data-dir", str(data_dir)])
    assert good.exit_code == 0, good.output
    assert "qi-li:" in good.output and "layers:" in good.output and "causal" in good.output
    assert f"tours: {len(list((data_dir / 'tours').glob('*.yaml')))}" in good.output
    edit(extra_claims, "现有研究主要采取两种路径", "不存在的引文")
    bad = runner.invoke(cli, ["validate", "--data-dir", str(data_dir)])
    assert bad.exit_code == 1
    assert "zz-test.yaml:" in bad.output and "quote_zh not found" in bad.output


def test_a_row_field_the_table_lacks_is_a_path_line_problem(extra_claims: Path):
    raw = read_yaml(extra_claims, SHOWN)
    origin = Origin(SHOWN, raw, ("claims", 1))
    assert build_row(Claim, origin, id="test-neo-schumpeterian-path", official_en=None).official_en is None
    with pytest.raises(LoadError) as caught:
        build_row(Claim, origin, id="test-neo-schumpeterian-path", oficial_en="One path.")
    line = line_number(extra_claims, "id: test-neo-schumpeterian-path")
    assert [str(p) for p in caught.value.problems] == [
        f"{SHOWN}:{line}: the loader gives Claim a field it lacks: 'oficial_en'"
    ]


def test_a_loader_step_that_misspells_a_field_stops_the_load_at_the_entry(
    data_dir: Path, extra_claims: Path, monkeypatch: pytest.MonkeyPatch
):
    """A misspelled field is never dropped in silence: the load fails at the entry it came from."""

    def misspelled(table, origin, **values):
        if "official_en" in values:
            values["oficial_en"] = values.pop("official_en")
        return reader_module.build_row(table, origin, **values)

    monkeypatch.setattr(claims_step, "build_row", misspelled)
    found = problems(data_dir)
    assert len(found) == 1
    assert re.fullmatch(
        r"data/papers/[a-z-]+/claims/[a-z0-9-]+\.yaml:\d+: the loader gives Claim a field it lacks: 'oficial_en'",
        found[0],
    )
