"""Comparing the authors and following a causal chain, in a real Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def test_a_student_follows_a_causal_chain_into_the_graph(page, shot):
    page.goto("/chains")
    page.get_by_label("From").select_option("data-decision-cycle")
    page.get_by_label("To", exact=True).select_option("continuity-of-production")
    page.get_by_role("button", name="Find chains").click()
    page.wait_for_url("**/chains?from=data-decision-cycle&to=continuity-of-production**")
    chains = page.locator("li.chain")
    assert chains.count() >= 1
    longest = chains.nth(chains.count() - 1)
    assert "intelligent production" in longest.locator(".chain-path").inner_text()
    assert longest.locator(".evidence .claim-ref").count() >= 2  # each step shows the claims behind it
    assert longest.locator(".basis").count() >= 2  # and whether the authors state it
    shot(page, "chains")
    longest.get_by_role("link", name="Show in the graph").click()
    page.wait_for_url("**/graph?**")
    page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    path = parse_qs(urlparse(page.url).query)["path"][0].split(",")
    assert path[0] == "data-decision-cycle" and path[-1] == "continuity-of-production"
    assert "intelligent-production" in path
    highlighted = sorted(page.evaluate("argmapGraph.cy.nodes('.in-path').map(n => n.id())"))
    assert highlighted == sorted(path)


def test_no_chain_shows_where_each_end_leads(page):
    page.goto("/chains?from=capital-turnover&to=intelligent-production")
    assert page.get_by_role("status").first.is_visible()
    assert page.get_by_role("heading", name="Where the first concept leads").is_visible()


def test_a_student_compares_the_authors_on_one_concept(page, shot):
    page.goto("/compare")
    page.get_by_label("Show only links that").select_option("differs-in-emphasis")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/compare?relation=differs-in-emphasis")
    page.get_by_role("button", name="Expand all").click()
    relations = page.locator(".crosslinks .rel").all_inner_texts()
    assert relations and set(relations) == {"differs in emphasis"}
    shot(page, "compare")
    page.locator("section.compare-concept h2 a").first.click()
    page.wait_for_url("**/compare/*")
    assert page.get_by_role("heading", name="Cross-paper links").is_visible()
    assert page.locator(".columns section").count() == 2
