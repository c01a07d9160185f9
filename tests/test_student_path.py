"""A student's first ten minutes (issue 18), without a browser: the home page and the papers
list as a way in, papers named by their authors, errors that help, search that finds what a
student types, and embeds that work from anywhere. Citations: tests/test_cite.py; the
catalogue: tests/test_i18n.py; the walk in Chromium: tests/test_student_path_browser.py.
Run on the fixture dataset, except the themes, which the product names from the shipped map."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

import pytest

from app.database.models import Paper
from app.dataset.transliteration import pinyin_name
from app.read.paper_names import paper_name

THEMES = ("data-decision-cycle", "platform-user-relation", "capital-turnover", "patient-capital")


class VisibleText(HTMLParser):
    """The text a reader sees: no markup, no scripts, no code blocks, no addresses."""

    HIDDEN = {"script", "style", "code", "pre", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(re.sub(r"https?://\S+", "", data))

    @classmethod
    def of(cls, html: str) -> str:
        reader = cls()
        reader.feed(html)
        return " ".join(reader.parts)


# --- 1. the home page is a way in; "Papers" goes to a list of papers ---


def test_the_home_page_leads_to_both_papers_their_sections_and_their_source_texts(fixture_reader):
    page = fixture_reader.get("/").text
    for paper in ("han-su", "zheng-wu"):
        assert f'href="/papers/{paper}"' in page and f'href="/papers/{paper}/text"' in page
    assert 'href="/papers/zheng-wu#zheng-wu-s2"' in page  # a section, straight into the outline
    assert "测试学报（社会科学版）" in page and "(2024)" in page
    assert "the abstract only" in page  # han-su: the landing page, no body text
    assert "How to read this map" in page


def test_each_theme_is_one_click_from_its_concept_and_its_comparison(reader):
    """The themes are the shipped map's (the product brief names them), so this reads data/."""
    home = reader.get("/api").json()
    assert [theme["id"] for theme in home["themes"]] == list(THEMES)
    page = reader.get("/").text
    for theme in THEMES:
        assert f'href="/concepts/{theme}"' in page and f'href="/compare/{theme}"' in page


def test_the_home_page_lists_the_tours(fixture_reader):
    tours = fixture_reader.get("/api").json()["tours"]
    page = fixture_reader.get("/").text
    assert tours and all(f'href="{tour["url"]}"' in page for tour in tours)


def test_papers_in_the_menu_is_a_list_of_papers_with_a_json_twin(fixture_reader):
    assert '<a href="/papers">Papers</a>' in fixture_reader.get("/concepts").text
    listed = fixture_reader.get("/papers")
    assert listed.status_code == 200 and listed.headers["link"].startswith("</api/papers>")
    papers = {paper["id"]: paper for paper in fixture_reader.get("/api/papers").json()["papers"]}
    assert papers["han-su"]["body_available"] is False and papers["zheng-wu"]["body_available"] is True
    assert papers["zheng-wu"]["journal"] is None  # not stated by the source, so not guessed
    assert "not stated by the source" in listed.text


# --- 2. papers are named by their authors, from the metadata ---


def test_display_names_come_from_the_metadata():
    lu_yang = paper_name(Paper(id="first", position=0, title_zh="t", authors_zh=["卢江", "杨丽娟"], source_text=""))
    assert (lu_yang.name_en, lu_yang.name_zh, lu_yang.transliterated) == ("Lu & Yang", "卢江、杨丽娟", True)
    assert lu_yang.authors_en == ["Lu Jiang", "Yang Lijuan"]
    qi_li = paper_name(
        Paper(
            id="second",
            position=1,
            title_zh="t",
            authors_zh=["齐昊", "李雪纯"],
            authors_en=["Qi Hao", "Li Xuechun"],
            source_text="",
        )
    )
    assert (qi_li.name_en, qi_li.name_zh, qi_li.transliterated) == ("Qi & Li", "齐昊、李雪纯", False)
    three = paper_name(Paper(id="x", position=2, title_zh="t", authors_zh=["张三", "李四", "王五"], source_text=""))
    assert (three.name_en, three.name_zh) == ("Zhang et al.", "张三等")
    assert pinyin_name("杨丽娟") == "Yang Lijuan"


