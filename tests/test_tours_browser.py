"""A student walks a guided tour in a real Chromium, from the link an instructor handed out."""

from __future__ import annotations


def test_a_student_walks_a_tour_forward_and_back_and_follows_a_step(page, shot):
    page.goto("/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Tours").click()
    page.wait_for_url("**/tours")
    page.get_by_role("link", name="Patient capital and time in both papers").click()
    page.wait_for_url("**/tours/patient-capital-and-time")
    steps = page.locator("ol.tour-steps > li")
    assert steps.count() == 9
    page.get_by_role("link", name="Start the tour").click()
    page.wait_for_url("**/tours/patient-capital-and-time/1")
    assert page.locator(".step-count").inner_text() == "Step 1 of 9"
    tour_nav = page.get_by_role("navigation", name="Tour steps")
    assert tour_nav.get_by_role("link", name="Previous step").count() == 0  # nothing before the first step

    tour_nav.get_by_role("link", name="Next step").click()
    page.wait_for_url("**/tours/patient-capital-and-time/2")
    tour_nav.get_by_role("link", name="Next step").click()
    page.wait_for_url("**/tours/patient-capital-and-time/3")
    assert page.locator(".step-count").inner_text() == "Step 3 of 9"
    assert page.get_by_role("heading", level=1).inner_text() == "Lu & Yang: matching two clocks"  # data: "Lu-yang"
    assert "而耐心资本能够使资本回收周期与技术创新周期相匹配" in page.locator(".tour-shows").inner_text()
    shot(page, "tour")

    tour_nav.get_by_role("link", name="Previous step").click()
    page.wait_for_url("**/tours/patient-capital-and-time/2")
    assert page.get_by_role("heading", level=1).inner_text() == "Lu & Yang: long cycles"

    # A step's link opens what it points at on its own page: here the claim.
    page.get_by_role("link", name="Open the claim: its source context, links and citation").click()
    page.wait_for_url("**/claims/lu-yang-ie-features")
    assert page.get_by_role("heading", level=1).inner_text() == "在制度逻辑方面，智能经济具有高投入、长周期和强关联特征"
    page.go_back()
    page.wait_for_url("**/tours/patient-capital-and-time/2")

    # The last step points at a graph view and ends the tour.
    page.goto("/tours/patient-capital-and-time/9")
    assert tour_nav.get_by_role("link", name="Next step").count() == 0
    page.get_by_role("link", name="Open this view in the graph explorer").click()
    page.wait_for_url("**/graph?focus=lu-yang-patient-capital-matches-cycles&depth=1&layers=cross-paper")
    page.locator("html[data-graph-ready='true']").wait_for(state="attached")
    shown = page.evaluate("argmapGraph.cy.nodes().map(n => n.id())")
    assert "lu-yang-patient-capital-matches-cycles" in shown and "qi-li-s3-firms-need-long-finance" in shown


def test_an_instructor_copies_the_link_to_a_step(fixture_page, fixture_live_server):
    fixture_page.goto("/tours/zheng-wu-argument/4")
    fixture_page.get_by_role("button", name="Copy link to this step").click()
    assert fixture_page.evaluate("navigator.clipboard.readText()") == f"{fixture_live_server}/tours/zheng-wu-argument/4"
    assert fixture_page.get_by_role("status").inner_text() == "Link copied"
