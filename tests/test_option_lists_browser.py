"""On a large map the chain pickers, the graph's search box and the export's concept filter
are filled from their own addresses by static/js/options.js, in a real Chromium, on the
fixture dataset. (Its lists are short enough to be written into the pages, so the tests treat
them as long.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.pages import option_lists


@pytest.fixture
def large_map_lists(fixture_app, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(option_lists, "INLINE_MAX", 5)
    fixture_app.state.response_cache.clear()
    yield
    fixture_app.state.response_cache.clear()  # the other tests see the real pages again


def test_a_student_picks_both_ends_of_a_chain_from_the_fetched_list(fixture_page, large_map_lists):
    fixture_page.goto("/chains")
    fixture_page.get_by_label("From").select_option("digital-ledger")
    fixture_page.get_by_label("To", exact=True).select_option("rural-income")
    fixture_page.get_by_role("button", name="Find chains").click()
    fixture_page.wait_for_url("**/chains?from=digital-ledger&to=rural-income**")
    assert fixture_page.locator("li.chain").count() >= 1
    # on the answer, the whole list arrives again and the chosen ends stay chosen
    fixture_page.locator("#chain-to[data-options-loaded='true']").wait_for(state="attached")
    assert fixture_page.get_by_label("From").input_value() == "digital-ledger"
    assert fixture_page.get_by_label("To", exact=True).input_value() == "rural-income"
    assert fixture_page.locator("#chain-from option").count() > 5


def test_a_student_finds_a_node_by_words_of_its_label_in_the_graph(fixture_page, large_map_lists):
    fixture_page.goto("/graph")
    fixture_page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    words = fixture_page.request.get("/api/claims/zheng-wu-s2-sharing-scale-income").json()["text_en"].split()[1:4]
    fixture_page.get_by_label("Find a node to focus on").fill(" ".join(words))  # words from the middle of its label
    fixture_page.get_by_role("button", name="Show").click()
    fixture_page.locator("html[data-graph-loads='1']").wait_for(state="attached")
    assert fixture_page.evaluate("argmapGraph.view.focus") == "zheng-wu-s2-sharing-scale-income"
    assert fixture_page.locator("#graph-nodes option").count() > 5


def test_a_researcher_filters_the_export_by_a_concept_from_the_fetched_list(fixture_page, large_map_lists):
    fixture_page.goto("/export")
    fixture_page.locator("select[name=concept][data-options-loaded='true']").wait_for(state="attached")
    fixture_page.get_by_label("Concept neighbourhood").select_option("digital-ledger")
    fixture_page.get_by_role("button", name="Apply").click()
    fixture_page.wait_for_url("**/export?*concept=digital-ledger*")
    fixture_page.locator("select[name=concept][data-options-loaded='true']").wait_for(state="attached")
    assert fixture_page.get_by_label("Concept neighbourhood").input_value() == "digital-ledger"
    assert fixture_page.locator("select[name=concept] option").count() > 5
