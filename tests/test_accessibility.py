"""Every kind of page passes axe-core's automated WCAG 2 A/AA checks in a real Chromium,
in English and in Chinese, on a desktop and a phone-sized screen."""

from __future__ import annotations

import pytest

AXE = "/static/vendor/axe-core-4.14.1/axe.min.js"
PAGES = [
    "/",
    "/papers/qi-li",
    "/papers/lu-yang",
    "/papers/qi-li/text",
    "/claims/qi-li-s2-within-units",
    "/claims/lu-yang-thesis",
    "/claims/lu-yang-thesis/card",
    "/concepts",
    "/concepts/patient-capital",
    "/references",
    "/search?q=资本",
    "/search?q=",
    "/about",
    "/guides/editorial-rules",
    "/export",
    "/compare",
    "/compare/map",
    "/compare/map?relation=agrees&lang=zh",
    "/compare/capital-turnover",
    "/chains",
    "/chains?from=intelligent-production&to=capital-turnover",
    "/chains?from=capital-turnover&to=data-sharing",
    "/tours",
    "/tours/qi-li-argument",
    "/tours/qi-li-argument/1",  # a claim
    "/tours/qi-li-argument/4",  # a concept
    "/tours/qi-li-argument/8",  # a chain
    "/tours/qi-li-argument/10",  # a graph view
    "/claims/no-such-claim",
    "/papers",
    "/concepts/patient-captial",  # a 404 with suggestions
    "/graph?depth=999",  # a 422 that explains itself
    "/search?q=patient+captial",  # did you mean
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
def test_each_page_passes_the_automated_accessibility_check(page, path):
    page.goto(path)
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path", ["/claims/qi-li-s2-within-units?lang=zh", "/papers/qi-li?lang=zh", "/tours/lu-yang-argument/6?lang=zh"]
)
def test_the_chinese_interface_passes_too(page, path):
    page.goto(path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_each_page_reads_on_a_phone_without_sideways_scrolling(page, path):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_keyboard_reaches_the_content_with_a_visible_focus(page):
    page.goto("/claims/qi-li-thesis")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-999px"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert focused.evaluate("el => !!el.closest('main')")
