"""The export page in a real Chromium, and cytoscape.json loaded by Cytoscape.js itself."""

from __future__ import annotations

import re

CYTOSCAPE = "/static/vendor/cytoscape-3.34.4/cytoscape.min.js"


def test_a_researcher_loads_cytoscape_json_into_cytoscape_js(page, reader, shot):
    page.goto("/export")
    shot(page, "export")
    page.add_script_tag(url=CYTOSCAPE)
    counts = page.evaluate("""async () => {
        const data = await (await fetch("/export/cytoscape.json")).json();
        const cy = cytoscape({headless: true, elements: data.elements});
        const thesis = cy.getElementById("qi-li-thesis");
        return {nodes: cy.nodes().length, edges: cy.edges().length, claims: cy.nodes(".claim").length,
                thesisKind: thesis.data("kind"), supporters: thesis.incomers("edge.argument").length,
                version: data.data.dataset_version};
    }""")
    graph = reader.get("/export/graph.json").json()
    claims = [n for n in graph["nodes"] if n["type"] == "claim"]
    supporters = [e for e in graph["edges"] if e["target"] == "qi-li-thesis" and e["layer"] == "argument"]
    assert counts == {
        "nodes": len(graph["nodes"]),
        "edges": len(graph["edges"]),
        "claims": len(claims),
        "thesisKind": "thesis",
        "supporters": len(supporters),
        "version": graph["graph"]["dataset_version"],
    }


def test_a_researcher_filters_the_exports_to_one_paper(page, shot):
    page.goto("/export")
    page.get_by_role("combobox", name=re.compile(r"^Paper")).select_option("lu-yang")
    page.get_by_label("argument", exact=True).check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/export?paper=lu-yang&concept=&layers=argument")
    link = page.locator("#node-link a.download")
    assert link.get_attribute("href") == "/export/graph.json?paper=lu-yang&layers=argument"
    assert "--paper lu-yang --layers argument" in page.locator("#aif").inner_text()
    shot(page, "export-filtered")


def test_the_export_page_passes_the_accessibility_check_in_both_languages_and_on_a_phone(fixture_page):
    from tests.test_accessibility import axe_violations

    for path in ("/export", "/export?lang=zh&paper=zheng-wu"):
        fixture_page.goto(path)
        assert axe_violations(fixture_page) == [], path
    fixture_page.set_viewport_size({"width": 375, "height": 740})
    fixture_page.goto("/export?lang=en")
    assert fixture_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
