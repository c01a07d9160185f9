"""The graph explorer in a real Chromium: layers, the side panel, focus, shared views, paths.
Run on the fixture dataset, except the two tests that refresh the guides' screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import FIXTURE_DATA, _serve, _tab, synthetic_app

expect = pytest.importorskip("playwright.sync_api").expect


def open_graph(page, path: str = "/graph") -> None:
    page.goto(path)
    page.locator("html[data-graph-ready='true']").wait_for(state="attached")


def shown_node_ids(page) -> list[str]:
    return sorted(page.evaluate("argmapGraph.cy.nodes().map(n => n.id())"))


def visible_edge_count(page) -> int:
    return page.evaluate("argmapGraph.cy.edges(':visible').length")


class _loaded:
    """`with _loaded(page): action()` waits until the view the action asked for is drawn
    (graph.js counts the views it loads on <html data-graph-loads>; polling a locator, since
    the page's CSP forbids the eval that wait_for_function needs)."""

    def __init__(self, page):
        self.page = page

    def __enter__(self):
        self.before = int(self.page.evaluate("document.documentElement.dataset.graphLoads || '0'"))

    def __exit__(self, *exc):
        if exc[0] is None:
            self.page.locator(f"html[data-graph-loads='{self.before + 1}']").wait_for(state="attached")


def test_the_overview_draws_both_papers_with_a_legend(page, shot):
    open_graph(page)
    ids = shown_node_ids(page)
    assert "lu-yang" in ids and "qi-li" in ids and "qi-li-thesis" in ids
    shapes = page.evaluate("['lu-yang', 'qi-li'].map(id => argmapGraph.cy.getElementById(id).style('shape'))")
    colours = page.evaluate(
        "['lu-yang', 'qi-li'].map(id => argmapGraph.cy.getElementById(id).style('background-color'))"
    )
    assert shapes[0] != shapes[1] and colours[0] != colours[1]
    legend = page.locator(".graph-legend")
    assert "Lu & Yang" in legend.inner_text() and "Qi & Li" in legend.inner_text()  # by their authors
    assert "main line" in page.locator("#graph-summary").inner_text()
    page.evaluate("document.getElementById('graph-toolbar').scrollIntoView()")
    shot(page, "graph-overview")


def test_the_graph_draws_without_breaking_the_content_security_policy_or_a_warning(fixture_page):
    errors: list[str] = []  # a warning too: Cytoscape warns of settings that misbehave for some readers
    fixture_page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    open_graph(fixture_page, "/graph?focus=digital-ledger")
    assert fixture_page.evaluate("argmapGraph.cy.nodes().length") > 0
    assert errors == []
    position = "getComputedStyle(document.querySelector('.__________cytoscape_container')).position"
    assert fixture_page.evaluate(position) == "relative"


def test_toggling_a_layer_changes_the_links_and_the_address(fixture_page):
    open_graph(fixture_page)
    before = visible_edge_count(fixture_page)
    with _loaded(fixture_page):
        fixture_page.get_by_label("Causal", exact=True).check()
    after = visible_edge_count(fixture_page)
    assert after > before
    assert fixture_page.evaluate("argmapGraph.cy.edges('[layer = \"causal\"]').length") > 0
    layers = parse_qs(urlparse(fixture_page.url).query)["layers"][0].split(",")
    assert "causal" in layers and "structure" in layers
    with _loaded(fixture_page):
        fixture_page.get_by_label("Structure", exact=True).uncheck()
    assert fixture_page.evaluate("argmapGraph.cy.edges('[layer = \"structure\"]').length") == 0


def test_clicking_a_node_shows_its_claim_in_the_side_panel(fixture_page):
    open_graph(fixture_page)
    position = fixture_page.evaluate("""(() => { const n = argmapGraph.cy.getElementById('zheng-wu-thesis');
        argmapGraph.cy.center(n); return n.renderedPosition(); })()""")
    box = fixture_page.locator("#graph-canvas").bounding_box()
    fixture_page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    panel = fixture_page.locator("#graph-panel")
    quote = fixture_page.evaluate("argmapGraph.cy.getElementById('zheng-wu-thesis').data('text_zh')")
    assert quote in panel.inner_text()
    assert panel.get_by_role("link", name="Open its page").get_attribute("href") == "/claims/zheng-wu-thesis"
    assert panel.locator(".meta").first.inner_text() == "claim · Zheng & Wu · thesis · main line"


def test_the_side_panel_speaks_the_pages_language(fixture_page):
    open_graph(fixture_page, "/graph?focus=digital-ledger&lang=zh")
    fixture_page.evaluate("argmapGraph.cy.getElementById('digital-ledger').emit('tap')")
    meta = fixture_page.locator("#graph-panel .meta").first
    expect(meta).to_have_text("概念")
    expect(fixture_page.locator("#graph-panel")).to_contain_text("此视图中的连接：")  # the full-width colon


def test_focusing_with_a_depth_is_in_the_address_and_survives_a_reload(page, shot):
    open_graph(page)
    page.get_by_label("Find a node to focus on").fill("patient-capital")
    with _loaded(page):
        page.get_by_role("button", name="Show").click()
    with _loaded(page):
        page.get_by_label("Steps around the focus").select_option("1")
    query = parse_qs(urlparse(page.url).query)
    assert query["focus"] == ["patient-capital"] and query["depth"] == ["1"]
    ids = shown_node_ids(page)
    assert "patient-capital" in ids and len(ids) > 3
    assert page.evaluate("argmapGraph.cy.getElementById('patient-capital').hasClass('focus')")
    assert "patient capital" in page.locator("#graph-panel").inner_text().lower()
    page.evaluate("document.getElementById('graph-toolbar').scrollIntoView()")
    shot(page, "graph-focus")
    page.reload()
    page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    assert shown_node_ids(page) == ids
    assert page.get_by_label("Steps around the focus").input_value() == "1"


def test_switching_language_keeps_the_view_the_reader_moved_to(fixture_page):
    open_graph(fixture_page, "/graph?focus=digital-ledger")
    with _loaded(fixture_page):
        fixture_page.get_by_label("Steps around the focus").select_option("1")
    twin = fixture_page.locator("footer.site").get_by_role("link", name="JSON").get_attribute("href")
    assert "focus=digital-ledger" in twin and "depth=1" in twin
    fixture_page.get_by_role("link", name="中文").click()
    fixture_page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    query = parse_qs(urlparse(fixture_page.url).query)
    assert query["focus"] == ["digital-ledger"] and query["depth"] == ["1"] and query["lang"] == ["zh"]
    assert fixture_page.get_by_label("聚焦节点周围的步数").input_value() == "1"


def test_the_copy_button_copies_the_address_of_this_view(fixture_page, fixture_live_server):
    open_graph(fixture_page, "/graph?focus=zheng-wu-thesis&depth=1&layers=argument")
    fixture_page.get_by_role("button", name="Copy link to this view").click()
    expect(fixture_page.locator("#copy-status")).not_to_be_empty()
    copied = fixture_page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{fixture_live_server}/graph?focus=zheng-wu-thesis&depth=1&layers=argument"


def test_a_path_in_the_address_is_highlighted(fixture_page):
    chain = fixture_page.request.get("/api/graph?layers=causal").json()
    step = next(e["data"] for e in chain["edges"] if e["data"]["layer"] == "causal")
    path = [step["source"], step["target"]]
    open_graph(fixture_page, f"/graph?focus=zheng-wu-thesis&depth=1&layers=argument&path={','.join(path)}")
    highlighted = sorted(fixture_page.evaluate("argmapGraph.cy.nodes('.in-path').map(n => n.id())"))
    assert highlighted == sorted(path)
    assert fixture_page.evaluate("argmapGraph.cy.edges('.in-path').length") >= 1
    assert fixture_page.evaluate(f"argmapGraph.cy.getElementById('{path[0]}').style('underlay-opacity')") != "0"


def test_the_view_exports_as_png_and_svg(fixture_page):
    open_graph(fixture_page)
    with fixture_page.expect_download() as png:
        fixture_page.get_by_role("button", name="Export PNG").click()
    assert png.value.suggested_filename.endswith(".png")
    with open(png.value.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    with fixture_page.expect_download() as svg:
        fixture_page.get_by_role("button", name="Export SVG").click()
    with open(svg.value.path(), encoding="utf-8") as file:
        text = file.read()
    assert text.startswith("<svg") and text.count("<polygon") + text.count("<ellipse") >= len(
        shown_node_ids(fixture_page)
    )


def test_an_unknown_typed_node_says_so_without_leaving_the_view(fixture_page):
    open_graph(fixture_page)
    ids = shown_node_ids(fixture_page)
    fixture_page.get_by_label("Find a node to focus on").fill("zzz-no-such-node")
    fixture_page.get_by_role("button", name="Show").click()
    expect(fixture_page.locator("#copy-status")).to_contain_text("zzz-no-such-node")
    assert shown_node_ids(fixture_page) == ids and urlparse(fixture_page.url).query == ""


@pytest.mark.parametrize("path", ["/graph", "/graph?focus=zheng-wu-thesis&path=zheng-wu-thesis,zheng-wu-s1&lang=zh"])
def test_the_graph_page_passes_the_automated_accessibility_check(fixture_page, path):
    from tests.test_accessibility import axe_violations

    open_graph(fixture_page, path)
    fixture_page.get_by_role("button", name=re.compile("Fit|适应窗口")).focus()
    assert axe_violations(fixture_page) == []


@pytest.fixture(scope="module")
def many_papers_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Four copies of the fixture dataset (eight papers: more than a legend keys whole), served."""
    for client in synthetic_app(tmp_path_factory, FIXTURE_DATA, 4, "graph_many_papers"):
        yield from _serve(client.app)


def _paper_look(page, paper: str) -> tuple[str, str]:
    return page.evaluate(
        f"[argmapGraph.cy.getElementById('{paper}').style('background-color'),"
        f" argmapGraph.cy.getElementById('{paper}').style('shape')]"
    )


def test_a_view_loaded_in_the_page_draws_and_keys_papers_the_first_view_did_not_show(browser, many_papers_server):
    # A page of a map of many papers carries only its own papers' colours and names: a view
    # loaded later in the same page brings the others' with it.
    for tab in _tab(browser, many_papers_server):
        titles = {p["id"]: p["title_zh"] for p in tab.request.get("/api/graph").json()["papers"]}
        first, later = list(titles)[0], list(titles)[-1]
        open_graph(tab, f"/graph?focus={later}&depth=1")
        drawn_alone = _paper_look(tab, later)
        open_graph(tab, f"/graph?focus={first}&depth=1")
        assert titles[later] not in tab.locator(".legend-papers").inner_text()
        with _loaded(tab):
            tab.get_by_label("Find a node to focus on").fill(later)
            tab.get_by_role("button", name="Show").click()
        assert _paper_look(tab, later) == drawn_alone
        assert titles[later] in tab.locator(".legend-papers").inner_text()
