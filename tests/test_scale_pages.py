"""Search, compare and concept pages on a map with many papers: what keeps them small and
quick, and what must stay exactly as it was (timings themselves are in bench/, not here)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.database.models import Claim, Concept, Paper, Reference, Section
from app.main import refresh_data
from app.pages import search
from app.pages.search import PER_PAGE, _snippet
from app.read import compare_outline
from app.read.compare_outline import SHOWN_PER_PAGE
from app.read.paper_names import romanised_authors
from tests.conftest import FIXTURE_DATA, SHIPPED_DATA, edit, every_page, synthetic_app


@pytest.fixture(scope="module")
def _synthetic_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over a corpus twice the real one (four papers), loaded once for this module."""
    yield from synthetic_app(tmp_path_factory, SHIPPED_DATA, 2, "synth")


@pytest.fixture(scope="module")
def many_papers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over the fixture dataset four times over: eight papers."""
    yield from synthetic_app(tmp_path_factory, FIXTURE_DATA, 4, "synth_fixture")


@pytest.fixture
def synthetic(_synthetic_client: TestClient) -> TestClient:
    """The synthetic map's client, with no language cookie left over from another test."""
    _synthetic_client.cookies.clear()
    return _synthetic_client


def plain_scan(client: TestClient, query: str) -> list[tuple[str, str, str, str]]:
    """Every match as (kind, id, field, matched text), found the slow way: each value of each
    row read and searched in turn; papers, sections, concepts, claims in reading order, then
    references; the rows that `query` names exactly (a title, an author, a label) first."""
    needle = query.lower()
    matches: list[tuple[str, str, str, str]] = []
    exact: list[tuple[str, str]] = []

    def first(kind: str, row_id: str, fields: list[tuple[str, str | None]], names: tuple[str, ...] = ()) -> None:
        if needle in {name.lower() for name in names}:
            exact.append((kind, row_id))
        for name, text in fields:
            if text and needle in text.lower():
                at = text.lower().find(needle)
                matches.append((kind, row_id, name, text[at : at + len(query)]))
                return

    with Session(client.app.state.engine) as session:
        for paper in session.exec(select(Paper).order_by(col(Paper.position))):
            authors_en, _ = romanised_authors(paper)
            fields = [("title_zh", paper.title_zh), ("title_en", paper.title_en)]
            fields += [("authors_zh", "、".join(paper.authors_zh or [])), ("authors_en", ", ".join(authors_en))]
            fields += [("keywords", "；".join(paper.keywords or [])), ("journal", paper.journal)]
            fields += [("column", paper.column)]
            names = (paper.title_zh, paper.title_en or "", *(paper.authors_zh or []), *authors_en)
            first("paper", paper.id, fields, names + tuple(paper.keywords or []))
        for section in session.exec(select(Section).order_by(col(Section.paper_id), col(Section.position))):
            titles = (section.title_zh, section.title_en)
            first("section", section.id, [("title_zh", section.title_zh), ("title_en", section.title_en)], titles)
        for concept in session.exec(select(Concept).order_by(col(Concept.id))):
            fields = [("label_zh", concept.label_zh), ("label_en", concept.label_en)]
            fields += [("aliases", " · ".join(concept.aliases)), ("definition_en", concept.definition_en)]
            first("concept", concept.id, fields, (concept.label_zh, concept.label_en, *concept.aliases))
        for claim in session.exec(select(Claim).order_by(col(Claim.position))):
            first(
                "claim",
                claim.id,
                [("quote_zh", claim.quote_zh), ("text_en", claim.text_en), ("official_en", claim.official_en)],
            )
        for ref in session.exec(select(Reference).order_by(col(Reference.paper_id), col(Reference.position))):
            first("reference", ref.id, [("text", ref.text)])
    ranked = [m for m in matches if (m[0], m[1]) in exact] + [m for m in matches if (m[0], m[1]) not in exact]
    return ranked


