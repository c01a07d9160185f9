"""The lists that name the whole map (papers, concepts, bibliographies, key chains, export
choices) on a map of many papers: they come in pages, so a page costs the same however large
the map grows, and on a map of ordinary size the one page is the whole list, as it always was.
Run on the fixture dataset, and on nine copies of it (eighteen papers, 108 concepts)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from itertools import combinations

import pytest
from fastapi.testclient import TestClient

from app.dataset.schema import LAYERS
from app.exports.context import build_context
from app.exports.filters import Filters
from app.pages import export
from app.pages.concepts import CONCEPTS_PER_PAGE
from app.pages.paging import KEY_CHAIN_PAPERS_PER_PAGE, PAPERS_PER_PAGE, REFERENCES_PER_PAGE, SECTIONS_PER_PAGE
from app.read import graph_views
from app.read.graph import graph_of
from app.read.graph_views import (
    ENDS_BY_LAYER,
    OVERVIEW_LAYERS,
    OVERVIEW_LEVELS,
    LayerChoice,
    overview,
    paper_of,
    unfocused_nodes,
)
from app.read.page_starts import page_starts
from tests.conftest import FIXTURE_DATA, every_page, synthetic_app

LISTS = {  # the JSON twin of each paged list, and how to name what one of its items is about
    "/api/concepts": lambda page: [item["concept"]["id"] for item in page["concepts"]],
    "/api/papers": lambda page: [paper["id"] for paper in page["papers"]],
    "/api/references": lambda page: [bibliography["paper"] for bibliography in page["papers"]],
    "/api/chains": lambda page: [group["paper"] for group in page["key_chains"]],
}


MOST_A_PAGE = {
    "/api/concepts": CONCEPTS_PER_PAGE,
    "/api/papers": PAPERS_PER_PAGE,
    "/api/references": PAPERS_PER_PAGE,
    "/api/chains": KEY_CHAIN_PAPERS_PER_PAGE,
}


@pytest.fixture(scope="module")
def many_papers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield from synthetic_app(tmp_path_factory, FIXTURE_DATA, 9, "long_lists")


@pytest.mark.parametrize("address", LISTS)
def test_on_a_map_of_two_papers_each_list_is_one_page_with_no_page_links(fixture_reader: TestClient, address: str):
    paging = fixture_reader.get(address).json()["paging"]
    assert (paging["page"], paging["pages"], paging["previous"], paging["next"]) == (1, 1, None, None)
    assert 'class="prevnext paging"' not in fixture_reader.get(address.removeprefix("/api")).text


@pytest.mark.parametrize("address", LISTS)
def test_a_long_list_comes_in_pages_that_together_hold_every_item_once(many_papers: TestClient, address: str):
    pages = every_page(many_papers, address)
    items = [item for page in pages for item in LISTS[address](page)]
    per_page = MOST_A_PAGE[address]
    assert len(pages) > 1 and all(len(LISTS[address](page)) <= page["paging"]["per_page"] == per_page for page in pages)
    assert len(items) == len(set(items)) == pages[0]["paging"]["total"]
    if address == "/api/concepts":
        labels = [item["concept"]["label_en"].lower() for page in pages for item in page["concepts"]]
        assert labels == sorted(labels)
    else:
        assert items == [paper["id"] for page in every_page(many_papers, "/api/papers") for paper in page["papers"]]


def test_a_page_says_which_items_it_holds_and_links_both_ways(many_papers: TestClient):
    first, second = every_page(many_papers, "/api/papers")[:2]
    paging = second["paging"]
    assert paging["first"] == len(first["papers"]) + 1 and paging["last"] == paging["first"] + len(second["papers"]) - 1
    assert (paging["total"], paging["previous"], paging["next"]) == (18, "?page=1", "?page=3")
    page = many_papers.get("/papers?page=2").text
    assert 'rel="prev" href="?page=1"' in page and f"Page 2 of {paging['pages']}" in page


@pytest.mark.parametrize(
    ("address", "parts", "most"),
    [
        ("/api/papers", lambda paper: paper["sections"], SECTIONS_PER_PAGE),
        ("/api/references", lambda bibliography: bibliography["entries"], REFERENCES_PER_PAGE),
    ],
)
def test_a_page_of_papers_holds_no_more_than_a_pages_worth_of_their_parts(
    many_papers: TestClient, address: str, parts, most: int
):
    for page in every_page(many_papers, address):
        held = [len(parts(item)) for item in page["papers"]]
        assert len(held) == 1 or sum(held) <= most, held


def test_the_papers_of_a_page_are_fewer_when_they_are_long():
    # sections of five papers, at most three papers and ten sections a page
    assert page_starts([4, 4, 4, 1, 1], 3, 10) == (0, 2)  # 8 sections, then 6 (with the third, 12)
    assert page_starts([2, 2, 2, 2], 3, 10) == (0, 3)  # three papers a page at most
    assert page_starts([25, 1, 30], 3, 10) == (0, 1, 2)  # a long paper has a page to itself
    assert page_starts([], 3, 10) == ()


def test_the_key_chains_pages_keep_the_chosen_basis(many_papers: TestClient):
    paging = many_papers.get("/api/chains?basis=stated").json()["paging"]
    assert paging["next"] == "?basis=stated&page=2"


def test_an_answer_to_a_chain_question_has_no_pages_of_key_chains(fixture_reader: TestClient):
    answer = fixture_reader.get("/api/chains", params={"from": "digital-ledger", "to": "rural-income"}).json()
    assert answer["chains"] and answer["paging"] is None and answer["key_chains"] == []


@pytest.mark.parametrize("address", ["/concepts?page=3", "/papers?page=19", "/references?page=19", "/chains?page=19"])
def test_a_page_past_the_last_is_not_found_and_says_how_many_there_are(many_papers: TestClient, address: str):
    page = many_papers.get(address)
    assert page.status_code == 404 and "There is no page" in page.text
    answer = many_papers.get("/api" + address)
    assert answer.status_code == 404 and "There is no page" in answer.json()["error"]["message"]


def test_the_front_page_shows_the_first_papers_and_links_to_all_of_them(many_papers: TestClient):
    home = many_papers.get("/api").json()
    assert home["papers"] == many_papers.get("/api/papers").json()["papers"] and home["papers_total"] == 18
    front = many_papers.get("/").text
    assert 'href="/papers?page=2"' in front and "The two papers" not in front


def test_concepts_of_many_papers_name_the_papers_that_discuss_each_instead_of_a_column_each(
    many_papers: TestClient, fixture_reader: TestClient
):
    few = fixture_reader.get("/api/concepts").json()
    assert few["column_per_paper"] and all(len(c["claims_by_paper"]) == len(few["papers"]) for c in few["concepts"])
    many = many_papers.get("/api/concepts").json()
    assert not many["column_per_paper"]
    assert all(count > 0 for c in many["concepts"] for count in c["claims_by_paper"].values())
    assert many_papers.get("/concepts").text.count('<th scope="col">') == 2  # the concept, and the papers


def test_the_unfocused_graph_shows_the_same_nodes_whether_indexed_or_walked(many_papers: TestClient):
    snapshot = many_papers.app.state.snapshots.current
    graph, papers = graph_of(snapshot), [p.id for p in snapshot.papers]
    for size in range(1, len(LAYERS) + 1):
        for layers in combinations(LAYERS, size):
            for paper in (None, papers[0], papers[1], papers[-1]):  # the whole map, and one paper's side
                choice = LayerChoice.of(graph, layers, paper, papers)
                assert unfocused_nodes(snapshot, choice) == choice.linked_nodes(), (layers, paper)


def test_an_export_part_too_large_to_measure_shows_one_papers_example_and_no_size(
    fixture_reader: TestClient, monkeypatch: pytest.MonkeyPatch
):
    snapshot = fixture_reader.app.state.snapshots.current
    first = snapshot.papers[0].id
    one_paper = build_context(snapshot, Filters(paper=first)).graph.number_of_nodes()
    assert one_paper < build_context(snapshot, Filters()).graph.number_of_nodes()
    monkeypatch.setattr(export, "MEASURED_NODES_MAX", one_paper)
    fixture_reader.app.state.response_cache.clear()
    page = fixture_reader.get("/api/export").json()
    for fmt in page["formats"]:
        assert fmt["size_bytes"] is None and fmt["example_of"] == first, fmt["name"]
        start = fixture_reader.get(f"{fmt['url']}?paper={first}").text.lstrip("\ufeff").splitlines()[0]
        assert fmt["example"].splitlines()[0].rstrip("…") == start[: len(fmt["example"].splitlines()[0].rstrip("…"))]
    assert "too large to measure" in fixture_reader.get("/export").text
    fixture_reader.app.state.response_cache.clear()


def test_the_export_concept_filter_lists_every_concept_at_its_own_address(fixture_reader: TestClient):
    page = fixture_reader.get("/api/export").json()
    listed = fixture_reader.get(page["concepts_url"])
    assert listed.json() == page["concepts"] and len(page["concepts"]) == len(
        fixture_reader.get("/api/concepts").json()["concepts"]
    )
    assert (
        fixture_reader.get(page["concepts_url"], headers={"If-None-Match": listed.headers["ETag"]}).status_code == 304
    )


def test_an_overview_too_large_to_show_whole_shows_the_outlines_of_the_first_papers(
    many_papers: TestClient, monkeypatch: pytest.MonkeyPatch
):
    snapshot = many_papers.app.state.snapshots.current
    graph, papers = graph_of(snapshot), [p.id for p in snapshot.papers]
    choice = LayerChoice.of(graph, OVERVIEW_LAYERS, None, papers)
    nodes = choice.linked_nodes(ENDS_BY_LAYER.of(snapshot))
    levels = OVERVIEW_LEVELS.of(snapshot)
    outline = {p: {n for n in levels.levels[-1] & nodes if paper_of(graph, n) == p} for p in papers}
    cut = len(outline[papers[0]]) + len(outline[papers[1]]) + 1
    monkeypatch.setattr(graph_views, "MAX_NODES", cut)  # even the coarsest level is larger
    monkeypatch.setattr(graph_views, "FIRST_OUTLINES_NODES", cut)
    shown, trimmed = overview(levels, nodes)
    assert trimmed and len(shown) == cut
    assert outline[papers[0]] | outline[papers[1]] < shown  # the first two papers whole, then the third begun
    assert {paper_of(graph, n) for n in shown} == set(papers[:3])


def test_the_graph_legend_of_a_map_of_many_papers_keys_only_the_papers_in_view(
    many_papers: TestClient, fixture_reader: TestClient
):
    paper = many_papers.get("/api/papers").json()["papers"][0]["id"]
    view = many_papers.get("/api/graph", params={"focus": paper, "depth": 1}).json()
    in_view = {
        n["data"]["paper"] or n["data"]["id"]
        for n in view["nodes"]
        if n["data"]["paper"] or n["data"]["type"] == "paper"
    }
    assert 0 < len(in_view) < len(view["papers"]) == 18
    page = many_papers.get("/graph", params={"focus": paper, "depth": 1}).text
    assert page.count('class="paper-key"') == len(in_view)
    # the page's script styles and names those papers only; its JSON twin lists every paper
    script = json.loads(page.split('id="graph-data">')[1].split("</script>")[0])
    assert {p["id"] for p in script["papers"]} == in_view
    words = json.loads(html.unescape(page.split("data-words='")[1].split("'")[0]))
    every_paper = {p["id"] for p in view["papers"]}
    assert in_view <= set(words) and not (every_paper - in_view) & set(words)
    one_paper = fixture_reader.get("/graph", params={"focus": "digital-ledger", "depth": 1, "paper": "zheng-wu"}).text
    assert one_paper.count('class="paper-key"') == 2  # a map of two papers keys both on every view
