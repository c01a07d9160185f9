"""Guided tours over HTTP: an instructor hands out /tours/{tour} or one of its steps, a student
follows it; and the loader refuses a tour that points at nothing. Run on the fixture dataset:
zheng-wu-argument has six steps, one of every kind (4: a chain, 5: a graph);
ledgers-in-both-papers has four, with notes in English only from step 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from typer.testing import CliRunner

from app.cli import cli
from app.main import refresh_data
from tests.conftest import FIXTURE_DATA, edit, line_number, validation_problems

TOURS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (FIXTURE_DATA / "tours").glob("*.yaml")
}
EVERY_STEP = [f"/tours/{tour}/{n}" for tour, data in sorted(TOURS.items()) for n in range(1, len(data["steps"]) + 1)]


@pytest.mark.parametrize("path", ["/tours", *[f"/tours/{tour}" for tour in sorted(TOURS)], *EVERY_STEP])
def test_every_tour_page_has_a_working_json_twin(fixture_reader, path):
    page = fixture_reader.get(path)
    assert page.status_code == 200, path
    twin = page.headers["link"].split(";")[0].strip("<>")
    assert twin == "/api" + path
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}"' in page.text
    data = fixture_reader.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin


def test_the_tours_page_lists_every_tour_with_its_step_count(fixture_reader):
    listed = {tour["id"]: tour for tour in fixture_reader.get("/api/tours").json()["tours"]}
    assert {tour: item["steps"] for tour, item in listed.items()} == {t: len(d["steps"]) for t, d in TOURS.items()}
    page = fixture_reader.get("/tours").text
    for tour, data in TOURS.items():
        assert f'href="/tours/{tour}"' in page and escape(data["title_en"]) in page
        assert f"{len(data['steps'])} steps" in page


def test_a_tour_page_lists_every_step_with_its_note_and_links(fixture_reader):
    data = TOURS["zheng-wu-argument"]
    assert {step["kind"] for step in data["steps"]} == {"claim", "concept", "chain", "graph"}
    page = fixture_reader.get("/tours/zheng-wu-argument").text
    names = {paper["id"]: paper["name_en"] for paper in fixture_reader.get("/api/papers").json()["papers"]}
    for n, step in enumerate(data["steps"], start=1):
        assert f'href="/tours/zheng-wu-argument/{n}"' in page
        shown = step["note_en"].split(".")[0]
        for paper_id, name in names.items():  # a paper named by its id in the data is shown by its authors
            shown = re.sub(rf"(?i)(?<![\w-]){paper_id}(?![\w-])", name, shown)
        assert escape(shown) in page
    for step in data["steps"]:
        if step["kind"] == "claim":
            assert f'href="/claims/{step["claim"]}"' in page
        elif step["kind"] == "concept":
            assert f'href="/concepts/{step["concept"]}"' in page
        elif step["kind"] == "chain":  # a tour teaches only the chains the authors state
            assert f'href="/chains?from={step["from"]}&amp;to={step["to"]}' in page
            assert "basis=stated" in page
        else:
            assert f'href="/graph?focus={step["focus"]}' in page


@pytest.mark.parametrize("tour", sorted(TOURS))
def test_every_step_links_to_a_page_that_shows_its_target(fixture_reader, tour):
    for step in fixture_reader.get(f"/api/tours/{tour}").json()["steps"]:
        target = fixture_reader.get(step["target_url"])
        assert target.status_code == 200, step["target_url"]


def test_a_step_shows_its_note_beside_the_papers_own_words(fixture_reader):
    page = fixture_reader.get("/tours/ledgers-in-both-papers/1").text
    assert "Step 1 of 4" in page
    assert escape(TOURS["ledgers-in-both-papers"]["steps"][0]["note_en"].split(".")[0]) in page
    assert "成为提高农民收入的重要力量" in page  # the quote
    assert "have become an important force for raising farmers’ incomes" in page  # the paper's own English
    assert "not a quotation" in page  # the note is marked as the project's own words


def test_previous_and_next_walk_the_tour_and_end_at_the_list(fixture_reader):
    first = fixture_reader.get("/api/tours/zheng-wu-argument/1").json()
    assert first["previous"] is None and first["next"]["url"] == "/tours/zheng-wu-argument/2"
    middle = fixture_reader.get("/tours/zheng-wu-argument/3").text
    assert 'rel="prev" href="/tours/zheng-wu-argument/2"' in middle
    assert 'rel="next" href="/tours/zheng-wu-argument/4"' in middle
    last = fixture_reader.get("/api/tours/zheng-wu-argument/6").json()
    assert last["next"] is None and last["previous"]["url"] == "/tours/zheng-wu-argument/5"
    assert 'href="/tours">End of the tour' in fixture_reader.get("/tours/zheng-wu-argument/6").text


def test_a_chain_step_shows_only_the_chains_it_asks_for(fixture_reader):
    steps = TOURS["zheng-wu-argument"]["steps"]
    number, asked = next((n, s) for n, s in enumerate(steps, start=1) if s["kind"] == "chain")
    step = fixture_reader.get(f"/api/tours/zheng-wu-argument/{number}").json()
    assert step["step"]["kind"] == "chain"
    assert step["chains"] and all(chain["held_by"] == asked["held"] for chain in step["chains"])
    for chain in step["chains"]:
        ends = [chain["concepts"][0]["id"], chain["concepts"][-1]["id"]]
        assert ends == [asked["from"], asked["to"]]
        assert len(chain["steps"]) <= asked["length"]


def test_a_graph_step_lists_the_views_nodes_without_javascript(fixture_reader):
    step = fixture_reader.get("/api/tours/zheng-wu-argument/5").json()
    graph = step["graph"]
    assert graph["url"] == "/graph?focus=zheng-wu-s1-thesis&depth=1&layers=argument"
    ids = {node["id"] for node in graph["nodes"]}
    assert {"zheng-wu-s1-thesis", "zheng-wu-s1-ledger-cuts-costs", "zheng-wu-intro-thesis"} <= ids
    assert "zheng-wu-s1-vegetable-example" not in ids  # two steps away
    page = fixture_reader.get("/tours/zheng-wu-argument/5").text
    assert 'href="/claims/zheng-wu-s1-marx-cooperation"' in page


def test_the_tours_read_in_chinese(fixture_reader):
    listing = fixture_reader.get("/tours?lang=zh").text
    assert "导读路线" in listing and "郑林、吴桐的论证：六步导读" in listing
    step = fixture_reader.get("/tours/zheng-wu-argument/1?lang=zh").text
    assert "第 1 步，共 6 步" in step and "从终点开始" in step
    assert "第 2 步：" in fixture_reader.get("/tours/zheng-wu-argument?lang=zh").text


def test_a_note_without_chinese_is_shown_in_english_and_marked_so(fixture_reader):
    assert "note_zh" not in TOURS["ledgers-in-both-papers"]["steps"][1]
    step = fixture_reader.get("/tours/ledgers-in-both-papers/2?lang=zh").text
    assert '<p class="tour-note" lang="en">The same mechanism in the other paper' in step


def test_the_site_leads_to_the_tours(fixture_reader):
    home = fixture_reader.get("/").text
    assert '<a href="/tours">Tours</a>' in home
    assert 'href="/tours/zheng-wu-argument"' in home
    assert '<a href="/tours">导读</a>' in fixture_reader.get("/?lang=zh").text


@pytest.mark.parametrize(
    "path", ["/tours/no-such-tour", "/tours/no-such-tour/1", "/tours/zheng-wu-argument/0", "/tours/zheng-wu-argument/7"]
)
def test_an_unknown_tour_or_step_is_a_friendly_404(fixture_reader, path):
    page = fixture_reader.get(path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    error = fixture_reader.get("/api" + path)
    assert error.status_code == 404 and error.json()["error"]["status"] == 404


def test_a_step_out_of_range_says_how_many_steps_there_are(fixture_reader):
    error = fixture_reader.get("/api/tours/zheng-wu-argument/7").json()["error"]
    assert "has 6 steps; there is no step 7" in error["message"]


@pytest.mark.parametrize("n", ["two", "1.5"])
def test_a_step_number_that_is_not_a_number_is_a_422(fixture_reader, n):
    assert fixture_reader.get(f"/tours/zheng-wu-argument/{n}").status_code == 422
    error = fixture_reader.get(f"/api/tours/zheng-wu-argument/{n}")
    assert error.status_code == 422 and "whole number" in error.json()["error"]["message"]


# -- the loader's checks


def test_a_tour_pointing_at_an_unknown_claim_is_refused_with_its_line(fixture_data_dir: Path):
    tour = fixture_data_dir / "tours" / "zheng-wu-argument.yaml"
    edit(tour, "claim: zheng-wu-intro-thesis", "claim: zheng-wu-no-such-claim")
    line = line_number(tour, "claim: zheng-wu-no-such-claim")
    assert validation_problems(fixture_data_dir) == [
        f"data/tours/zheng-wu-argument.yaml:{line}: unknown claim 'zheng-wu-no-such-claim'"
    ]


def test_a_chain_step_without_a_causal_path_is_refused(fixture_data_dir: Path):
    tour = fixture_data_dir / "tours" / "zheng-wu-argument.yaml"
    edit(tour, "    to: rural-income", "    to: digital-ledger")
    edit(tour, "from: digital-ledger", "from: rural-income")
    edit(tour, "    held: zheng-wu\n", "")
    line = line_number(tour, "from: rural-income")
    assert (
        f"data/tours/zheng-wu-argument.yaml:{line}: no causal chain of links the authors state "
        "(basis: stated) leads from 'rural-income' to 'digital-ledger' in at most 3 steps"
    ) in validation_problems(fixture_data_dir)


def test_a_chain_step_held_by_the_other_paper_is_refused(fixture_data_dir: Path):
    tour = fixture_data_dir / "tours" / "zheng-wu-argument.yaml"
    edit(tour, "    held: zheng-wu", "    held: han-su")  # han-su states no link into rural-income
    line = line_number(tour, "from: digital-ledger")
    assert validation_problems(fixture_data_dir) == [
        f"data/tours/zheng-wu-argument.yaml:{line}: no causal chain of links the authors state "
        "(basis: stated) held by han-su leads from 'digital-ledger' to 'rural-income' in at most 3 steps"
    ]


def test_a_step_with_the_wrong_target_or_an_unknown_layer_is_refused(fixture_data_dir: Path):
    tour = fixture_data_dir / "tours" / "zheng-wu-argument.yaml"
    edit(tour, "    concept: data-sharing", "    claim: zheng-wu-thesis")
    edit(tour, "layers: [argument]", "layers: [argument, arguments]")
    found = validation_problems(fixture_data_dir)
    kind_line = line_number(tour, "kind: concept")
    assert f"data/tours/zheng-wu-argument.yaml:{kind_line}: a concept step needs 'concept'" in found
    assert f"data/tours/zheng-wu-argument.yaml:{line_number(tour, 'arguments]')}: unknown layer 'arguments'; " in (
        " ".join(found)
    )


def test_a_bad_tour_keeps_the_last_good_data_serving(fixture_client, fixture_data_dir: Path):
    assert fixture_client.get("/api/tours/zheng-wu-argument/3").json()["concept"]["concept"]["id"] == "data-sharing"
    tour = fixture_data_dir / "tours" / "zheng-wu-argument.yaml"
    edit(tour, "concept: data-sharing", "concept: no-such-concept")
    refresh_data(fixture_client.app)
    line = line_number(tour, "concept: no-such-concept")
    assert fixture_client.app.state.load_problems == [
        f"data/tours/zheng-wu-argument.yaml:{line}: unknown concept 'no-such-concept'"
    ]
    assert fixture_client.get("/api/tours/zheng-wu-argument/3").json()["concept"]["concept"]["id"] == "data-sharing"


def test_a_tour_of_a_paper_the_dataset_does_not_hold_is_left_out(fixture_data_dir: Path):
    (fixture_data_dir / "tours" / "another-paper.yaml").write_text(
        """\
title_en: A tour of a paper not in this copy of the data
title_zh: 本数据中没有的论文的导读
summary_en: Its paper's files are absent, so its targets cannot be checked.
papers: [absent-paper]
steps:
  - {kind: claim, claim: absent-paper-thesis, title_en: The thesis, note_en: Not in this dataset.}
""",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", "--data-dir", str(fixture_data_dir)])
    assert result.exit_code == 0, result.output
    assert f"tours: {len(TOURS)}\n" in result.output
