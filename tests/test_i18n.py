"""The interface in Chinese, through Babel's own workflow: one message template extracted from
the templates and the Python code, one Chinese catalogue updated from it, every message
translated, with Chinese punctuation; and plurals that agree with their numbers."""

from __future__ import annotations

import re
from configparser import ConfigParser

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from app.config import REPO_ROOT
from app.dataset.schema import ARGUMENT_RELATIONS, CAUSAL_RELATIONS, CLAIM_KINDS, CROSS_PAPER_RELATIONS, LAYERS
from app.web.i18n import TEMPLATE, catalogue_path, translations
from app.web.vocabulary import DATA_WORDS

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
HAN = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
# An ASCII punctuation mark touching Chinese text: "57 个概念." or "资本, 数据".
ASCII_BESIDE_CHINESE = re.compile(rf"{HAN}\s*[,.;:!?()]|[,.;:!?()]\s*{HAN}")


def extracted_messages() -> set[str | tuple[str, ...]]:
    """What `pybabel extract -F babel.cfg -k N_` finds now."""
    config = ConfigParser()
    config.read(REPO_ROOT / "babel.cfg")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip()) for section in config.sections()]
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(REPO_ROOT, method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalogue(path):
    with path.open("rb") as file:
        return read_po(file, locale="zh")


def key(message) -> str | tuple[str, ...]:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def test_the_message_template_is_what_pybabel_extract_makes_now():
    in_template = {key(m) for m in catalogue(TEMPLATE) if m.id}
    extracted = extracted_messages()
    assert extracted - in_template == set(), "new messages: run pybabel extract (see CONTRIBUTING.md)"
    assert in_template - extracted == set(), "messages no longer used: run pybabel extract"


def test_the_chinese_catalogue_is_updated_from_the_template_and_translates_every_message():
    template = {key(m) for m in catalogue(TEMPLATE) if m.id}
    zh = catalogue(catalogue_path("zh"))
    assert {key(m) for m in zh if m.id} == template, "run pybabel update (see CONTRIBUTING.md)"
    untranslated = [key(m) for m in zh if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert untranslated == []
    assert not [key(m) for m in zh if m.fuzzy and m.id]


def test_chinese_messages_use_chinese_punctuation():
    wrong = []
    for message in catalogue(catalogue_path("zh")):
        for text in (message.string,) if isinstance(message.string, str) else message.string:
            if text and ASCII_BESIDE_CHINESE.search(PLACEHOLDER.sub("x", text)):
                wrong.append(text)
    assert wrong == []


def test_the_punctuation_check_catches_ascii_full_stops_and_commas():
    assert ASCII_BESIDE_CHINESE.search("57 个概念.")
    assert ASCII_BESIDE_CHINESE.search("例如：资本, 数据")
    assert not ASCII_BESIDE_CHINESE.search("只提供 format=json。")


def test_words_from_the_data_are_all_marked_for_translation():
    vocabulary = set(CLAIM_KINDS + ARGUMENT_RELATIONS + CAUSAL_RELATIONS + CROSS_PAPER_RELATIONS + LAYERS)
    assert vocabulary <= set(DATA_WORDS)
    zh = translations("zh")
    assert all(zh.gettext(word) != word for word in DATA_WORDS)


def test_plurals_agree_with_their_number(fixture_reader):
    one = fixture_reader.get("/search", params={"q": "韩梅"})  # one paper's author
    assert "1 result</p>" in one.text and "1 results" not in one.text
    many = fixture_reader.get("/search", params={"q": "数字账本"})
    assert re.search(r"\b\d+ results</p>", many.text)
    assert "条结果" in fixture_reader.get("/search", params={"q": "韩梅", "lang": "zh"}).text


def test_a_chinese_page_has_no_english_interface_text(reader):
    page = reader.get("/", params={"lang": "zh"}).text
    for english in ("How to read this map", "The two papers", "Four themes", "claims", "Guided tours"):
        assert english not in page
    assert "如何阅读这张图" in page and "卢江、杨丽娟" in page


# A colon, comma or semicolon in ASCII beside Chinese text ("显示的关联: 5", "12 个节点, 20 条链接").
# a comma, colon or semicolon beside Chinese, or a parenthesis around or beside it ("章节 (4)")
ASCII_SEPARATOR_BESIDE_CHINESE = re.compile(rf"{HAN}\s*[,:;(]|[,:;)]\s*{HAN}|\(\s*{HAN}|{HAN}\s*\)")


def interface_text(html: str) -> str:
    """What a reader sees of the interface: no scripts, no code, no text marked English."""
    html = re.sub(r"<(script|style|title|svg|textarea|pre|datalist)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<([a-z0-9]+)[^>]*lang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)
    html = re.sub(r"<code>.*?</code>", " ", html, flags=re.S)
    # a journal's name, volume and pages as the source cites them (GB/T 7714: "学报(社会科学版), 31(6): 1-14")
    html = re.sub(r'<span class="source-style"[^>]*>.*?</span>', " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(
    "page",
    [
        "/graph?focus=digital-ledger&layers=causal,mentions",  # references are verbatim, in their own style
        "/compare/map?concept=digital-ledger",
        "/about",
        "/changes",
        "/claims/zheng-wu-s1-thesis",
        "/tours/ledgers-in-both-papers/4",
        "/papers",
        "/papers/zheng-wu",
        "/compare",
        "/compare/digital-ledger",
        "/chains",
        "/export",
    ],
)
def test_chinese_pages_separate_their_words_with_chinese_punctuation(fixture_reader, page):
    response = fixture_reader.get(page + ("&" if "?" in page else "?") + "lang=zh")
    assert response.status_code == 200
    found = [m.group(0) for m in ASCII_SEPARATOR_BESIDE_CHINESE.finditer(interface_text(response.text))]
    assert found == []
