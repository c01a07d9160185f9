"""An instructor cites, links and embeds a claim: citation formats, meta tags, JSON-LD,
the embeddable card and oEmbed."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from app.config import REPO_ROOT


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


def test_gbt7714_matches_how_the_journal_itself_says_to_cite_lu_yang(reader):
    source = (REPO_ROOT / "data/sources/lu-yang.txt").read_text(encoding="utf-8").splitlines()
    printed = source[source.index("引用本文") + 2]
    assert comparable(formats(reader, "lu-yang-thesis")["gbt7714"]) == comparable(printed)


def test_apa_and_bibtex_use_only_what_the_source_states(reader):
    qi_li = formats(reader, "qi-li-s2-within-units")
    assert qi_li["apa"].startswith("Qi, H., & Li, X. (n.d.). 生产社会化视角下的新质生产力 [New Quality")
    assert qi_li["bibtex"].startswith("@misc{qili,")  # no journal stated, so not an @article
    assert "year" not in qi_li["bibtex"] and "qi-li-s2-within-units" in qi_li["bibtex"]
    lu_yang = formats(reader, "lu-yang-thesis")
    assert lu_yang["bibtex"].startswith("@article{luyang2025,")
    assert "pages = {1--14}" in lu_yang["bibtex"] and "number = {6}" in lu_yang["bibtex"]
    assert lu_yang["apa"].endswith("https://doi.org/10.11835/j.issn.1008-5831.jg.2025.12.001")


def test_the_quotation_is_verbatim_with_inner_quotes_made_single(reader):
    claim = reader.get("/api/claims/qi-li-s2-within-units").json()
    quotation = formats(reader, "qi-li-s2-within-units")["quotation-zh"]
    assert quotation.startswith("“" + claim["quote_zh"].replace("“", "‘").replace("”", "’") + "”")
    assert "‘数据—决策’循环" in quotation
    assert quotation.endswith("（齐昊，李雪纯，年份未注明，二、从社会化智能生产理解新质生产力的理论内涵）")
    assert claim["quote_zh"].replace("“", "‘").replace("”", "’") in quotation
    official = formats(reader, "lu-yang-thesis")["quotation-en"]
    assert "official English abstract" in official


def test_the_claim_page_offers_every_citation_to_copy_and_says_what_is_not_stated(reader):
    page = reader.get("/claims/qi-li-s2-within-units").text
    assert "Cite this claim" in page
    for label in ("GB/T 7714", "APA", "BibTeX", "Quotation (Chinese)"):
        assert label in page
    assert page.count("data-copy=") >= 6  # the link and five citations
    assert "Not stated by the source" in page and "journal" in page


def test_reference_managers_find_citation_meta_tags(reader):
    lu_yang = dict(read_head(reader.get("/claims/lu-yang-thesis").text).meta)
    assert lu_yang["citation_title"].startswith("智能经济助力高质量发展")
    assert lu_yang["citation_doi"] == "10.11835/j.issn.1008-5831.jg.2025.12.001"
    assert (lu_yang["citation_firstpage"], lu_yang["citation_lastpage"]) == ("1", "14")
    qi_li = read_head(reader.get("/claims/qi-li-thesis").text).meta
    assert [v for k, v in qi_li if k == "citation_author"] == ["齐昊", "李雪纯"]
    assert "citation_doi" not in dict(qi_li)  # not stated, so not invented


def test_the_claim_page_carries_json_ld_for_the_claim_in_its_paper(reader):
    head = read_head(reader.get("/claims/qi-li-s2-within-units").text)
    (block,) = head.jsonld
    data = json.loads(block)
    assert data["@type"] == "Claim" and data["@context"] == "https://schema.org"
    assert data["text"] == reader.get("/api/claims/qi-li-s2-within-units").json()["quote_zh"]
    assert data["appearance"]["@type"] == "ScholarlyArticle"
    assert data["url"].endswith("/claims/qi-li-s2-within-units")


def test_the_card_may_be_framed_by_other_sites_but_pages_may_not(reader):
    card = reader.get("/claims/lu-yang-thesis/card")
    assert card.status_code == 200
    assert "frame-ancestors *" in card.headers["content-security-policy"]
    assert "x-frame-options" not in card.headers
    assert "成为推动我国高质量发展的重要力量" in card.text and 'class="site"' not in card.text
    page = reader.get("/claims/lu-yang-thesis")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert reader.get("/claims/no-such-claim/card").status_code == 404


def test_oembed_turns_a_claim_address_into_an_iframe_of_its_card(reader):
    discovery = re.search(r'type="application/json\+oembed" href="([^"]+)"', reader.get("/claims/qi-li-thesis").text)
    answer = reader.get(discovery.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200
    embed = answer.json()
    assert embed["type"] == "rich" and embed["version"] == "1.0"
    assert 'src="http://testserver/claims/qi-li-thesis/card"' in embed["html"]
    small = reader.get("/oembed", params={"url": "http://testserver/claims/qi-li-thesis", "maxwidth": 300}).json()
    assert small["width"] == 300 and 'width="300"' in small["html"]


def test_oembed_refuses_what_it_cannot_embed_with_clear_errors(reader):
    for url in (
        "https://elsewhere.example/claims/qi-li-thesis",
        "http://testserver/papers/qi-li",
        "http://testserver/claims/no-such-claim",
        "/claims/<script>alert(1)</script>",
    ):
        answer = reader.get("/oembed", params={"url": url})
        assert answer.status_code == 404 and answer.json()["error"]["status"] == 404, url
    assert reader.get("/oembed", params={"url": "/claims/qi-li-thesis", "format": "xml"}).status_code == 501
    assert reader.get("/oembed").status_code == 422


# The references a teacher would accept, exactly: GB/T 7714 with a document type that does not
# pretend to a journal when none is stated ([Z]), APA 7 with romanised names and an en dash,
# the English quotation naming the authors as English prose does.
EXACT = {
    "lu-yang-thesis": {
        "gbt7714": "卢江，杨丽娟. 智能经济助力高质量发展：逻辑理路、实现路径和政策建议——"
        "学习贯彻党的二十届四中全会精神[J]. 重庆大学学报(社会科学版), 2025, 31(6):1-14. "
        "DOI:10.11835/j.issn.1008-5831.jg.2025.12.001.",
        "apa": "Lu, J., & Yang, L. (2025). 智能经济助力高质量发展：逻辑理路、实现路径和政策建议——"
        "学习贯彻党的二十届四中全会精神 "
        "[Intelligent economy empowering high-quality development: Logic, pathways, and policy recommendations—Study "
        "and implement the spirit of the Fourth Plenary Session of the 20th Central Committee of the Communist Party "
        "of China]. 重庆大学学报(社会科学版), 31(6), 1–14. https://doi.org/10.11835/j.issn.1008-5831.jg.2025.12.001",
        "bibtex": "@article{luyang2025,\n  author = {卢江 and 杨丽娟},\n"
        "  title = {智能经济助力高质量发展：逻辑理路、实现路径和政策建议——学习贯彻党的二十届四中全会精神},\n"
        "  journal = {重庆大学学报(社会科学版)},\n  year = {2025},\n  volume = {31},\n  number = {6},\n"
        "  pages = {1--14},\n  doi = {10.11835/j.issn.1008-5831.jg.2025.12.001},\n  language = {chinese},\n"
        "  note = {Claim lu-yang-thesis, Abstract (Chinese) (摘要); argmap: http://testserver/claims/lu-yang-thesis}\n}",
        "quotation-zh": "“成为推动我国高质量发展的重要力量”（卢江，杨丽娟，2025，摘要）",
        "quotation-en": "“has become an important driving force for China’s high-quality development” "
        "(Lu & Yang, 2025, official English abstract)",
    },
    "qi-li-s2-within-units": {
        "gbt7714": "齐昊，李雪纯. 生产社会化视角下的新质生产力[Z].",
        "apa": "Qi, H., & Li, X. (n.d.). 生产社会化视角下的新质生产力 "
        "[New Quality Productive Forces in the Perspective of the Socialization of Production].",
        "bibtex": "@misc{qili,\n  author = {齐昊 and 李雪纯},\n  title = {生产社会化视角下的新质生产力},\n"
        "  language = {chinese},\n  note = {Claim qi-li-s2-within-units, 2. Understanding new quality productive "
        "forces through socialized intelligent production (二、从社会化智能生产理解新质生产力的理论内涵); "
        "argmap: http://testserver/claims/qi-li-s2-within-units}\n}",
        "quotation-zh": "“第一，在社会化智能生产下，生产单位内部以‘数据—决策’循环为基础，实现生产过程内部的智能化”"
        "（齐昊，李雪纯，年份未注明，二、从社会化智能生产理解新质生产力的理论内涵）",
        "quotation-en": "First, under socialized intelligent production, production units make their internal "
        "production processes intelligent on the basis of the data–decision cycle. (argmap's paraphrase of "
        "Qi & Li, n.d., 2. Understanding new quality productive forces through socialized intelligent production; "
        "http://testserver/claims/qi-li-s2-within-units)",
    },
}


def test_every_citation_of_both_papers_is_exactly_right(reader):
    for claim_id, expected in EXACT.items():
        assert formats(reader, claim_id) == expected, claim_id


def test_pinyin_names_are_marked_as_argmap_transliteration(reader):
    lu_yang = {f["id"]: f for f in reader.get("/api/claims/lu-yang-thesis").json()["cite"]["formats"]}
    assert "transliteration" in lu_yang["apa"]["note"] and "transliteration" in lu_yang["quotation-en"]["note"]
    qi_li = {f["id"]: f for f in reader.get("/api/claims/qi-li-s2-within-units").json()["cite"]["formats"]}
    assert qi_li["apa"]["note"] is None  # "Qi Hao Li Xuechun" is the source's own spelling
    page = reader.get("/claims/lu-yang-thesis", params={"lang": "zh"}).text
    assert "拼音" in page
