"""Main reading journeys in a real Chromium (fixtures in conftest.py)."""

from __future__ import annotations


def test_a_student_reads_a_paper_from_outline_to_source(page, shot):
    page.goto("/papers/qi-li")
    shot(page, "paper-outline")
    detail = page.locator("#qi-li-s2 details").first
    summary = detail.locator("summary").first
    summary.click(position={"x": 2, "y": 8})  # the marker, not the claim link inside the summary
    assert detail.get_attribute("open") is None
    summary.click(position={"x": 2, "y": 8})
    assert detail.get_attribute("open") is not None
    page.locator("#qi-li-s2 a[href='/claims/qi-li-s2-within-units']").first.click()
    page.wait_for_url("**/claims/qi-li-s2-within-units")
    assert "“数据—决策”循环" in page.locator("h1").inner_text()
    shot(page, "claim")
    page.get_by_role("link", name="See it highlighted in the full source text").click()
    page.wait_for_url("**/papers/qi-li/text#qi-li-s2-within-units")
    highlight = page.locator("#qi-li-s2-within-units + a.hl")
    highlight.focus()
    assert highlight.locator(".tip").is_visible()
    shot(page, "source-highlight")


def test_the_language_switch_is_remembered(page, shot):
    page.goto("/claims/qi-li-thesis")
    page.get_by_role("link", name="中文").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto("/concepts")
    assert page.locator("h1").inner_text() == "概念"
    shot(page, "concepts-zh")


def test_copy_link_puts_the_claims_address_on_the_clipboard(page, live_server):
    page.goto("/claims/lu-yang-thesis")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server}/claims/lu-yang-thesis"


def test_search_in_chinese_highlights_matches(page, shot):
    page.goto("/search")
    page.get_by_label("Search claims, concepts and references").fill("资本")
    page.get_by_role("button", name="Search").click()
    marks = page.locator("mark")
    assert marks.count() > 3 and marks.first.inner_text() == "资本"
    shot(page, "search-zh")
