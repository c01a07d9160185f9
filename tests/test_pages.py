"""A reader's journeys over HTTP: every page answers, in HTML and as its JSON twin. Run on the
fixture dataset."""

from __future__ import annotations

import re
from html import escape, unescape

import pytest

from tests.test_hostile import PAGE_ROUTES, ROUTES, sample_path

PAGES = [
    "/",
    "/papers/zheng-wu",
    "/papers/han-su",
    "/papers/zheng-wu/text",
    "/papers/han-su/text",
    "/claims/zheng-wu-thesis",
    "/claims/han-su-thesis",
    "/claims/zheng-wu-thesis/card",
    "/concepts",
    "/concepts/digital-ledger",
    "/references",
    "/search?q=合作社",
    "/about",
    "/changes",
    "/guides",
    "/guides/editorial-rules",
    "/compare",
    "/compare/map",
    "/compare/map?relation=agrees&lang=zh",
    "/compare/digital-ledger",
    "/chains",
    "/chains?from=digital-ledger&to=rural-income",
    "/tours",
    "/tours/ledgers-in-both-papers",
    "/tours/ledgers-in-both-papers/1",
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
def test_every_page_has_a_working_json_twin(fixture_reader, path):
    page = fixture_reader.get(path)
    assert page.status_code == 200, path
    assert page.headers["content-type"].startswith("text/html")
    twin = page.headers["link"].split(";")[0].strip("<>")
    assert twin.startswith("/api")
    assert f'<link rel="alternate" type="application/json" href="{escape(twin)}' in page.text
    data = fixture_reader.get(twin)
    assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin


def test_home_lists_both_papers_and_their_sections(fixture_reader):
    home = fixture_reader.get("/").text
    assert "合作社数据共享的政治经济学" in home and "数字账本与合作社的长期发展" in home
    assert "合作社内部的数字账本" in home


def test_unknown_metadata_is_shown_as_not_stated(fixture_reader):
    page = fixture_reader.get("/papers/zheng-wu").text
    assert "not stated" in page
    assert fixture_reader.get("/api/papers/zheng-wu").json()["paper"]["journal"] is None


def test_the_outline_walks_from_section_theses_down(fixture_reader):
    outline = fixture_reader.get("/api/papers/zheng-wu").json()["outline"]
    s2 = next(s for s in outline if s["id"] == "zheng-wu-s2")
    ids = [node["claim"]["id"] for node in s2["claims"]]
    assert "zheng-wu-s2-thesis" in ids
    thesis = next(node for node in s2["claims"] if node["claim"]["id"] == "zheng-wu-s2-thesis")
    assert {c["claim"]["id"] for c in thesis["children"]} >= {
        "zheng-wu-s2-ledger-enables-sharing",
        "zheng-wu-s2-sharing-scale-income",
    }


def test_a_paper_without_its_body_says_plainly_that_only_the_abstract_is_available(fixture_reader):
    assert "body text is not" in fixture_reader.get("/papers/han-su").text
    assert "Only the abstract of this paper is available" in fixture_reader.get("/papers/han-su/text").text


def test_the_source_text_highlights_and_anchors_every_claim(fixture_reader):
    text = fixture_reader.get("/papers/zheng-wu/text").text
    claims = [
        c
        for c in fixture_reader.get("/export/graph.json").json()["nodes"]
        if c["type"] == "claim" and c["paper"] == "zheng-wu"
    ]
    for claim in claims:
        assert f'id="{claim["id"]}"' in text, claim["id"]


def test_a_claim_page_shows_its_place_and_its_way_up(fixture_reader):
    claim = fixture_reader.get("/api/claims/zheng-wu-s1-ledger-cuts-costs").json()
    assert claim["paper"]["id"] == "zheng-wu" and claim["section"]["id"] == "zheng-wu-s1"
    assert [step["id"] for step in claim["path_to_thesis"]] == [
        "zheng-wu-s1-thesis",
        "zheng-wu-intro-thesis",
        "zheng-wu-thesis",
    ]
    assert claim["quote_zh"] in claim["context_before"] + claim["quote_zh"] + claim["context_after"]


def test_claims_carry_the_papers_official_english(fixture_reader):
    claim = fixture_reader.get("/api/claims/han-su-thesis").json()
    assert claim["official_en"] == "have become an important force for raising farmers’ incomes"
    assert "own English abstract" in fixture_reader.get("/claims/han-su-thesis").text
    assert fixture_reader.get("/api/claims/zheng-wu-s1-thesis").json()["official_en"] is None


def test_a_concept_shows_both_papers_claims(fixture_reader):
    page = fixture_reader.get("/api/concepts/digital-ledger").json()
    columns = {c["paper"]: c["claims"] for c in page["columns"]}
    assert columns["han-su"] and columns["zheng-wu"]


def test_references_list_the_claims_that_cite_them(fixture_reader):
    zheng_wu = next(b for b in fixture_reader.get("/api/references").json()["papers"] if b["paper"] == "zheng-wu")
    marx_vol5 = next(e for e in zheng_wu["entries"] if e["label"] == "[2]")
    cited_by = [(c["claim"]["id"], c["locator"]) for c in marx_vol5["cited_by"]]
    assert cited_by == [("zheng-wu-s1-marx-cooperation", "P378")]


@pytest.mark.parametrize("word", ["合作", "数据", "digital ledger"])
def test_search_finds_two_character_chinese_words_and_english(fixture_reader, word):
    result = fixture_reader.get("/api/search", params={"q": word}).json()
    assert result["total"] > 0
    hit = result["groups"][0]["hits"][0]
    assert hit["snippet"]["match"].lower() == word.lower()


def test_a_chinese_reader_finds_claims_by_their_chinese_words(fixture_reader):
    found = fixture_reader.get("/api/search", params={"q": "ledger"}).json()
    claims = [hit for group in found["groups"] for hit in group["hits"] if hit["kind"] == "claim"]
    assert claims and all(hit["title_zh"] for hit in claims)
    english = fixture_reader.get("/search", params={"q": "ledger", "lang": "en"}).text
    chinese = fixture_reader.get("/search", params={"q": "ledger", "lang": "zh"}).text
    for hit in claims:
        link = f'<a href="{hit["url"]}">'
        assert f'{link}<span lang="zh">{hit["title_zh"][:20]}' in chinese
        assert f"{link}{hit['title'][:20]}" in english
    concepts = [hit for group in found["groups"] for hit in group["hits"] if hit["kind"] == "concept"]
    assert concepts and all(hit["title_zh"] is None for hit in concepts)  # their title names both already


def test_search_groups_results_by_paper(fixture_reader):
    groups = [g["paper"] for g in fixture_reader.get("/api/search", params={"q": "合作社"}).json()["groups"]]
    assert "han-su" in groups and "zheng-wu" in groups


@pytest.mark.parametrize("q", ["", "   ", "%%%", "x" * 400, "zzzzqqq"])
def test_an_empty_or_odd_search_gets_a_helpful_page(fixture_reader, q):
    page = fixture_reader.get("/search", params={"q": q})
    assert page.status_code == 200
    assert "Nothing matches" in page.text or "Type a word" in page.text


def test_hostile_input_is_escaped(fixture_reader):
    payload = "<script>alert(1)</script>"
    page = fixture_reader.get("/search", params={"q": payload})
    assert payload not in page.text and "&lt;script&gt;" in page.text
    missing = fixture_reader.get(f"/claims/{payload}")
    assert missing.status_code == 404 and payload not in missing.text


def test_unknown_ids_get_a_friendly_404_and_json_errors_under_api(fixture_reader):
    page = fixture_reader.get("/claims/no-such-claim")
    assert page.status_code == 404 and "no-such-claim" in page.text and "Go to the home page" in page.text
    for path in ("/api/claims/no-such-claim", "/api/concepts/nope", "/api/papers/nope"):
        error = fixture_reader.get(path)
        assert error.status_code == 404 and error.json()["error"]["status"] == 404
    assert fixture_reader.get("/no/such/page").status_code == 404


def test_an_over_long_parameter_gets_a_422_not_a_500(fixture_reader):
    assert fixture_reader.get("/search", params={"q": "x" * 600}).status_code == 422
    assert fixture_reader.get("/api/search", params={"q": "x" * 600}).json()["error"]["status"] == 422


def test_security_headers_are_sent(fixture_reader):
    headers = fixture_reader.get("/").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"]


def test_the_interface_speaks_chinese_and_remembers_it(fixture_reader):
    page = fixture_reader.get("/?lang=zh")
    assert page.headers["content-language"] == "zh" and 'lang="zh-Hans"' in page.text
    assert "概念" in page.text
    assert fixture_reader.get("/about").headers["content-language"] == "zh"  # remembered in a cookie
    fixture_reader.cookies.clear()
    assert fixture_reader.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"}).headers["content-language"] == "zh"
    assert fixture_reader.get("/", headers={"accept-language": "en-GB"}).headers["content-language"] == "en"


def test_switching_language_keeps_the_search_and_the_filter(fixture_reader):
    english = fixture_reader.get("/search", params={"q": "合作社", "utm_source": "mail"}).text
    switch = re.search(r'<a href="([^"]+)" hreflang="zh"', english)
    assert switch and "utm_source" not in switch.group(1)  # only what the search reads
    chinese = fixture_reader.get("/search" + unescape(switch.group(1)))
    assert chinese.headers["content-language"] == "zh" and "条结果" in chinese.text
    compare = fixture_reader.get("/compare", params={"relation": "agrees", "lang": "zh"}).text
    assert 'href="?relation=agrees&amp;lang=en" hreflang="en"' in compare


@pytest.mark.parametrize("asked", ["zh-CN", "zh-Hans", "ZH", "zh_CN"])
def test_a_chinese_language_tag_in_the_address_asks_for_chinese_too(fixture_reader, asked):
    page = fixture_reader.get("/", params={"lang": asked})
    assert page.headers["content-language"] == "zh" and "概念" in page.text
    assert fixture_reader.get("/about").headers["content-language"] == "zh"  # remembered as Chinese


@pytest.mark.parametrize("asked", ["fr", "", "zha", "*"])
def test_a_language_the_site_does_not_speak_leaves_the_readers_choice(fixture_reader, asked):
    fixture_reader.get("/", params={"lang": "zh"})  # the remembered choice
    assert fixture_reader.get("/", params={"lang": asked}).headers["content-language"] == "zh"


def test_about_links_to_the_editorial_rules_and_the_guides_which_render(fixture_reader):
    about = fixture_reader.get("/about").text
    assert 'href="/guides/editorial-rules"' in about and 'href="/docs"' in about
    rules = fixture_reader.get("/guides/editorial-rules")
    assert rules.status_code == 200 and "<table>" in rules.text  # Markdown tables render
    assert fixture_reader.get("/api/guides/editorial-rules").json()["source_path"] == "data/README.md"
    assert fixture_reader.get("/guides/no-such-guide").status_code == 404
