"""Guided tours over HTTP: an instructor hands out /tours/{tour} or one of its steps, a student
follows it; and the loader refuses a tour that points at nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from app.dataset.loader import LoadError, read_dataset
from app.main import refresh_data
from app.models import Tour
from tests.conftest import SHIPPED_DATA, edit, line_number

TOURS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (SHIPPED_DATA / "tours").glob("*.yaml")
}
EVERY_STEP = [f"/tours/{tour}/{n}" for tour, data in sorted(TOURS.items()) for n in range(1, len(data["steps"]) + 1)]


def test_the_three_promised_tours_ship_with_six_to_ten_steps():
    assert {"lu-yang-argument", "qi-li-argument", "patient-capital-and-time"} <= set(TOURS)
    for tour, data in TOURS.items():
        assert 6 <= len(data["steps"]) <= 10, tour


@pytest.mark.parametrize("path", ["/tours", *[f"/tours/{tour}" for tour in sorted(TOURS)], *EVERY_STEP])
def test_every_tour_page_has_a_working_json_twin(reader, path):
    page = reader.get(path)
    assert page.status_code == 200, path
    twin = page.headers["link"].split(";")[0].strip("<>")
    assert twin == "/api" + path
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}"' in page.text
    data = reader.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin


def test_the_tours_page_lists_every_tour_with_its_step_count(reader):
    listed = {tour["id"]: tour for tour in reader.get("/api/tours").json()["tours"]}
    assert {tour: item["steps"] for tour, item in listed.items()} == {t: len(d["steps"]) for t, d in TOURS.items()}
    page = reader.get("/tours").text
    for tour, data in TOURS.items():
        assert f'href="/tours/{tour}"' in page and escape(data["title_en"]) in page
        assert f"{len(data['steps'])} steps" in page


def test_a_tour_page_lists_every_step_with_its_note_and_links(reader):
    data = TOURS["patient-capital-and-time"]
    page = reader.get("/tours/patient-capital-and-time").text
    names = {paper["id"]: paper["name_en"] for paper in reader.get("/api/papers").json()["papers"]}
    for n, step in enumerate(data["steps"], start=1):
        assert f'href="/tours/patient-capital-and-time/{n}"' in page
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
def test_every_step_links_to_a_page_that_shows_its_target(reader, tour):
    for step in reader.get(f"/api/tours/{tour}").json()["steps"]:
        target = reader.get(step["target_url"])
        assert target.status_code == 200, step["target_url"]


def test_a_step_shows_its_note_beside_the_papers_own_words(reader):
    page = reader.get("/tours/lu-yang-argument/1").text
    assert "Step 1 of 9" in page
    assert escape(TOURS["lu-yang-argument"]["steps"][0]["note_en"].split(".")[0]) in page
    assert "成为推动我国高质量发展的重要力量" in page  # the quote
    assert "has become an important driving force" in page  # the paper's own English
    assert "not a quotation" in page  # the note is marked as the project's own words


def test_previous_and_next_walk_the_tour_and_end_at_the_list(reader):
    first = reader.get("/api/tours/qi-li-argument/1").json()
    assert first["previous"] is None and first["next"]["url"] == "/tours/qi-li-argument/2"
    middle = reader.get("/tours/qi-li-argument/5").text
    assert 'rel="prev" href="/tours/qi-li-argument/4"' in middle
    assert 'rel="next" href="/tours/qi-li-argument/6"' in middle
    last = reader.get("/api/tours/qi-li-argument/10").json()
    assert last["next"] is None and last["previous"]["url"] == "/tours/qi-li-argument/9"
    assert 'href="/tours">End of the tour' in reader.get("/tours/qi-li-argument/10").text


def test_a_chain_step_shows_only_the_chains_it_asks_for(reader):
    steps = TOURS["lu-yang-argument"]["steps"]
    number, asked = next((n, s) for n, s in enumerate(steps, start=1) if s["kind"] == "chain")
    step = reader.get(f"/api/tours/lu-yang-argument/{number}").json()
    assert step["step"]["kind"] == "chain"
    assert step["chains"] and all(chain["held_by"] == asked.get("held", "lu-yang") for chain in step["chains"])
    for chain in step["chains"]:
        ends = [chain["concepts"][0]["id"], chain["concepts"][-1]["id"]]
        assert ends == [asked["from"], asked["to"]]
        assert len(chain["steps"]) <= asked.get("length", 4)


def test_a_graph_step_lists_the_views_nodes_without_javascript(reader):
    step = reader.get("/api/tours/lu-yang-argument/8").json()
    graph = step["graph"]
    assert graph["url"] == "/graph?focus=lu-yang-institutional-logic&depth=1&layers=argument"
    ids = {node["id"] for node in graph["nodes"]}
    assert {"lu-yang-institutional-logic", "lu-yang-patient-capital-matches-cycles"} <= ids
    page = reader.get("/tours/lu-yang-argument/8").text
    assert 'href="/claims/lu-yang-short-term-capital-bubbles"' in page


def test_the_tours_read_in_chinese(reader):
    listing = reader.get("/tours?lang=zh").text
    assert "导读路线" in listing and "卢江、杨丽娟的论证：九步导读" in listing
    step = reader.get("/tours/lu-yang-argument/1?lang=zh").text
    assert "第 1 步，共 9 步" in step and "从终点开始" in step
    assert "第 2 步：" in reader.get("/tours/lu-yang-argument?lang=zh").text


def test_a_note_without_chinese_is_shown_in_english_and_marked_so(client, data_dir: Path):
    tour = data_dir / "tours" / "lu-yang-argument.yaml"
    text = tour.read_text(encoding="utf-8")
    tour.write_text(
        text.replace("    note_zh: 这句话是整篇摘要的地图", "    # note_zh: 这句话是整篇摘要的地图"), encoding="utf-8"
    )
    refresh_data(client.app)
    assert client.app.state.load_problems == []
    step = client.get("/tours/lu-yang-argument/3?lang=zh").text
    assert '<p class="tour-note" lang="en">This sentence is the map of the abstract.' in step


def test_the_site_leads_to_the_tours(reader):
    home = reader.get("/").text
    assert '<a href="/tours">Tours</a>' in home
    assert 'href="/tours/qi-li-argument"' in home
    assert '<a href="/tours">导读</a>' in reader.get("/?lang=zh").text


@pytest.mark.parametrize(
    "path", ["/tours/no-such-tour", "/tours/no-such-tour/1", "/tours/qi-li-argument/0", "/tours/qi-li-argument/11"]
)
def test_an_unknown_tour_or_step_is_a_friendly_404(reader, path):
    page = reader.get(path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    error = reader.get("/api" + path)
    assert error.status_code == 404 and error.json()["error"]["status"] == 404


def test_a_step_out_of_range_says_how_many_steps_there_are(reader):
    assert "has 10 steps; there is no step 11" in reader.get("/api/tours/qi-li-argument/11").json()["error"]["message"]


@pytest.mark.parametrize("n", ["two", "1.5"])
def test_a_step_number_that_is_not_a_number_is_a_422(reader, n):
    assert reader.get(f"/tours/qi-li-argument/{n}").status_code == 422
    error = reader.get(f"/api/tours/qi-li-argument/{n}")
    assert error.status_code == 422 and "whole number" in error.json()["error"]["message"]


# -- the loader's checks


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_a_tour_pointing_at_an_unknown_claim_is_refused_with_its_line(data_dir: Path):
    tour = data_dir / "tours" / "lu-yang-argument.yaml"
    edit(tour, "claim: lu-yang-method", "claim: lu-yang-no-such-claim")
    line = line_number(tour, "claim: lu-yang-no-such-claim")
    assert problems(data_dir) == [f"data/tours/lu-yang-argument.yaml:{line}: unknown claim 'lu-yang-no-such-claim'"]


def test_a_chain_step_without_a_causal_path_is_refused(data_dir: Path):
    tour = data_dir / "tours" / "patient-capital-and-time.yaml"
    edit(tour, "    to: capital-turnover", "    to: patient-capital")
    edit(tour, "from: intelligent-production", "from: capital-turnover")
    edit(tour, "    held: lu-yang\n", "")
    line = line_number(tour, "from: capital-turnover")
    assert (
        f"data/tours/patient-capital-and-time.yaml:{line}: no causal chain of links the authors state "
        "(basis: stated) leads from 'capital-turnover' to 'patient-capital' in at most 4 steps"
    ) in problems(data_dir)


def test_a_step_with_the_wrong_target_or_an_unknown_layer_is_refused(data_dir: Path):
    tour = data_dir / "tours" / "qi-li-argument.yaml"
    edit(tour, "    concept: socialization-of-production", "    claim: qi-li-thesis")
    edit(tour, "layers: [argument]", "layers: [argument, arguments]")
    found = problems(data_dir)
    kind_line = line_number(tour, "kind: concept")
    assert f"data/tours/qi-li-argument.yaml:{kind_line}: a concept step needs 'concept'" in found
    assert f"data/tours/qi-li-argument.yaml:{line_number(tour, 'arguments]')}: unknown layer 'arguments'; " in (
        " ".join(found)
    )


def test_a_bad_tour_keeps_the_last_good_data_serving(client, data_dir: Path):
    assert client.get("/api/tours/qi-li-argument/4").json()["concept"]["concept"]["id"] == "socialization-of-production"
    edit(data_dir / "tours" / "qi-li-argument.yaml", "concept: socialization-of-production", "concept: no-such-concept")
    refresh_data(client.app)
    line = line_number(data_dir / "tours" / "qi-li-argument.yaml", "concept: no-such-concept")
    assert client.app.state.load_problems == [
        f"data/tours/qi-li-argument.yaml:{line}: unknown concept 'no-such-concept'"
    ]
    assert client.get("/api/tours/qi-li-argument/4").json()["concept"]["concept"]["id"] == "socialization-of-production"


def test_a_tour_of_a_paper_the_dataset_does_not_hold_is_left_out(data_dir: Path):
    (data_dir / "tours" / "another-paper.yaml").write_text(
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
    assert {tour.id for tour in read_dataset(data_dir).rows[Tour]} == set(TOURS)
