"""A student's first ten minutes, in a real Chromium: home → a paper → a claim → its concept →
the comparison → a chain → a tour, in English and in Chinese, on a desktop (1280 px) and a
phone (390 px). Each step is photographed for the students' guide (docs/students.md)."""

from __future__ import annotations

import pytest

NAMES = {"en": ("Lu & Yang", "Qi & Li"), "zh": ("卢江、杨丽娟", "齐昊、李雪纯")}
WORDS = {
    "en": {"menu": "Menu", "chains": "Chains", "tours": "Tours", "find": "Find chains", "to": "To"},
    "zh": {"menu": "菜单", "chains": "因果链", "tours": "导读", "find": "查找因果链", "to": "到"},
}


def largest_heading_is_the_title(tab) -> bool:
    """The page's own title (its h1) is at least as large as every other heading."""
    return tab.evaluate(
        """() => {
        const size = el => parseFloat(getComputedStyle(el).fontSize);
        const h1 = document.querySelector('main h1');
        return [...document.querySelectorAll('main h2, main h3, main h4')].every(h => size(h) <= size(h1));
    }"""
    )


def fits_the_screen(tab) -> bool:
    return tab.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1")


def go_by_menu(tab, label: str, phone: bool) -> None:
    """Follow a link of the site menu: on a phone the compact menu opens first."""
    nav = tab.locator("header.site nav")
    if phone:
        assert not nav.locator(".menu-wide").is_visible()
        nav.locator(".menu-compact summary").click()
        nav.locator(".menu-compact").get_by_role("link", name=label, exact=True).click()
    else:
        assert not nav.locator(".menu-compact").is_visible()
        nav.locator(".menu-wide").get_by_role("link", name=label, exact=True).click()


def check(tab, shot, name: str) -> None:
    tab.wait_for_load_state("domcontentloaded")
    assert largest_heading_is_the_title(tab), name
    assert fits_the_screen(tab), name
    shot(tab, name)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_student_walks_from_the_home_page_to_a_tour(browser, live_server, shot, lang, width):
    phone = width < 600
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": width, "height": 844 if phone else 800},
        device_scale_factor=1,
        locale="zh-CN" if lang == "zh" else "en-GB",
        is_mobile=phone,
        has_touch=phone,
    )
    tab = context.new_page()
    words, (lu_yang, qi_li) = WORDS[lang], NAMES[lang]
    prefix = f"student-{lang}-{width}"
    try:
        # 1. The home page is a way in: both papers by their authors, the themes, the tours.
        tab.goto(f"/?lang={lang}")
        main = tab.locator("main")
        assert main.get_by_role("link", name=lu_yang).first.is_visible()
        assert main.get_by_role("link", name=qi_li).first.is_visible()
        assert main.locator(".themes a[href='/compare/patient-capital']").count() == 1
        assert main.locator(".tours-entry a[href^='/tours/']").count() >= 1
        assert "lu-yang" not in main.inner_text() and "qi-li" not in main.inner_text()
        header = tab.locator("header.site").bounding_box()
        assert header and header["height"] < (70 if phone else 60)  # the menu is one line, folded on a phone
        check(tab, shot, f"{prefix}-1-home")

        # 2. A paper, by its authors' names.
        main.locator("#paper-qi-li a").click()
        tab.wait_for_url("**/papers/qi-li")
        check(tab, shot, f"{prefix}-2-paper")

        # 3. A claim of it: its own headline is the largest heading.
        tab.locator("#qi-li-s2 a[href='/claims/qi-li-s2-within-units']").first.click()
        tab.wait_for_url("**/claims/qi-li-s2-within-units")
        assert qi_li in tab.locator(".claim .meta").inner_text()
        check(tab, shot, f"{prefix}-3-claim")

        # 4. Its concept: the tag is a link.
        tab.locator(".tags a[href='/concepts/data-decision-cycle']").click()
        tab.wait_for_url("**/concepts/data-decision-cycle")
        headings = tab.locator("main h2").all_inner_texts()
        assert any(qi_li in h for h in headings) and not any("qi-li" in h for h in headings)
        check(tab, shot, f"{prefix}-4-concept")

        # 5. The two papers compared on it.
        tab.locator("main a[href='/compare/data-decision-cycle']").first.click()
        tab.wait_for_url("**/compare/data-decision-cycle")
        check(tab, shot, f"{prefix}-5-compare")

        # 6. A chain from that concept, asked for with the form; each label stays with its field.
        go_by_menu(tab, words["chains"], phone)
        tab.wait_for_url("**/chains")
        tab.select_option("#chain-from", "data-decision-cycle")
        tab.select_option("#chain-to", "socialization-of-production")
        to_label = tab.locator("label[for='chain-to']").bounding_box()
        to_field = tab.locator("#chain-to").bounding_box()
        assert to_label and to_field
        assert (
            abs((to_label["y"] + to_label["height"] / 2) - (to_field["y"] + to_field["height"] / 2))
            < to_field["height"]
        ), "the label “To” wrapped away from its list"
        tab.get_by_role("button", name=words["find"]).click()
        tab.wait_for_url("**/chains?*")
        assert tab.locator("ol.chains > li.chain").count() >= 1
        assert qi_li in tab.locator("ol.chains").inner_text()
        check(tab, shot, f"{prefix}-6-chain")

        # 7. A tour.
        go_by_menu(tab, words["tours"], phone)
        tab.wait_for_url("**/tours")
        tab.locator("main a[href$='/1']").first.click()
        tab.wait_for_url("**/tours/*/1")
        check(tab, shot, f"{prefix}-7-tour")
    finally:
        context.close()


def test_a_card_shows_in_slides_opened_from_disk(fixture_page, fixture_live_server, tmp_path):
    """An instructor's local slides (a file: fixture_page) frame a claim card."""
    slides = tmp_path / "week3.html"
    slides.write_text(
        f'<!doctype html><title>Week 3</title><iframe src="{fixture_live_server}/claims/zheng-wu-thesis/card"'
        ' width="480" height="260"></iframe>',
        encoding="utf-8",
    )
    fixture_page.goto(slides.as_uri())
    card = fixture_page.frame_locator("iframe").locator("blockquote")
    card.wait_for()
    assert "数据共享" in card.inner_text()
