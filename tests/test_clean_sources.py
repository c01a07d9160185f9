"""The cleaned sources are exactly what app/dataset/clean_sources.py derives from the seeds."""

from app.dataset.clean_sources import CLEANERS, derive
from tests.conftest import SHIPPED_DATA

SOURCES = SHIPPED_DATA / "sources"


def test_committed_sources_match_their_derivation():
    for key in CLEANERS:
        assert (SOURCES / f"{key}.txt").read_text(encoding="utf-8") == derive(SOURCES, key), key


def test_page_furniture_is_gone():
    lu_yang = (SOURCES / "lu-yang.txt").read_text(encoding="utf-8")
    for furniture in ("\n复制\n", "\n分享\n", "访问统计", "文章二维码", "•", "CSTR"):
        assert furniture not in lu_yang
    qi_li = (SOURCES / "qi-li.txt").read_text(encoding="utf-8")
    assert "<sup>" not in qi_li and "**" not in qi_li


def test_the_funding_note_no_longer_splits_a_sentence():
    qi_li = (SOURCES / "qi-li.txt").read_text(encoding="utf-8")
    assert "进而提高生产效率和加速经济增长，避免“索洛悖论”的出现。" in qi_li
    assert qi_li.index("[基金项目]") < qi_li.index("深刻把握新质生产力")


def test_page_breaks_inside_paragraphs_are_rejoined():
    qi_li = (SOURCES / "qi-li.txt").read_text(encoding="utf-8")
    assert "都是直接生产自己的大部分消费品" in qi_li
    assert "市场交换关系中" in qi_li
    assert "社会化智能生产阶段，生产单位之间还存在数据流与服务流" in qi_li
    assert "更好发挥政府投资基金作用，发展耐心资本" in qi_li


def test_both_abstracts_of_lu_yang_are_kept_whole():
    lu_yang = (SOURCES / "lu-yang.txt").read_text(encoding="utf-8")
    assert "智能经济作为以数据、算法和算力为关键生产要素" in lu_yang
    assert "The intelligent economy—defined by data, algorithms, and computing power" in lu_yang
    assert "DOI:10.11835/j.issn.1008-5831.jg.2025.12.001" in lu_yang
