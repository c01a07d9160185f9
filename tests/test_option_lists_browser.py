"""On a large map the chain pickers and the graph's search box are filled from their own
addresses by static/js/options.js, in a real Chromium. (The real map's lists are short
enough to be written into the pages, so the tests treat them as long.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.pages import option_lists


@pytest.fixture
def large_map_lists(shared_app, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(option_lists, "INLINE_MAX", 10)
    shared_app.state.response_cache.clear()
    yield
    shared_app.state.response_cache.clear()  # the other tests see the real pages again


def test_a_student_picks_both_ends_of_a_chain_from_the_fetched_list(page, large_map_lists):
    page.goto("/chains")
    page.get_by_label("From").select_option("intelligent-production")
    page.get_by_label("To", exact=True).select_option("capital-turnover")
    page.get_by_role("button", name="Find chains").click()
    page.wait_for_url("**/chains?from=intelligent-production&to=capital-turnover**")
    assert page.locator("li.chain").count() >= 1
    # on the answer, the whole list arrives again and the chosen ends stay chosen
    page.locator("#chain-to[data-options-loaded='true']").wait_for(state="attached")
    assert page.get_by_label("From").input_value() == "intelligent-production"
    assert page.get_by_label("To", exact=True).input_value() == "capital-turnover"
    assert page.locator("#chain-from option").count() > 10


def test_a_student_finds_a_node_by_words_of_its_label_in_the_graph(page, large_map_lists):
    page.goto("/graph")
    page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    words = page.request.get("/api/claims/lu-yang-surplus-value-frequency").json()["text_en"].split()[1:4]
    page.get_by_label("Find a node to focus on").fill(" ".join(words))  # words from the middle of its label
    page.get_by_role("button", name="Show").click()
    page.locator("html[data-graph-loads='1']").wait_for(state="attached")
    assert page.evaluate("argmapGraph.view.focus") == "lu-yang-surplus-value-frequency"
    assert page.locator("#graph-nodes option").count() > 10
