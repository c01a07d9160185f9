"""The graph explorer is readable in every view the server sends, at a desktop and a phone
size: after the initial fit no two node labels overlap and every label is at least 10 px on
screen (font size × zoom), read from the Cytoscape instance; each layer has its own shape."""

from __future__ import annotations

import pytest

from tests.test_graph_explorer_browser import _loaded, open_graph

WIDTHS = [(1280, 800), (390, 844)]
VIEWS = [
    "/graph",
    "/graph?focus=qi-li-thesis&depth=1",
    "/graph?focus=patient-capital&depth=2",
    "/graph?focus=patient-capital&depth=3",
    "/graph?focus=qi-li-thesis&depth=4",
    "/graph?focus=qi-li-thesis&depth=1&layers=argument&path=qi-li-thesis,qi-li-s1,qi-li",
    "/graph?layers=structure",
    "/graph?layers=argument",
    "/graph?layers=causal",
    "/graph?layers=cross-paper",
    "/graph?layers=mentions",
    "/graph?layers=cites",
    "/graph?paper=lu-yang",
    "/graph?paper=qi-li&lang=zh",
]

MEASURE = """(() => {
  const cy = argmapGraph.cy;
  const zh = document.documentElement.lang.startsWith('zh');
  const nodes = cy.nodes();
  const boxes = nodes.map((n) => {
    const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    return [b.x1, b.y1, b.x2, b.y2];
  });
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]; const b = boxes[j];
      if (Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 1 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 1) {
        overlaps += 1;
      }
    }
  }
  return {
    count: nodes.length,
    overlaps,
    smallest: Math.min(...nodes.map((n) => parseFloat(n.style('font-size')) * cy.zoom())),
    labels: nodes.map((n) => [n.id(), n.data('type'), n.style('label'), zh ? n.data('label_zh') : n.data('label')]),
  };
})()"""


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_opens_with_legible_labels_that_do_not_overlap(page, width, height, view):
    page.set_viewport_size({"width": width, "height": height})
    open_graph(page, view)
    measured = page.evaluate(MEASURE)
    assert measured["count"] > 1
    assert measured["overlaps"] == 0
    assert measured["smallest"] >= 10 - 1e-6
    for node_id, node_type, shown, label in measured["labels"]:
        assert shown == label and shown.strip()  # the interface language's text …
        if node_type != "concept":
            assert shown != node_id  # … never an id


def positions(page, selector: str) -> dict[str, dict[str, float]]:
    script = "(s) => Object.fromEntries(argmapGraph.cy.nodes(s).map(n => [n.id(), n.position()]))"
    return page.evaluate(script, selector)


def test_the_argument_layer_is_a_tree_with_the_theses_at_the_top(page):
    open_graph(page, "/graph?layers=argument")
    ys = {node: p["y"] for node, p in positions(page, "[type = 'claim']").items()}
    for thesis in ("qi-li-thesis", "lu-yang-thesis"):
        same_paper = [y for node, y in ys.items() if node.startswith(thesis.removesuffix("-thesis")) and node != thesis]
        assert ys[thesis] <= min(same_paper)  # a claim that supports nothing here heads its own tree
    below = page.evaluate(
        "argmapGraph.cy.edges('[layer = \"argument\"]').map(e => e.source().position('y') > e.target().position('y'))"
    )
    assert sum(below) / len(below) > 0.9  # a claim sits under the claim it supports


def test_the_causal_layer_flows_left_to_right(page):
    open_graph(page, "/graph?layers=causal")
    forward = page.evaluate("argmapGraph.cy.edges().map(e => e.source().position('x') < e.target().position('x'))")
    assert forward and sum(forward) / len(forward) > 0.8


def test_a_path_is_drawn_as_a_straight_line(page):
    path = ["qi-li-thesis", "qi-li-s1", "qi-li"]
    open_graph(page, f"/graph?focus=qi-li-thesis&depth=1&path={','.join(path)}")
    found = positions(page, ".in-path")
    assert len({round(found[node]["y"]) for node in path}) == 1
    xs = [found[node]["x"] for node in path]
    assert xs == sorted(xs)


def test_the_legend_shows_each_paper_in_its_colour_on_the_map(page):
    open_graph(page)
    keys = page.locator(".legend-papers .paper-key rect")
    legend = keys.evaluate_all("keys => keys.map(k => k.getAttribute('fill'))")
    on_map = page.evaluate(
        "['lu-yang', 'qi-li'].map(id => argmapGraph.cy.getElementById(id).style('background-color'))"
    )
    to_rgb = page.evaluate(
        """(colours) => colours.map((c) => { const el = document.createElement('span'); el.style.color = c;
           document.body.append(el); const rgb = getComputedStyle(el).color; el.remove(); return rgb; })""",
        legend[:2],
    )
    assert [c.replace(" ", "") for c in to_rgb] == [c.replace(" ", "") for c in on_map]


def test_find_a_node_prefers_an_exact_label_and_a_concept(page):
    open_graph(page)
    page.get_by_label("Find a node to focus on").fill("patient capital")
    with _loaded(page):
        page.get_by_role("button", name="Show").click()
    assert page.evaluate("argmapGraph.view.focus") == "patient-capital"
