"""The two-author map in a real Chromium: the drawing is legible (no labels on top of each
other, no text under 10 px), its connectors meet their rows with or without JavaScript, a
phone shows one column at a time, it prints, and it downloads as PNG."""

from __future__ import annotations

import pytest

from tests.test_accessibility import axe_violations

WIDTHS = [(1280, 800), (390, 844)]

# Everything the checks need, read from the DOM in one go (the CSP forbids wait_for_function's eval,
# not page.evaluate).
MEASURE = """(() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const shown = (el) => el.checkVisibility();
  const lane = document.querySelector('.map-lane-svg');
  const rows = [...document.querySelectorAll('.map-row')].filter(shown);
  const texts = [...document.querySelectorAll('.map-row .zh, .map-row .en, .map-meta, .map-tree summary')]
    .filter(shown);
  const connectors = lane && shown(lane) ? [...lane.querySelectorAll('.connector')] : [];
  const top = lane ? lane.getBoundingClientRect().top : 0;
  const ends = connectors.map((c) => {
    const numbers = c.querySelector('path').getAttribute('d').match(/-?[0-9.]+/g).map(Number);
    const centre = (id) => {
      let row = document.getElementById('row-' + id);
      let item = row.closest('li');
      while (!row.checkVisibility()) {  // in a closed branch: drawn to its nearest shown ancestor
        item = item.parentElement.closest('li');
        row = item.querySelector(':scope > .map-row');
      }
      const r = row.getBoundingClientRect();
      return r.top - top + r.height / 2;
    };
    return [numbers[1] - centre(c.dataset.left), numbers[numbers.length - 1] - centre(c.dataset.right)];
  });
  return {
    rows: rows.map((r) => [r.closest('.map-col').id, ...box(r)]),
    labels: connectors.map((c) => box(c.querySelector('rect'))),
    labelFonts: connectors.map((c) => parseFloat(getComputedStyle(c.querySelector('text')).fontSize)),
    textFonts: texts.map((t) => parseFloat(getComputedStyle(t).fontSize)),
    ends,
    laneShown: !!lane && shown(lane),
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  };
})()"""


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes [left, top, right, bottom] that share more than a pixel."""
    pairs = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                pairs.append((i, j))
    return pairs


def assert_legible(measured: dict) -> None:
    for side in ("col-left", "col-right"):
        rows = [row[1:] for row in measured["rows"] if row[0] == side]
        assert not overlapping(rows), side
    assert not overlapping(measured["labels"])
    assert min(measured["labelFonts"] + measured["textFonts"]) >= 10
    assert all(abs(left) <= 1.5 and abs(right) <= 1.5 for left, right in measured["ends"]), measured["ends"]
    assert measured["scrollWidth"] <= measured["width"]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("query", ["", "?relation=differs-in-emphasis", "?concept=patient-capital&lang=zh", "?depth=4"])
def test_the_map_is_legible_at_both_widths(page, width, height, query):
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/compare/map" + query)
    measured = page.evaluate(MEASURE)
    assert measured["rows"]
    assert_legible(measured)
    assert measured["laneShown"] == (width > 760)
    if width > 760:
        assert len(measured["labels"]) == page.locator(".map-notes > li").count() > 0


def test_without_javascript_the_server_drawing_meets_its_rows(browser, live_server):
    context = browser.new_context(
        base_url=live_server, java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    tab = context.new_page()
    tab.goto("/compare/map")
    measured = tab.evaluate(MEASURE)
    context.close()
    assert len(measured["labels"]) > 10
    assert_legible(measured)


def test_opening_and_closing_a_branch_keeps_the_connectors_on_their_rows(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/compare/map")
    page.locator("html[data-map-drawn]").wait_for(state="attached")
    page.locator("#col-left details[open] > summary").first.click()
    page.locator("#col-right details:not([open]) > summary").first.click()
    # drawn again after each of the two toggles (and after any resize the page makes on the way)
    page.wait_for_function("Number(document.documentElement.dataset.mapDrawn) >= 3")
    assert_legible(page.evaluate(MEASURE))  # a hidden claim's connector meets its nearest shown ancestor


def test_a_connector_opens_its_note_and_a_claim_its_page(page, shot):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/compare/map")
    page.evaluate("document.querySelector('.map-grid').scrollIntoView()")
    shot(page, "compare-map")
    connector = page.locator(".connector").first
    target = connector.get_attribute("href")
    connector.locator("rect").click()
    assert page.url.endswith(target)
    assert page.locator(f"{target} .note").is_visible()
    page.locator("#col-right .map-claim").first.click()
    page.wait_for_url("**/claims/**")


def test_a_phone_shows_one_column_at_a_time_and_the_links_as_a_list(page, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/compare/map?lang=zh")
    assert page.locator("#col-left").is_visible() and not page.locator("#col-right").is_visible()
    page.locator(".map-tabs a[href='#col-right']").click()
    assert page.locator("#col-right").is_visible() and not page.locator("#col-left").is_visible()
    page.evaluate("document.getElementById('col-right').scrollIntoView()")
    shot(page, "compare-map-phone")
    assert page.locator(".map-notes > li").count() == page.request.get("/api/compare/map").json()["links"].__len__()


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_the_map_prints_landscape_with_its_connectors(page, paper):
    page.goto("/compare/map")
    page.emulate_media(media="print")
    width = {"A4": 1123, "A3": 1587}[paper]
    page.set_viewport_size({"width": width, "height": 790})
    measured = page.evaluate(MEASURE)
    assert measured["laneShown"] and not page.locator("header.site").is_visible()
    assert_legible(measured)
    assert page.pdf(format=paper, landscape=True)[:4] == b"%PDF"


def test_the_map_downloads_as_png(fixture_page):
    fixture_page.goto("/compare/map?relation=agrees")
    with fixture_page.expect_download() as png:
        fixture_page.get_by_role("button", name="Download PNG").click()
    assert png.value.suggested_filename == "argmap-map-han-su-zheng-wu.png"
    with open(png.value.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("path", ["/compare/map", "/compare/map?lang=zh&relation=agrees"])
def test_the_map_passes_the_automated_accessibility_check(page, width, height, path):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(path)
    assert axe_violations(page) == []
