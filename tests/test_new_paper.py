"""A new paper is data only: `argmap new-paper` scaffolds valid files, and a made-up third
paper (tests/fixtures/third-paper, never shipped) shows up on every page, in search and in
the exports without any code change."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.dataset.loader import read_dataset
from app.dataset.scaffold import first_sentence, read_source
from app.main import create_app
from tests.conftest import SHIPPED_DATA, _sibling_postgres_database

FIXTURE = Path(__file__).parent / "fixtures" / "third-paper"
KEY = "fixture-zhou"
runner = CliRunner()


def new_paper(data_dir: Path, key: str = KEY, source: Path = FIXTURE / "source.txt"):
    return runner.invoke(cli, ["new-paper", key, "--source", str(source), "--data-dir", str(data_dir)])


def test_new_paper_scaffolds_files_that_validate_and_says_what_to_do_next(data_dir: Path):
    result = new_paper(data_dir)
    assert result.exit_code == 0, result.output
    assert f"created {data_dir / 'sources' / f'{KEY}.txt'}" in result.output
    assert "Next steps" in result.output and "argmap validate" in result.output
    assert (data_dir / "sources" / f"{KEY}.txt").read_text(encoding="utf-8") == (FIXTURE / "source.txt").read_text(
        encoding="utf-8"
    )
    paper = yaml.safe_load((data_dir / "papers" / KEY / "paper.yaml").read_text(encoding="utf-8"))
    assert paper["title_zh"] == "数字平台、耐心资本与生产社会化（测试用虚构论文）"
    assert paper["journal"] is None and paper["year"] is None and paper["authors_zh"] is None
    assert [s["id"] for s in paper["sections"]] == [f"{KEY}-text"]
    claims = yaml.safe_load((data_dir / "papers" / KEY / "claims" / "text.yaml").read_text(encoding="utf-8"))
    assert claims["claims"][0]["quote_zh"] == "摘要：本文是为软件测试虚构的文本，不是真实的论文。"
    assert read_dataset(data_dir).counts()["papers"][KEY]["claims"] == 1
    validate = runner.invoke(cli, ["validate", "--data-dir", str(data_dir)])
    assert validate.exit_code == 0 and f"  {KEY}: 1 sections, 1 claims" in validate.output


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("lu-yang", "not created: a paper 'lu-yang' already exists"),
        ("Zhang_Wang", "not created: 'Zhang_Wang' is not a valid paper key"),
        ("qi-li-thesis", "duplicate id 'qi-li-thesis'"),  # a paper key is an id like any other
    ],
)
def test_new_paper_refuses_a_key_it_cannot_use_and_leaves_nothing_behind(data_dir: Path, key: str, message: str):
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    result = new_paper(data_dir, key)
    assert result.exit_code == 1 and message in result.output
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before


def test_new_paper_refuses_a_source_that_is_not_utf8(data_dir: Path, tmp_path: Path):
    source = tmp_path / "gbk.txt"
    source.write_bytes("数字平台".encode("gbk"))
    result = new_paper(data_dir, source=source)
    assert result.exit_code == 1 and "is not UTF-8 text" in result.output
    assert not (data_dir / "papers" / KEY).exists()


def test_the_source_is_copied_with_only_line_endings_and_bom_normalised(tmp_path: Path):
    source = tmp_path / "windows.txt"
    source.write_bytes("\ufeff标题\r\n正文第一句。第二句！".encode())
    assert read_source(source) == "标题\n正文第一句。第二句！\n"
    assert first_sentence(read_source(source)) == "正文第一句。"


# -- the made-up third paper, end to end


def add_third_paper(data_dir: Path) -> None:
    """What an editor does: scaffold from the text, then write the paper's data files."""
    result = new_paper(data_dir)
    assert result.exit_code == 0, result.output
    paper_dir = data_dir / "papers" / KEY
    (paper_dir / "claims" / "text.yaml").unlink()
    shutil.copyfile(FIXTURE / "paper.yaml", paper_dir / "paper.yaml")
    for claims in (FIXTURE / "claims").glob("*.yaml"):
        shutil.copyfile(claims, paper_dir / "claims" / claims.name)
    shutil.copyfile(FIXTURE / "concepts.yaml", data_dir / "concepts" / f"{KEY}.yaml")
    with (data_dir / "cross-paper.yaml").open("a", encoding="utf-8") as cross:
        cross.write((FIXTURE / "cross-paper.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app over the shipped data plus the third paper, shared by the checks below."""
    data_dir = tmp_path_factory.mktemp("third") / "data"
    shutil.copytree(SHIPPED_DATA, data_dir)
    add_third_paper(data_dir)
    url = os.environ.get("DATABASE_URL")
    url = _sibling_postgres_database(url, "third") if url else f"sqlite:///{data_dir.parent / 'argmap.db'}"
    with TestClient(create_app(database_url=url, data_dir=data_dir)) as client:
        assert client.app.state.load_problems == []
        yield client


def test_the_third_paper_is_valid_data(third: TestClient):
    counts = read_dataset(third.app.state.data_dir).counts()["papers"]
    assert list(counts) == ["fixture-zhou", "lu-yang", "qi-li"]
    assert counts[KEY] == {"sections": 5, "claims": 5, "references": 1, "causal links held": 3}


# (address, text it must show). One line per place a paper appears; add new pages and exports here.
APPEARS_ON = [
    ("/", "数字平台、耐心资本与生产社会化"),
    (f"/papers/{KEY}", "数字平台把分散的生产单位连接起来"),
    (f"/papers/{KEY}/text", "平台汇聚的数据使企业之间的协作更加紧密"),
    (f"/claims/{KEY}-thesis", "数字平台通过汇聚数据提高了生产的社会化程度"),
    (f"/claims/{KEY}-thesis/card", "数字平台通过汇聚数据提高了生产的社会化程度"),
    (f"/claims/{KEY}-s2-long-term", "/claims/lu-yang-patient-capital-matches-cycles"),
    ("/claims/lu-yang-patient-capital-matches-cycles", f"/claims/{KEY}-s2-long-term"),
    ("/concepts", "/concepts/digital-platform"),
    ("/concepts/digital-platform", "平台基础设施需要长期投入，因而离不开耐心资本"),
    ("/concepts/patient-capital", f"/claims/{KEY}-patient-capital"),
    ("/concepts/socialization-of-production", f"/claims/{KEY}-thesis"),
    ("/search?q=数字平台", f"/claims/{KEY}-s1-connects"),
    ("/references", "虚构的参考文献"),
    ("/compare", f"/claims/{KEY}-patient-capital"),
    ("/compare/patient-capital", f"/claims/{KEY}-patient-capital"),
    ("/compare/patient-capital", "/claims/lu-yang-patient-capital-matches-cycles"),
    ("/chains", f"/claims/{KEY}-patient-capital"),  # among each paper's key chains
    ("/chains?from=patient-capital&to=socialization-of-production", f"/claims/{KEY}-patient-capital"),
    *[
        (f"/export/{name}", f"{KEY}-s1-closer-cooperation")
        for name in (
            "graph.json",
            "graph.graphml",
            "cytoscape.json",
            "aif.json",
            "argmap.argdown",
            "argdown.json",
            "annotations.jsonld",
            "claims.csv",
            "links.csv",
            "dataset.jsonld",
        )
    ],
    ("/export", f"{KEY}"),
    (f"/graph?paper={KEY}", f"/claims/{KEY}-s1-connects"),
    (f"/graph?focus={KEY}-s2-long-term", "/claims/lu-yang-patient-capital-matches-cycles"),
]


@pytest.mark.parametrize(("path", "text"), APPEARS_ON)
def test_the_third_paper_appears_everywhere_with_no_code_change(third: TestClient, path: str, text: str):
    page = third.get(path)
    assert page.status_code == 200, path
    assert text in page.text, path
    if page.headers["content-type"].startswith("text/html"):
        twin = page.headers["link"].split(";")[0].strip("<>")
        data = third.get(twin)
        assert data.status_code == 200 and text in data.text, twin


def test_the_concepts_table_has_a_column_for_the_third_paper(third: TestClient):
    concepts = third.get("/api/concepts").json()
    assert concepts["papers"] == ["fixture-zhou", "lu-yang", "qi-li"]
    row = next(c for c in concepts["concepts"] if c["concept"]["id"] == "patient-capital")
    assert row["claims_by_paper"][KEY] == 2


def test_the_graph_export_names_the_third_papers_source_and_holds_its_items(third: TestClient):
    graph = third.get("/export/graph.json").json()
    assert {
        "paper": KEY,
        "title_zh": "数字平台、耐心资本与生产社会化（测试用虚构论文）",
        "source": f"data/sources/{KEY}.txt",
    } in graph["graph"]["sources"]
    ids = {node["id"] for node in graph["nodes"]}
    assert {f"{KEY}-thesis", f"{KEY}-s2-long-term", "digital-platform"} <= ids