PAGES = [
    "/",
    "/papers",
    "/papers/zheng-wu",
    "/claims/zheng-wu-s1-thesis",
    "/claims/han-su-thesis",
    "/concepts",
    "/concepts/digital-ledger",
    "/compare",
    "/compare/digital-ledger",
    "/chains",
    "/chains?from=digital-ledger&to=rural-income",
    "/tours",
    "/tours/ledgers-in-both-papers",
    "/tours/ledgers-in-both-papers/2",
    "/search?q=合作社",
    "/references",
    "/export",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_names_a_paper_by_its_id(fixture_reader, path, lang):
    text = VisibleText.of(fixture_reader.get(path, params={"lang": lang}).text)
    assert not re.search(r"(?i)(?<![\w/-])(han-su|zheng-wu)(?![\w-])", text), path


def test_headings_name_the_authors_in_the_reader_language(fixture_reader):
    assert '<h2 id="col-zheng-wu-digital-ledger">Zheng &amp; Wu' in fixture_reader.get("/concepts/digital-ledger").text
    zh = fixture_reader.get("/concepts/digital-ledger", params={"lang": "zh"}).text
    assert '<h2 id="col-han-su-digital-ledger">韩梅、苏明' in zh


def test_a_claim_links_to_its_concepts_and_their_comparison(fixture_reader):
    page = fixture_reader.get("/claims/zheng-wu-s1-thesis").text
    assert 'href="/concepts/production-planning"' in page and 'href="/compare/production-planning"' in page


# --- 4. errors that help ---


def test_a_bad_parameter_is_explained_in_words_with_a_way_back(fixture_reader):
    page = fixture_reader.get("/graph", params={"depth": 999})
    assert page.status_code == 422
    assert "“depth” can be at most 4; the address asks for 999." in page.text
    assert "Input should" not in page.text and "query.depth" not in page.text
    assert 'href="/graph"' in page.text  # the same page without the bad parameter
    zh = fixture_reader.get("/graph", params={"depth": 999, "lang": "zh"}).text
    assert "“depth”最大为 4，而地址中给出的是 999。" in zh and "返回" in zh


def test_a_bad_choice_lists_the_valid_ones(fixture_reader):
    page = fixture_reader.get("/compare", params={"relation": "bogus"})
    assert page.status_code == 422 and "“relation” cannot be “bogus”." in page.text
    assert all(f"<code>{choice}</code>" in page.text for choice in ("agrees", "differs-in-emphasis", "contrasts"))
    error = fixture_reader.get("/api/compare", params={"relation": "bogus"}).json()["error"]
    assert error["status"] == 422 and "contrasts" in error["choices"]  # the JSON error keeps its shape


def test_an_unknown_concept_gets_the_closest_names(fixture_reader):
    page = fixture_reader.get("/concepts/digital-ledgr")
    assert page.status_code == 404 and 'href="/concepts/digital-ledger"' in page.text
    assert 'href="/concepts"' in page.text  # back to the list it belongs to
    error = fixture_reader.get("/api/concepts/digital-ledgr").json()["error"]
    assert error["suggestions"][0]["url"] == "/concepts/digital-ledger"
    zh = fixture_reader.get("/concepts/digital-ledgr", params={"lang": "zh"}).text
    assert "图中没有“digital-ledgr”这个概念。" in zh


def test_an_unknown_claim_gets_the_closest_claims(fixture_reader):
    page = fixture_reader.get("/claims/zheng-wu-s1-thesi")
    assert page.status_code == 404 and 'href="/claims/zheng-wu-s1-thesis"' in page.text


def test_chains_promise_the_nearest_connections_only_when_they_are_shown(fixture_reader):
    same = fixture_reader.get("/chains", params={"from": "digital-ledger", "to": "digital-ledger"}).text
    assert "nearest connections below" not in same and "Choose two different concepts" in same
    bad_held = fixture_reader.get("/chains", params={"held": "nobody"})
    assert bad_held.status_code == 422 and "<code>zheng-wu</code>" in bad_held.text


def test_oembed_does_not_call_an_address_an_id(fixture_reader):
    error = fixture_reader.get("/oembed", params={"url": "http://testserver/papers/zheng-wu"}).json()["error"]
    assert error["status"] == 404 and " id " not in error["message"]
    assert "is not the address of a claim on this site" in error["message"]


# --- 5. search finds what a student types ---


@pytest.mark.parametrize(
    ("query", "kind", "row"),
    [
        ("韩梅", "paper", "han-su"),  # an author
        ("Tong", "paper", "zheng-wu"),  # a romanised author
        ("数据共享", "paper", "zheng-wu"),  # a keyword
        ("合作社数据共享的政治经济学", "paper", "zheng-wu"),  # a title
        ("引言", "section", "zheng-wu-intro"),  # a section title
        ("长期信贷", "concept", "long-horizon-credit"),  # a concept label
        ("农业记账", "reference", "zheng-wu-ref-1"),  # a reference
    ],
)
def test_search_finds_titles_authors_keywords_sections_concepts_and_references(fixture_reader, query, kind, row):
    found = fixture_reader.get("/api/search", params={"q": query}).json()
    assert (kind, row) in [(hit["kind"], hit["id"]) for group in found["groups"] for hit in group["hits"]]


def test_search_ranks_exact_names_first_then_claims_then_references(fixture_reader):
    found = fixture_reader.get("/api/search", params={"q": "数字账本"}).json()
    kinds = [group["kind"] for group in found["groups"]]
    assert kinds[0] == "best" and {"digital-ledger", "zheng-wu"} <= {hit["id"] for hit in found["groups"][0]["hits"]}
    assert kinds.index("claim") < kinds.index("reference")
    assert kinds == sorted(kinds, key=["best", "paper", "concept", "claim", "reference"].index)


@pytest.mark.parametrize(("typed", "meant"), [("digital ledgr", "digital ledger"), ("数字账夲", "数字账本")])
def test_a_near_miss_gets_a_did_you_mean_in_either_language(fixture_reader, typed, meant):
    found = fixture_reader.get("/api/search", params={"q": typed}).json()
    assert found["total"] == 0 and found["did_you_mean"][0]["text"] == meant
    assert "您是不是要找" in fixture_reader.get("/search", params={"q": typed, "lang": "zh"}).text
    assert f">{meant}</a>" in fixture_reader.get("/search", params={"q": typed}).text


# --- 7. embeds from anywhere, oEmbed sizes, a favicon ---


def test_a_card_may_be_framed_by_any_page_even_one_opened_from_disk(fixture_reader):
    card = fixture_reader.get("/claims/zheng-wu-thesis/card").headers["content-security-policy"]
    assert "frame-ancestors * file:" in card
    assert "frame-ancestors 'none'" in fixture_reader.get("/claims/zheng-wu-thesis").headers["content-security-policy"]


def test_oembed_honours_maxwidth_and_maxheight(fixture_reader):
    url = "http://testserver/claims/zheng-wu-thesis"
    small = fixture_reader.get("/oembed", params={"url": url, "maxwidth": 150, "maxheight": 100}).json()
    assert (small["width"], small["height"]) == (150, 100) and 'height="100"' in small["html"]
    full = fixture_reader.get("/oembed", params={"url": url}).json()
    assert full["width"] >= 150 and full["height"] >= 100


def test_the_site_has_a_favicon(fixture_reader):
    icon = fixture_reader.get("/favicon.ico")
    assert icon.status_code == 200 and icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in fixture_reader.get("/").text
    assert fixture_reader.get("/static/favicon.svg").status_code == 200


def test_crawlers_read_the_pages_but_not_the_twins_downloads_or_endless_queries(fixture_reader):
    robots = RobotFileParser()
    robots.parse(fixture_reader.get("/robots.txt").text.splitlines())
    pages = ["/", "/papers/zheng-wu", "/claims/zheng-wu-s1-thesis", "/concepts/digital-ledger", "/compare", "/tours"]
    for page in pages:
        assert robots.can_fetch("AnyBot", page), page
    for address in [
        "/api/claims/zheng-wu-s1-thesis",
        "/export/graph.json",
        "/graph?focus=digital-ledger&depth=3",
        "/graph",
        "/chains?from=digital-ledger&to=rural-income",
        "/search?q=ledger",
        "/compare/map?relation=agrees",
    ]:
        assert not robots.can_fetch("AnyBot", address), address


# --- 8. the phone menu works without a script ---


def test_the_compact_menu_is_a_details_element(fixture_reader):
    page = fixture_reader.get("/").text
    assert '<details class="menu-compact">' in page and "<summary>Menu</summary>" in page


# --- 3. the Chinese interface is Chinese ---


def test_the_graph_lists_its_links_in_the_reader_language(fixture_reader):
    page = fixture_reader.get("/graph", params={"focus": "zheng-wu-thesis", "lang": "zh"}).text
    links = page[page.index('<ul class="graph-edges">') :]
    assert '<span class="rel">supports</span>' not in links and "(argument)" not in links
    assert '<span class="rel">支持</span>' in links or '<span class="rel">阐发</span>' in links


def test_error_pages_speak_chinese(fixture_reader):
    page = fixture_reader.get("/compare", params={"relation": "bogus", "lang": "zh"}).text
    assert "“relation”不能取“bogus”。" in page and "可以取以下值之一：" in page
    assert "图中没有" in fixture_reader.get("/concepts/nothing-here", params={"lang": "zh"}).text
    assert "没有与“zzzzqqq”匹配的内容。" in fixture_reader.get("/search", params={"q": "zzzzqqq", "lang": "zh"}).text


def test_a_mistyped_address_suggests_the_item_it_probably_meant(fixture_reader):
    page = fixture_reader.get("/concept/digital-ledger")
    assert page.status_code == 404 and 'href="/concepts/digital-ledger"' in page.text
