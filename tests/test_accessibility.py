"""Every kind of page passes axe-core's automated WCAG 2 A/AA checks in a real Chromium,
in English and in Chinese, on a desktop and a phone-sized screen. Run on the fixture dataset."""

from __future__ import annotations

import pytest

AXE = "/static/vendor/axe-core-4.14.1/axe.min.js"
PAGES = [
    "/",
    "/papers/zheng-wu",
    "/papers/han-su",
    "/papers/zheng-wu/text",
    "/claims/zheng-wu-s1-thesis",
    "/claims/han-su-thesis",
    "/claims/han-su-thesis/card",
    "/concepts",
    "/concepts/digital-ledger",
    "/references",
    "/search?q=合作社",
    "/search?q=",
    "/about",
    "/guides/editorial-rules",
    "/export",
    "/compare",
    "/compare/map",
    "/compare/map?relation=agrees&lang=zh",
    "/compare/digital-ledger",
    "/chains",
    "/chains?from=digital-ledger&to=rural-income",
    "/chains?from=rural-income&to=digital-ledger",  # no chain: the nearest connections
    "/tours",
    "/tours/zheng-wu-argument",
    "/tours/zheng-wu-argument/1",  # a claim
    "/tours/zheng-wu-argument/3",  # a concept
    "/tours/zheng-wu-argument/4",  # a chain
    "/tours/zheng-wu-argument/5",  # a graph view
    "/claims/no-such-claim",
    "/claims/han-su-restated-title",  # a 410 for a retired id
    "/papers",
    "/changes",  # content hashes, long ids
    "/concepts/digital-ledgr",  # a 404 with suggestions
    "/graph?depth=999",  # a 422 that explains itself
    "/search?q=digital+ledgr",  # did you mean
]


def axe_violations(page) -> list[str]:
    page.add_script_tag(url=AXE)  # same origin, so the CSP allows it
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_passes_the_automated_accessibility_check(fixture_page, path):
    fixture_page.goto(path)
    assert axe_violations(fixture_page) == []


@pytest.mark.parametrize(
    "path",
    ["/claims/zheng-wu-s1-thesis?lang=zh", "/papers/zheng-wu?lang=zh", "/tours/ledgers-in-both-papers/2?lang=zh"],
)
def test_the_chinese_interface_passes_too(fixture_page, path):
    fixture_page.goto(path)
    assert axe_violations(fixture_page) == []


@pytest.mark.parametrize("path", PAGES)
def test_each_page_reads_on_a_phone_without_sideways_scrolling(fixture_page, path):
    fixture_page.set_viewport_size({"width": 375, "height": 740})
    fixture_page.goto(path)
    assert fixture_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_keyboard_reaches_the_content_with_a_visible_focus(fixture_page):
    fixture_page.goto("/claims/zheng-wu-thesis")
    fixture_page.keyboard.press("Tab")
    skip = fixture_page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert fixture_page.evaluate("getComputedStyle(document.activeElement).left") != "-999px"
    fixture_page.keyboard.press("Enter")
    fixture_page.keyboard.press("Tab")
    focused = fixture_page.locator(":focus")
    assert fixture_page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert focused.evaluate("el => !!el.closest('main')")
