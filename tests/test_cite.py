"""An instructor cites, links and embeds a claim: citation formats, meta tags, JSON-LD,
the embeddable card and oEmbed. Run on the fixture dataset: han-su states its journal, year,
volume, pages and DOI and gives no romanised names; zheng-wu states none of those but gives its
authors' names in Latin letters."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

from app.read.paper_names import PaperNaming
from tests.conftest import FIXTURE_DATA


class HeadReader(HTMLParser):
    """Collects <meta name=...> tags and JSON-LD blocks the way a reference manager would."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "name" in attributes:
            self.meta.append((attributes["name"], attributes["content"]))
        self._in_jsonld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def read_head(html: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(html)
    return reader


def formats(reader, claim_id: str) -> dict[str, str]:
    cite = reader.get(f"/api/claims/{claim_id}").json()["cite"]
    return {f["id"]: f["text"] for f in cite["formats"]}


def comparable(reference: str) -> str:
    return re.sub(r"[\s()（）]", "", reference).replace("，", ",").rstrip(".")


def test_gbt7714_matches_how_the_journal_itself_says_to_cite_han_su(fixture_reader):
    source = (FIXTURE_DATA / "sources/han-su.txt").read_text(encoding="utf-8").splitlines()
    printed = source[source.index("引用本文") + 2]
    assert comparable(formats(fixture_reader, "han-su-thesis")["gbt7714"]) == comparable(printed)


def test_apa_and_bibtex_use_only_what_the_source_states(fixture_reader):
    zheng_wu = formats(fixture_reader, "zheng-wu-s1-thesis")
    assert zheng_wu["apa"].startswith("Zheng, L., & Wu, T. (n.d.). 合作社数据共享的政治经济学")
    assert zheng_wu["bibtex"].startswith("@misc{zhengwu,")  # no journal stated, so not an @article
    assert "year" not in zheng_wu["bibtex"] and "zheng-wu-s1-thesis" in zheng_wu["bibtex"]
    han_su = formats(fixture_reader, "han-su-thesis")
    assert han_su["bibtex"].startswith("@article{hansu2024,")
    assert "pages = {15--28}" in han_su["bibtex"] and "number = {3}" in han_su["bibtex"]
    assert han_su["apa"].endswith("https://doi.org/10.5555/argmap-fixture.2024.03.002")


def test_the_quotation_is_verbatim_with_inner_quotes_made_single(fixture_reader):
    claim = fixture_reader.get("/api/claims/zheng-wu-s1-thesis").json()
    quotation = formats(fixture_reader, "zheng-wu-s1-thesis")["quotation-zh"]
    assert quotation.startswith("“" + claim["quote_zh"].replace("“", "‘").replace("”", "’") + "”")
    assert "‘数据—计划’循环" in quotation
    assert quotation.endswith("（郑林，吴桐，年份未注明，一、合作社内部的数字账本）")
    official = formats(fixture_reader, "han-su-thesis")["quotation-en"]
    assert "official English abstract" in official


def test_the_claim_page_offers_every_citation_to_copy_and_says_what_is_not_stated(fixture_reader):
    page = fixture_reader.get("/claims/zheng-wu-s1-thesis").text
    assert "Cite this claim" in page
    for label in ("GB/T 7714", "APA", "BibTeX", "Quotation (Chinese)"):
        assert label in page
    assert page.count("data-copy=") >= 6  # the link and five citations
    assert "Not stated by the source" in page and "journal" in page


def test_reference_managers_find_citation_meta_tags(fixture_reader):
    han_su = dict(read_head(fixture_reader.get("/claims/han-su-thesis").text).meta)
    assert han_su["citation_title"].startswith("数字账本与合作社的长期发展")
    assert han_su["citation_doi"] == "10.5555/argmap-fixture.2024.03.002"
    assert (han_su["citation_firstpage"], han_su["citation_lastpage"]) == ("15", "28")
    zheng_wu = read_head(fixture_reader.get("/claims/zheng-wu-thesis").text).meta
    assert [v for k, v in zheng_wu if k == "citation_author"] == ["郑林", "吴桐"]
    assert "citation_doi" not in dict(zheng_wu)  # not stated, so not invented


def test_the_claim_page_carries_json_ld_for_the_claim_in_its_paper(fixture_reader):
    head = read_head(fixture_reader.get("/claims/zheng-wu-s1-thesis").text)
    (block,) = head.jsonld
    data = json.loads(block)
    assert data["@type"] == "Claim" and data["@context"] == "https://schema.org"
    assert data["text"] == fixture_reader.get("/api/claims/zheng-wu-s1-thesis").json()["quote_zh"]
    assert data["appearance"]["@type"] == "ScholarlyArticle"
    assert data["url"].endswith("/claims/zheng-wu-s1-thesis")


def test_the_card_may_be_framed_by_other_sites_but_pages_may_not(fixture_reader):
    card = fixture_reader.get("/claims/han-su-thesis/card")
    assert card.status_code == 200
    assert "frame-ancestors *" in card.headers["content-security-policy"]
    assert "x-frame-options" not in card.headers
    assert "成为提高农民收入的重要力量" in card.text and 'class="site"' not in card.text
    page = fixture_reader.get("/claims/han-su-thesis")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert fixture_reader.get("/claims/no-such-claim/card").status_code == 404


def test_oembed_turns_a_claim_address_into_an_iframe_of_its_card(fixture_reader):
    discovery = re.search(
        r'type="application/json\+oembed" href="([^"]+)"', fixture_reader.get("/claims/zheng-wu-thesis").text
    )
    answer = fixture_reader.get(discovery.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200
    embed = answer.json()
    assert embed["type"] == "rich" and embed["version"] == "1.0"
    assert 'src="http://testserver/claims/zheng-wu-thesis/card"' in embed["html"]
    small = fixture_reader.get(
        "/oembed", params={"url": "http://testserver/claims/zheng-wu-thesis", "maxwidth": 300}
    ).json()
    assert small["width"] == 300 and 'width="300"' in small["html"]


def test_oembed_refuses_what_it_cannot_embed_with_clear_errors(fixture_reader):
    for url in (
        "https://elsewhere.example/claims/zheng-wu-thesis",
        "http://testserver/papers/zheng-wu",
        "http://testserver/claims/no-such-claim",
        "/claims/<script>alert(1)</script>",
    ):
        answer = fixture_reader.get("/oembed", params={"url": url})
        assert answer.status_code == 404 and answer.json()["error"]["status"] == 404, url
    assert fixture_reader.get("/oembed", params={"url": "/claims/zheng-wu-thesis", "format": "xml"}).status_code == 501
    assert fixture_reader.get("/oembed").status_code == 422


# The references a teacher would accept, exactly: GB/T 7714 with a document type that does not
# pretend to a journal when none is stated ([Z]), APA 7 with romanised names and an en dash,
# the English quotation naming the authors as English prose does.
EXACT = {
    "han-su-thesis": {
        "gbt7714": "韩梅，苏明. 数字账本与合作社的长期发展（测试用虚构论文）[J]. 测试学报（社会科学版）, 2024, "
        "12(3):15-28. DOI:10.5555/argmap-fixture.2024.03.002.",
        "apa": "Han, M., & Su, M. (2024). 数字账本与合作社的长期发展（测试用虚构论文） "
        "[Digital ledgers and the long-term development of cooperatives (a made-up paper for tests)]. "
        "测试学报（社会科学版）, 12(3), 15–28. https://doi.org/10.5555/argmap-fixture.2024.03.002",
        "bibtex": "@article{hansu2024,\n  author = {韩梅 and 苏明},\n"
        "  title = {数字账本与合作社的长期发展（测试用虚构论文）},\n"
        "  journal = {测试学报（社会科学版）},\n  year = {2024},\n  volume = {12},\n  number = {3},\n"
        "  pages = {15--28},\n  doi = {10.5555/argmap-fixture.2024.03.002},\n  language = {chinese},\n"
        "  note = {Claim han-su-thesis, Abstract (Chinese) (摘要); argmap: http://testserver/claims/han-su-thesis}\n}",
        "quotation-zh": "“数字账本正在改变农业合作社的组织方式，成为提高农民收入的重要力量”（韩梅，苏明，2024，摘要）",
        "quotation-en": "“have become an important force for raising farmers’ incomes” "
        "(Han & Su, 2024, official English abstract)",
    },
    "zheng-wu-s1-thesis": {
        "gbt7714": "郑林，吴桐. 合作社数据共享的政治经济学（测试用虚构论文）[Z].",
        "apa": "Zheng, L., & Wu, T. (n.d.). 合作社数据共享的政治经济学（测试用虚构论文） "
        "[The Political Economy of Data Sharing among Cooperatives].",
        "bibtex": "@misc{zhengwu,\n  author = {郑林 and 吴桐},\n"
        "  title = {合作社数据共享的政治经济学（测试用虚构论文）},\n"
        "  language = {chinese},\n  note = {Claim zheng-wu-s1-thesis, 1. Digital ledgers within a cooperative "
        "(一、合作社内部的数字账本); argmap: http://testserver/claims/zheng-wu-s1-thesis}\n}",
        "quotation-zh": "“在合作社内部，生产以‘数据—计划’循环为基础”"
        "（郑林，吴桐，年份未注明，一、合作社内部的数字账本）",
        "quotation-en": "Within a cooperative, production rests on the data–plan cycle. (argmap's paraphrase of "
        "Zheng & Wu, n.d., 1. Digital ledgers within a cooperative; http://testserver/claims/zheng-wu-s1-thesis)",
    },
}


def test_every_citation_of_both_papers_is_exactly_right(fixture_reader):
    for claim_id, expected in EXACT.items():
        assert formats(fixture_reader, claim_id) == expected, claim_id


def test_pinyin_names_are_marked_as_argmap_transliteration(fixture_reader):
    han_su = {f["id"]: f for f in fixture_reader.get("/api/claims/han-su-thesis").json()["cite"]["formats"]}
    assert "transliteration" in han_su["apa"]["note"] and "transliteration" in han_su["quotation-en"]["note"]
    zheng_wu = {f["id"]: f for f in fixture_reader.get("/api/claims/zheng-wu-s1-thesis").json()["cite"]["formats"]}
    assert zheng_wu["apa"]["note"] is None  # "Zheng Lin, Wu Tong" is the source's own spelling
    page = fixture_reader.get("/claims/han-su-thesis", params={"lang": "zh"}).text
    assert "拼音" in page


def test_prose_names_a_paper_only_where_its_id_stands_alone(fixture_reader):
    naming = PaperNaming(fixture_reader.app.state.snapshots.current, "en")
    assert naming.prose("han-su adds what Zheng-Wu leaves out.") == "Han & Su adds what Zheng & Wu leaves out."
    kept = "han-su-style notes, han-su_x, han-su的, cross-paper, xhan-su"
    assert naming.prose(kept) == kept  # a longer word that holds an id is not the id


def test_a_server_names_transliterated_authors_without_loading_pinyin(fixture_reader):
    """The loader keeps the pinyin of han-su's authors (its source gives no romanised names);
    a server started on that database cites them without loading pypinyin's dictionaries."""
    fixture_reader.get("/api/claims/han-su-thesis")  # the database is loaded
    database_url = fixture_reader.app.state.engine.url.render_as_string(hide_password=False)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fastapi.testclient import TestClient\n"
        "from app.main import create_app\n"
        f"with TestClient(create_app(database_url={database_url!r},"
        f" data_dir=Path({str(FIXTURE_DATA)!r}))) as client:\n"
        "    cite = client.get('/api/claims/han-su-thesis').json()['cite']\n"
        "apa = next(f['text'] for f in cite['formats'] if f['id'] == 'apa')\n"
        "print('pypinyin' in sys.modules, apa[:17])\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["False", "Han,", "M.,", "&", "Su,", "M."]
