"""The loader checks everything before writing, reports every problem as path:line, and
a failed load leaves the previous data in the database. Run on the fixture dataset, with two
claims added to zheng-wu's first section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.database.models import Claim
from app.dataset import reader as reader_module
from app.dataset.loader import LoadError, read_dataset
from app.dataset.reader import Origin, build_row
from app.dataset.steps import claims as claims_step
from app.dataset.yaml_lines import read_yaml
from app.main import refresh_data
from tests.conftest import edit, line_number

EXTRA = """\
section: zheng-wu-s1
claims:
  - id: test-two-paths
    kind: example
    weight: detail
    quote_zh: "利用数字账本安排了四十户农户的播种时间"
    text_en: A cooperative scheduled the sowing of forty households with a digital ledger.
    concepts: [digital-ledger]
  - id: test-neo-schumpeterian-path
    kind: background
    weight: detail
    quote_zh: "生产以“数据—计划”循环为基础"
    text_en: Production rests on the data–plan cycle.
    concepts: [production-planning]
    links: [{relation: elaborates, to: test-two-paths}]
"""
QUOTE = "利用数字账本安排了四十户农户的播种时间"
SHOWN = "data/papers/zheng-wu/claims/zz-test.yaml"


@pytest.fixture
def extra_claims(fixture_data_dir: Path) -> Path:
    path = fixture_data_dir / "papers" / "zheng-wu" / "claims" / "zz-test.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_data_are_valid(data_dir: Path):
    dataset = read_dataset(data_dir)
    assert dataset.counts()["papers"]["qi-li"]["sections"] == 10


def test_a_quote_that_is_not_in_its_source_is_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, QUOTE, "利用数字账本安排了五十户农户的播种时间")
    line = line_number(extra_claims, "五十户")
    assert f"{SHOWN}:{line}: quote_zh not found verbatim anywhere in the source" in problems(fixture_data_dir)


def test_a_quote_from_another_section_is_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, QUOTE, "数据共享扩大了协作规模")
    line = line_number(extra_claims, "数据共享扩大了协作规模")
    assert f"{SHOWN}:{line}: quote_zh not found verbatim in section zheng-wu-s1" in problems(fixture_data_dir)


def test_the_span_of_a_quote_is_recorded(fixture_data_dir: Path, extra_claims: Path):
    dataset = read_dataset(fixture_data_dir)
    claim = next(c for c in dataset.rows[Claim] if c.id == "test-two-paths")
    source = (fixture_data_dir / "sources" / "zheng-wu.txt").read_text(encoding="utf-8")
    assert source[claim.span_start : claim.span_end] == QUOTE


def test_a_dangling_reference_is_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, "to: test-two-paths", "to: test-no-such-claim")
    line = line_number(extra_claims, "test-no-such-claim")
    assert f"{SHOWN}:{line}: unknown claim 'test-no-such-claim'" in problems(fixture_data_dir)


def test_an_unknown_concept_is_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, "concepts: [production-planning]", "concepts: [no-such-concept]")
    line = line_number(extra_claims, "no-such-concept")
    assert f"{SHOWN}:{line}: unknown concept 'no-such-concept'" in problems(fixture_data_dir)


def test_a_duplicate_id_is_rejected_with_both_places(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, "id: test-neo-schumpeterian-path", "id: test-two-paths")
    lines = extra_claims.read_text(encoding="utf-8").splitlines()
    first, second = [n for n, line in enumerate(lines, start=1) if "id: test-two-paths" in line]
    found = [p for p in problems(fixture_data_dir) if "duplicate id 'test-two-paths'" in p]
    assert found and found[0].startswith(f"{SHOWN}:{second}:")
    assert f"first used at {SHOWN}:{first}" in found[0]


def test_an_unknown_relation_is_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, "relation: elaborates", "relation: proves")
    line = line_number(extra_claims, "relation: proves")
    found = problems(fixture_data_dir)
    assert any(p.startswith(f"{SHOWN}:{line}: claims.1.links.0.relation") for p in found), found


def test_a_self_link_and_a_duplicate_link_are_rejected(fixture_data_dir: Path, extra_claims: Path):
    edit(
        extra_claims,
        "links: [{relation: elaborates, to: test-two-paths}]",
        "links: [{relation: elaborates, to: test-neo-schumpeterian-path}, {relation: supports, to: test-two-paths},"
        " {relation: supports, to: test-two-paths}]",
    )
    found = problems(fixture_data_dir)
    assert any("a claim cannot link to itself" in p for p in found)
    assert any("duplicate link supports → test-two-paths" in p for p in found)


def test_a_malformed_file_is_rejected_with_its_line(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, '    weight: detail\n    quote_zh: "利用', '    weight: [detail\n    quote_zh: "利用')
    found = problems(fixture_data_dir)
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}:") and "malformed YAML" in found[0]


def test_every_problem_is_reported_at_once(fixture_data_dir: Path, extra_claims: Path):
    edit(extra_claims, QUOTE, "不存在的引文")
    edit(extra_claims, "concepts: [production-planning]", "concepts: [no-such-concept]")
    found = problems(fixture_data_dir)
    assert any("quote_zh not found" in p for p in found)
    assert any("unknown concept 'no-such-concept'" in p for p in found)


def test_a_failed_reload_keeps_the_last_good_data_serving(fixture_client, fixture_data_dir: Path, extra_claims: Path):
    refresh_data(fixture_client.app)
    assert fixture_client.get("/api/claims/test-two-paths").status_code == 200
    before = fixture_client.get("/healthz").json()["dataset_version"]
    edit(extra_claims, QUOTE, "不存在的引文")
    refresh_data(fixture_client.app)
    health = fixture_client.get("/healthz").json()
    assert health["dataset_version"] == before
    assert health["last_load_problems"] == 1
    assert fixture_client.get("/api/claims/test-two-paths").json()["quote_zh"] == QUOTE


def test_validate_prints_counts_or_problems(fixture_data_dir: Path, extra_claims: Path):
    runner = CliRunner()
    good = runner.invoke(cli, ["validate", "--data-dir", str(fixture_data_dir)])
    assert good.exit_code == 0, good.output
    assert "zheng-wu:" in good.output and "layers:" in good.output and "causal" in good.output
    assert f"tours: {len(list((fixture_data_dir / 'tours').glob('*.yaml')))}" in good.output
    edit(extra_claims, QUOTE, "不存在的引文")
    bad = runner.invoke(cli, ["validate", "--data-dir", str(fixture_data_dir)])
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
    fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """A misspelled field is never dropped in silence: the load fails at the entry it came from."""

    def misspelled(table, origin, **values):
        if "official_en" in values:
            values["oficial_en"] = values.pop("official_en")
        return reader_module.build_row(table, origin, **values)

    monkeypatch.setattr(claims_step, "build_row", misspelled)
    found = problems(fixture_data_dir)
    assert len(found) == 1
    assert re.fullmatch(
        r"data/papers/[a-z-]+/claims/[a-z0-9-]+\.yaml:\d+: the loader gives Claim a field it lacks: 'oficial_en'",
        found[0],
    )
