"""A reader's journeys over HTTP: every page answers, in HTML and as its JSON twin."""

from __future__ import annotations

from html import escape

import pytest

from tests.test_hostile import PAGE_ROUTES, ROUTES, sample_path

PAGES = [
    "/",
    "/papers/qi-li",
    "/papers/lu-yang",
    "/papers/qi-li/text",
    "/papers/lu-yang/text",
    "/claims/qi-li-thesis",
    "/claims/lu-yang-thesis",
    "/claims/qi-li-thesis/card",
    "/concepts",
    "/concepts/patient-capital",
    "/references",
    "/search?q=资本",
    "/about",
    "/changes",
    "/guides",
    "/guides/editorial-rules",
    "/compare",
    "/compare/map",
    "/compare/map?relation=agrees&lang=zh",
    "/compare/patient-capital",
    "/chains",
    "/chains?from=intelligent-production&to=capital-turnover",
    "/tours",
    "/tours/patient-capital-and-time",
    "/tours/patient-capital-and-time/1",
]


def _routes_with_twins() -> list[str]:
    """Every HTML page route of the app whose JSON twin is a route too, as a sample address:
    derived from the app itself, so a new page family is checked without being listed."""
    api_paths = {route.path for route in ROUTES}
    return [
        sample_path(route)
        for route in PAGE_ROUTES
        if ("/api" + route.path if route.path != "/" else "/api") in api_paths and "GET" in route.methods
    ]


TWINNED = _routes_with_twins()


def test_the_twin_check_covers_every_page_family_of_the_app():
    assert {"/graph", "/export", "/compare/map", "/papers", "/"} <= set(TWINNED)
    assert len(TWINNED) >= 20


@pytest.mark.parametrize("path", sorted(set(PAGES) | set(TWINNED)))
def test_every_page_has_a_working_json_twin(reader, path):
    page = reader.get(path)
    assert page.status_code == 200, path
    assert page.headers["content-type"].startswith("text/html")
    twin = page.headers["link"].split(";")[0].strip("<>")
    assert twin.startswith("/api")
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}' in page.text
    data = reader.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin


def test_home_lists_both_papers_and_their_sections(reader):
    home = reader.get("/").text
    assert "生产社会化视角下的新质生产力" in home and "智能经济助力高质量发展" in home
    assert "从生产社会化把握生产力发展的阶段性" in home


def test_unknown_metadata_is_shown_as_not_stated(reader):
    page = reader.get("/papers/qi-li").text
    assert "not stated" in page
    assert reader.get("/api/papers/qi-li").json()["paper"]["journal"] is None


def test_the_outline_walks_from_section_theses_down(reader):
    outline = reader.get("/api/papers/qi-li").json()["outline"]
    s2 = next(s for s in outline if s["id"] == "qi-li-s2")
    ids = [node["claim"]["id"] for node in s2["claims"]]
    assert "qi-li-s2-thesis" in ids
    thesis = next(node for node in s2["claims"] if node["claim"]["id"] == "qi-li-s2-thesis")
    assert {c["claim"]["id"] for c in thesis["children"]} >= {"qi-li-s2-within-units", "qi-li-s2-between-units"}


def test_lu_yang_says_plainly_that_only_the_abstract_is_available(reader):
    assert "body text is not" in reader.get("/papers/lu-yang").text
    assert "Only the abstract of this paper is available" in reader.get("/papers/lu-yang/text").text


def test_the_source_text_highlights_and_anchors_every_claim(reader):
    text = reader.get("/papers/qi-li/text").text
    claims = [
        c for c in reader.get("/export/graph.json").json()["nodes"] if c["type"] == "claim" and c["paper"] == "qi-li"
    ]
    for claim in claims:
        assert f'id="{claim["id"]}"' in text, claim["id"]


def test_a_claim_page_shows_its_place_and_its_way_up(reader):
    claim = reader.get("/api/claims/qi-li-s2-within-units").json()
    assert claim["paper"]["id"] == "qi-li" and claim["section"]["id"] == "qi-li-s2"
    assert claim["path_to_thesis"][-1]["id"] == "qi-li-thesis"
    assert claim["quote_zh"] in claim["context_before"] + claim["quote_zh"] + claim["context_after"]