def searched_words(client: TestClient) -> list[str]:
    """Words a reader types, odd cases, and pieces cut at random from the texts themselves."""
    words = ["资本", "数据", "的", "生产力", "Capital", "PATIENT capital", "x002", "。", "e", "zzzzqqq"]
    pick = random.Random(7)
    with Session(client.app.state.engine) as session:
        texts = [c.quote_zh for c in session.exec(select(Claim))] + [c.text_en for c in session.exec(select(Claim))]
        texts += [p.title_zh for p in session.exec(select(Paper))]
    for text in pick.sample(texts, 40):
        start = pick.randrange(len(text))
        words.append(" ".join(text[start : start + pick.randint(1, 8)].split()) or "资")
    return words


def test_the_search_index_finds_exactly_what_reading_every_row_finds(synthetic: TestClient):
    for word in searched_words(synthetic):
        expected = plain_scan(synthetic, word)
        found = synthetic.get("/api/search", params={"q": word}).json()
        hits = [hit for group in found["groups"] for hit in group["hits"]]
        listed = [(h["kind"], h["id"], h["field"], h["snippet"]["match"]) for h in hits]
        assert found["total"] == len(expected), word
        assert found["shown"] == len(hits) == min(len(expected), PER_PAGE), word
        assert sorted(listed) == sorted(expected[:PER_PAGE]), word  # the first ones, grouped by paper


def test_search_hits_keep_reading_order_within_each_paper(synthetic: TestClient):
    found = synthetic.get("/api/search", params={"q": "资本"}).json()
    expected = plain_scan(synthetic, "资本")
    for group in found["groups"]:
        ids = [hit["id"] for hit in group["hits"]]
        in_order = [row_id for kind, row_id, _, _ in expected if row_id in set(ids)]
        assert ids == in_order


def test_a_word_is_not_found_across_the_end_of_one_text_and_the_start_of_the_next(synthetic: TestClient):
    with Session(synthetic.app.state.engine) as session:
        claims = list(session.exec(select(Claim).order_by(col(Claim.position))))
    # the last characters of one claim's English and the first of its official English / next claim's quote
    seams = [a.text_en[-3:] + b.quote_zh[:2] for a, b in zip(claims, claims[1:], strict=False)][:20]
    for seam in seams:
        assert synthetic.get("/api/search", params={"q": seam}).json()["total"] == len(plain_scan(synthetic, seam))


def test_snippets_mark_the_first_match_in_its_context(synthetic: TestClient):
    found = synthetic.get("/api/search", params={"q": "capital"}).json()
    hit = next(group for group in found["groups"] if group["kind"] == "claim")["hits"][0]
    with Session(synthetic.app.state.engine) as session:
        claim = session.get(Claim, hit["id"])
    assert claim is not None
    assert hit["snippet"] == _snippet(getattr(claim, hit["field"]), "capital").model_dump()


