"""Long pages a reader can hold: the paper outline opens at its main line with a table of
contents, expands and collapses all at once (remembered in the fragment), and so does the
comparison; both end with "Back to top"."""

from __future__ import annotations

import pytest

OPEN = "document.querySelectorAll('[data-outline-area] details[open]').length"
ALL = "document.querySelectorAll('[data-outline-area] details').length"


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize(("width", "most"), [(1280, 12000), (390, 20000)])
def test_the_paper_outline_opens_at_its_main_line(page, width, most):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/papers/qi-li")
    toc = page.get_by_role("navigation", name="Sections")
    sections = page.request.get("/api/papers/qi-li").json()["outline"]
    assert toc.get_by_role("link").count() == len(sections)
    opened, every = page.evaluate(OPEN), page.evaluate(ALL)
    assert 0 < opened < every / 2
    collapsed = height(page)
    assert collapsed < most
    page.get_by_role("button", name="Expand all").click()
    assert page.evaluate(OPEN) == every and page.url.endswith("#expanded")
    assert height(page) > collapsed
    page.reload()
    assert page.evaluate(OPEN) == every  # the fragment keeps the state
    page.get_by_role("button", name="Collapse all").click()
    assert page.evaluate(OPEN) == 0 and page.url.endswith("#collapsed")
    page.get_by_role("link", name="Back to top").click()
    assert page.evaluate("window.scrollY") < 400


def test_a_link_to_a_claim_deep_in_the_outline_opens_its_branch(page):
    outline = page.request.get("/api/papers/qi-li").json()["outline"]

    def deepest(nodes, depth=1):
        for node in nodes:
            if depth >= 3:
                return node["claim"]["id"]
            found = deepest(node["children"], depth + 1)
            if found:
                return found
        return None

    claim = next(found for section in outline if (found := deepest(section["claims"])))
    page.goto("/papers/qi-li")
    assert not page.locator(f"#outline-{claim}").is_visible()
    page.goto(f"/papers/qi-li#outline-{claim}")
    assert page.locator(f"#outline-{claim}").is_visible()


def test_the_comparison_has_contents_and_collapsible_concepts(page):
    page.goto("/compare")
    toc = page.get_by_role("navigation", name="Shared concepts")
    concepts = page.locator("section.compare-concept")
    assert toc.get_by_role("link").count() >= concepts.count() > 1
    assert page.evaluate(OPEN) == 1
    second = concepts.nth(1)
    toc.get_by_role("link").nth(1).click()
    assert second.locator("details").get_attribute("open") is not None
    page.get_by_role("button", name="Expand all").click()
    assert page.evaluate(OPEN) == page.evaluate(ALL)
    assert page.get_by_role("link", name="Back to top").is_visible()