def test_lu_yang_claims_carry_the_official_english(reader):
    claim = reader.get("/api/claims/lu-yang-thesis").json()
    assert claim["official_en"]
    assert "own English abstract" in reader.get("/claims/lu-yang-thesis").text


def test_a_concept_shows_both_papers_claims(reader):
    page = reader.get("/api/concepts/patient-capital").json()
    columns = {c["paper"]: c["claims"] for c in page["columns"]}
    assert columns["lu-yang"] and columns["qi-li"]


def test_references_list_the_claims_that_cite_them(reader):
    qi_li = next(b for b in reader.get("/api/references").json()["papers"] if b["paper"] == "qi-li")
    marx_vol5 = next(e for e in qi_li["entries"] if e["label"] == "[3]")
    assert any(c["locator"] == "P872" for c in marx_vol5["cited_by"])


@pytest.mark.parametrize("word", ["资本", "数据", "patient capital"])
def test_search_finds_two_character_chinese_words_and_english(reader, word):
    result = reader.get("/api/search", params={"q": word}).json()
    assert result["total"] > 0
    hit = result["groups"][0]["hits"][0]
    assert hit["snippet"]["match"].lower() == word.lower()


def test_search_groups_results_by_paper(reader):
    groups = [g["paper"] for g in reader.get("/api/search", params={"q": "资本"}).json()["groups"]]
    assert "lu-yang" in groups and "qi-li" in groups


@pytest.mark.parametrize("q", ["", "   ", "%%%", "x" * 400, "zzzzqqq"])
def test_an_empty_or_odd_search_gets_a_helpful_page(reader, q):
    page = reader.get("/search", params={"q": q})
    assert page.status_code == 200
    assert "Nothing matches" in page.text or "Type a word" in page.text


def test_hostile_input_is_escaped(reader):
    payload = "<script>alert(1)</script>"
    page = reader.get("/search", params={"q": payload})
    assert payload not in page.text and "&lt;script&gt;" in page.text
    missing = reader.get(f"/claims/{payload}")
    assert missing.status_code == 404 and payload not in missing.text


def test_unknown_ids_get_a_friendly_404_and_json_errors_under_api(reader):
    page = reader.get("/claims/no-such-claim")
    assert page.status_code == 404 and "no-such-claim" in page.text and "Go to the home page" in page.text
    for path in ("/api/claims/no-such-claim", "/api/concepts/nope", "/api/papers/nope"):
        error = reader.get(path)
        assert error.status_code == 404 and error.json()["error"]["status"] == 404
    assert reader.get("/no/such/page").status_code == 404


def test_an_over_long_parameter_gets_a_422_not_a_500(reader):
    assert reader.get("/search", params={"q": "x" * 600}).status_code == 422
    assert reader.get("/api/search", params={"q": "x" * 600}).json()["error"]["status"] == 422


def test_security_headers_are_sent(reader):
    headers = reader.get("/").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"]


def test_the_interface_speaks_chinese_and_remembers_it(reader):
    page = reader.get("/?lang=zh")
    assert page.headers["content-language"] == "zh" and 'lang="zh-Hans"' in page.text
    assert "概念" in page.text
    assert reader.get("/about").headers["content-language"] == "zh"  # remembered in a cookie
    reader.cookies.clear()
    assert reader.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"}).headers["content-language"] == "zh"
    assert reader.get("/", headers={"accept-language": "en-GB"}).headers["content-language"] == "en"


def test_about_links_to_the_editorial_rules_and_the_guides_which_render(reader):
    about = reader.get("/about").text
    assert 'href="/guides/editorial-rules"' in about and 'href="/docs"' in about
    rules = reader.get("/guides/editorial-rules")
    assert rules.status_code == 200 and "<table>" in rules.text  # Markdown tables render
    assert reader.get("/api/guides/editorial-rules").json()["source_path"] == "data/README.md"
    assert reader.get("/guides/no-such-guide").status_code == 404