def test_the_search_index_is_built_once_and_again_when_the_data_is_reloaded(
    client: TestClient, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    builds = []
    real_build = search.SEARCH_INDEX.build

    def counting_build(snapshot):
        builds.append(1)
        return real_build(snapshot)

    client.app.state.snapshots.wait_prepared()
    monkeypatch.setattr(search.SEARCH_INDEX, "build", counting_build)
    assert client.get("/api/search", params={"q": "zebra-striped"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "数据"}).json()["total"] > 0
    assert builds == []  # built with the snapshot (beside its first requests), not per request
    edit(
        data_dir / "concepts" / "core.yaml",
        "economic form in which data",
        "zebra-striped economic form in which data",
    )
    refresh_data(client.app)
    found = client.get("/api/search", params={"q": "zebra-striped"}).json()
    assert found["total"] == 1 and found["groups"][0]["hits"][0]["field"] == "definition_en"
    client.app.state.snapshots.wait_prepared()
    assert client.get("/api/search", params={"q": "zebra-striped"}).json()["total"] == 1
    assert len(builds) == 1  # the new version's, built once (by that request or beside it)


def test_on_the_real_map_page_1_is_the_whole_comparison_as_before(reader: TestClient):
    whole = reader.get("/api/compare").json()
    assert whole["paging"]["pages"] == 1 and whole["paging"]["previous"] is None and whole["paging"]["next"] is None
    assert len(whole["shared"]) == whole["paging"]["shared_total"] <= 25  # fewer than a page of shared concepts
    assert len(whole["only_one_paper"]) == whole["paging"]["one_paper_total"]
    assert reader.get("/api/compare", params={"page": 1}).json() == whole
    page = reader.get("/compare").text
    assert "Page 1 of" not in page and 'rel="next"' not in page  # no paging to show


def test_a_large_map_compares_in_pages_that_together_hold_every_concept_once(synthetic: TestClient):
    pages = every_page(synthetic, "/api/compare")
    assert len(pages) == pages[0]["paging"]["pages"] > 1
    shared = [item for page in pages for item in page["shared"]]
    single = [item for page in pages for item in page["only_one_paper"]]
    assert all(len(page["shared"]) <= page["paging"]["shared_per_page"] for page in pages)
    assert all(len(page["only_one_paper"]) <= page["paging"]["one_paper_per_page"] for page in pages)
    concepts = [c for page in every_page(synthetic, "/api/concepts") for c in page["concepts"]]
    spoken = {c["concept"]["id"]: sum(1 for n in c["claims_by_paper"].values() if n) for c in concepts}
    assert sorted(item["concept"]["id"] for item in shared) == sorted(c for c, n in spoken.items() if n > 1)
    assert sorted(item["concept"]["id"] for item in single) == sorted(c for c, n in spoken.items() if n == 1)
    links = [len(item["links"]) for item in shared]
    assert links == sorted(links, reverse=True)  # most cross-paper links first, across pages
    assert pages[0]["paging"]["shared_total"] == len(shared)


def test_no_page_of_the_comparison_shows_more_than_a_pages_worth_of_claims_and_links(synthetic: TestClient):
    for relation in ("", "agrees"):
        for page in every_page(synthetic, "/api/compare", relation=relation):
            shown = [len(item["links"]) + sum(len(c["claims"]) for c in item["columns"]) for item in page["shared"]]
            assert len(shown) == 1 or sum(shown) <= SHOWN_PER_PAGE, (relation, page["paging"]["page"], shown)


def test_the_pages_link_to_each_other_and_say_where_the_reader_is(synthetic: TestClient):
    first = synthetic.get("/compare").text
    assert "Page 1 of" in first and 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    second = synthetic.get("/compare", params={"page": 2, "lang": "zh"}).text
    assert "第 2 页" in second and 'rel="prev" href="?page=1"' in second and "上一页" in second
    assert synthetic.get("/api/compare", params={"page": 2}).json()["paging"]["previous"] == "?page=1"


def test_the_relation_filter_keeps_to_its_relation_on_every_page(synthetic: TestClient):
    pages = every_page(synthetic, "/api/compare", relation="agrees")
    assert all("relation=agrees" in page["paging"]["next"] for page in pages[:-1])
    links = [link for page in pages for item in page["shared"] for link in item["links"]]
    assert links and {link["relation"] for link in links} == {"agrees"}
    unfiltered = [item for page in every_page(synthetic, "/api/compare") for item in page["shared"]]
    agreeing = [item["concept"]["id"] for item in unfiltered if item["relations"].get("agrees")]
    assert sorted(item["concept"]["id"] for page in pages for item in page["shared"]) == sorted(agreeing)


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", ""])
def test_a_page_number_that_is_not_one_gets_a_clear_error(reader: TestClient, page: str):
    response = reader.get("/compare", params={"page": page})
    assert response.status_code == 422 and "page" in response.text
    assert reader.get("/api/compare", params={"page": page}).json()["error"]["status"] == 422


def test_a_page_beyond_the_last_is_not_found(reader: TestClient, synthetic: TestClient):
    assert reader.get("/compare", params={"page": 2}).status_code == 404
    assert reader.get("/api/compare", params={"page": "99999999999999999999999"}).status_code == 404
    last = synthetic.get("/api/compare", params={"relation": "contrasts"}).json()["paging"]["pages"]
    missing = synthetic.get("/api/compare", params={"relation": "contrasts", "page": last + 1})
    assert missing.status_code == 404 and f"has {last} page" in missing.json()["error"]["message"]
    assert synthetic.get("/compare", params={"relation": "contrasts", "page": last}).status_code == 200


def test_a_concept_shows_columns_only_for_the_papers_that_discuss_it(reader: TestClient):
    one_paper = reader.get("/api/concepts/capital-turnover").json()  # only lu-yang speaks of it
    assert [column["paper"] for column in one_paper["columns"]] == ["lu-yang"]
    assert one_paper["not_discussed_in"] == ["qi-li"]
    page = reader.get("/concepts/capital-turnover").text
    assert "Not discussed in: Qi &amp; Li" in page and "This paper makes no claim about it." not in page
    assert "未论及此概念的论文：齐昊、李雪纯" in reader.get("/concepts/capital-turnover", params={"lang": "zh"}).text
    both = reader.get("/api/concepts/patient-capital").json()
    assert [column["paper"] for column in both["columns"]] == ["lu-yang", "qi-li"]
    assert both["not_discussed_in"] == [] and "Not discussed in" not in reader.get("/concepts/patient-capital").text


def test_on_a_large_map_a_concept_names_the_papers_that_do_not_discuss_it(synthetic: TestClient):
    papers = [paper["id"] for paper in synthetic.get("/api").json()["papers"]]
    concept = synthetic.get("/api/concepts/patient-capital-x002").json()
    discussing = [column["paper"] for column in concept["columns"]]
    assert discussing == ["lu-yang-x002", "qi-li-x002"] and all(column["claims"] for column in concept["columns"])
    assert concept["not_discussed_in"] == [paper for paper in papers if paper not in discussing]
    assert len(concept["not_discussed_in"]) == len(papers) - 2 > 0
    page = synthetic.get("/concepts/patient-capital-x002").text
    names = {paper["id"]: paper["name_en"] for paper in synthetic.get("/api/papers").json()["papers"]}
    named = "; ".join(names[paper] for paper in concept["not_discussed_in"]).replace("&", "&amp;")
    assert "Not discussed in: " + named in page  # by their authors, not their ids


def test_comparing_one_concept_still_sets_every_paper_side_by_side(reader: TestClient):
    columns = reader.get("/api/compare/capital-turnover").json()["columns"]
    assert [column["paper"] for column in columns] == ["lu-yang", "qi-li"]
    assert "This paper makes no claim about it." in reader.get("/compare/capital-turnover").text


def test_a_concept_most_papers_leave_alone_counts_them_instead_of_naming_them(many_papers: TestClient):
    concept = many_papers.get("/api/concepts/digital-ledger-x001").json()
    assert len(concept["not_discussed_in"]) > 3  # every id stays in the JSON
    page = many_papers.get("/concepts/digital-ledger-x001", params={"lang": "en"}).text
    assert f"Not discussed in {len(concept['not_discussed_in'])} other papers" in page
    assert "&amp;" not in page.split("not-discussed", 1)[1].split("</p>", 1)[0]
    chinese = many_papers.get("/concepts/digital-ledger-x001", params={"lang": "zh"}).text
    assert f"另有 {len(concept['not_discussed_in'])} 篇论文未论及此概念" in chinese
    # and so does the concept's comparison, instead of an empty column for each of them
    compared = many_papers.get("/api/compare/digital-ledger-x001").json()
    assert [column["paper"] for column in compared["columns"]] == [column["paper"] for column in concept["columns"]]
    assert compared["not_discussed_in"] == concept["not_discussed_in"]
    page = many_papers.get("/compare/digital-ledger-x001", params={"lang": "en"}).text
    assert f"Not discussed in {len(concept['not_discussed_in'])} other papers" in page
    assert "This paper makes no claim about it." not in page


def test_a_term_many_papers_use_names_the_first_five_and_counts_the_rest(many_papers: TestClient):
    concept = many_papers.get("/api/concepts/digital-ledger-x001").json()
    assert len(concept["label_in"]) > 5  # the term is the papers' own in every copy
    origin = (
        many_papers.get("/concepts/digital-ledger-x001", params={"lang": "en"})
        .text.split('class="term-origin"', 1)[1]
        .split("</p>")[0]
    )
    assert origin.count('href="/papers/') == 5 and f"and {len(concept['label_in']) - 5} more" in origin
    chinese = many_papers.get("/concepts/digital-ledger-x001", params={"lang": "zh"}).text
    origin_zh = chinese.split('class="term-origin"', 1)[1].split("</p>")[0]
    assert origin_zh.count("</a>；") == 5 and f"及另外 {len(concept['label_in']) - 5} 篇" in origin_zh


def _cross_links(page: dict) -> list[dict]:
    return [link for item in page["shared"] for link in item["links"]]


def _papers_joined(client: TestClient) -> Counter[frozenset[str]]:
    """How many cross-paper links join each two papers of the map."""
    view = client.get("/api/graph", params={"layers": "cross-paper"}).json()
    paper_of = {node["data"]["id"]: node["data"]["paper"] for node in view["nodes"]}
    return Counter(frozenset((paper_of[e["data"]["source"]], paper_of[e["data"]["target"]])) for e in view["edges"])


def test_a_map_of_many_papers_compares_two_at_a_time_by_default_the_two_most_joined(many_papers: TestClient):
    page = many_papers.get("/api/compare").json()
    pair = [paper["id"] for paper in page["papers"]]
    assert len(pair) == 2 and len(page["choices"]) == 8
    joined = _papers_joined(many_papers)
    assert joined[frozenset(pair)] == max(joined.values()) == sum(page["totals"].values())
    assert all({link["source"]["paper"], link["target"]["paper"]} == set(pair) for link in _cross_links(page))
    html = many_papers.get("/compare").text
    assert 'id="compare-left"' in html and f"/compare/map?left={pair[0]}&amp;right={pair[1]}" in html
    assert f'<option value="{pair[0]}" selected>' in html and ">All papers<" not in html  # always two


def test_two_papers_chosen_are_compared_on_their_own_claims_and_links(
    many_papers: TestClient, fixture_reader: TestClient
):
    left, right = "han-su-x002", "zheng-wu-x002"  # not the default pair
    page = many_papers.get("/api/compare", params={"left": left, "right": right}).json()
    assert [paper["id"] for paper in page["papers"]] == [left, right] and page["shared"]
    assert all([column["paper"] for column in item["columns"]] == [left, right] for item in page["shared"])
    assert sum(page["totals"].values()) == _papers_joined(many_papers)[frozenset((left, right))] > 0
    assert all({link["source"]["paper"], link["target"]["paper"]} == {left, right} for link in _cross_links(page))
    assert "compare-left" not in fixture_reader.get("/compare").text  # two papers: nothing to choose
    one_side = many_papers.get("/api/compare", params={"right": right}).json()["papers"]  # the left: the first paper
    assert [paper["id"] for paper in one_side] == ["han-su-x001", right]


def test_choosing_the_only_two_papers_of_a_map_is_its_whole_comparison(fixture_reader: TestClient):
    chosen = fixture_reader.get("/api/compare", params={"left": "zheng-wu", "right": "han-su"}).json()
    assert chosen == fixture_reader.get("/api/compare").json()


@pytest.mark.parametrize(
    ("params", "status"),
    [({"left": "no-such-paper"}, 404), ({"left": "han-su-x001", "right": "han-su-x001"}, 422)],
)
def test_a_pair_that_cannot_be_compared_gets_a_clear_error(many_papers: TestClient, params: dict, status: int):
    assert many_papers.get("/compare", params=params).status_code == status
    assert many_papers.get("/api/compare", params=params).json()["error"]["status"] == status


def test_the_pairs_compared_are_kept_a_few_at_a_time(many_papers: TestClient, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(compare_outline, "PAIRS_KEPT", 2)
    pairs = [(f"han-su-x00{n}", f"zheng-wu-x00{n}") for n in (1, 2, 3, 4)]
    for left, right in pairs:
        answer = many_papers.get("/api/compare", params={"left": left, "right": right, "relation": "agrees"})
        assert answer.status_code == 200 and [p["id"] for p in answer.json()["papers"]] == [left, right]
    kept = compare_outline.PAIR_OUTLINES.of(many_papers.app.state.snapshots.current)
    assert list(kept) == pairs[-2:]  # the last two asked
