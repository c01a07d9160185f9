"""The graph explorer's API (/api/graph) and its page without JavaScript (/graph).

Run on the fixture dataset, except the tests of a map too large to send whole, which read the
shipped map and name none of its ids."""

from __future__ import annotations

import json
import re

import pytest

from app.pages.graph_view import LAYERS, MAX_NODES


def view(reader, **params) -> dict:
    response = reader.get("/api/graph", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(data: dict) -> set[str]:
    return {node["data"]["id"] for node in data["nodes"]}


def papers_and_theses(reader) -> tuple[list[str], list[str]]:
    """The papers of a map and their top theses, found through the API."""
    papers = [paper["id"] for paper in reader.get("/api/papers").json()["papers"]]
    theses = []
    for paper in papers:
        outline = reader.get(f"/api/papers/{paper}").json()["outline"]
        claim = next(node["claim"]["id"] for section in outline for node in section["claims"])
        path = reader.get(f"/api/claims/{claim}").json()["path_to_thesis"]
        theses.append(path[-1]["id"] if path else claim)  # the claim is its paper's thesis
    return papers, theses


# -- a map too large to send whole: the shipped one


def test_the_whole_map_is_too_big_to_send_unfocused_so_an_overview_is_sent(reader):
    whole = reader.get("/export/graph.json").json()
    assert len(whole["nodes"]) > MAX_NODES  # otherwise this test proves nothing
    data = view(reader, layers=",".join(LAYERS))
    assert data["view"]["overview"] is True
    assert 0 < data["view"]["counts"]["nodes"] <= MAX_NODES
    assert data["view"]["counts"]["graph_nodes"] == len(whole["nodes"])
    papers, theses = papers_and_theses(reader)
    assert len(papers) >= 2 and set(papers) | set(theses) <= ids(data)


def test_a_big_neighbourhood_is_cut_to_fewer_steps(reader):
    biggest = max(
        papers_and_theses(reader)[0], key=lambda paper: reader.get(f"/api/papers/{paper}").text.count('"claim"')
    )
    data = view(reader, focus=biggest, depth=4, layers=",".join(LAYERS))
    assert data["view"]["trimmed"] is True
    assert data["view"]["depth_shown"] < 4 and len(data["nodes"]) <= MAX_NODES


# -- the fixture dataset


def test_the_fixture_map_is_small_enough_to_send_whole(fixture_reader):
    whole = fixture_reader.get("/export/graph.json").json()
    data = view(fixture_reader, layers=",".join(LAYERS))
    assert data["view"]["overview"] is False and ids(data) == {node["id"] for node in whole["nodes"]}


def test_the_default_view_is_a_small_overview_of_both_papers(fixture_reader):
    data = view(fixture_reader)
    assert data["view"]["layers"] == ["structure", "argument", "cross-paper"]
    assert data["view"]["focus"] is None and data["view"]["url"] == "/graph"
    papers = {node["data"]["paper"] for node in data["nodes"]}
    assert papers == {"han-su", "zheng-wu"}
    assert len(data["nodes"]) <= MAX_NODES


def test_a_small_unfocused_view_is_sent_whole(fixture_reader):
    data = view(fixture_reader, layers="causal")
    causal = [e for e in fixture_reader.get("/export/graph.json").json()["edges"] if e["layer"] == "causal"]
    assert data["view"]["overview"] is False and len(data["edges"]) == len(causal)


def test_a_focus_sends_its_neighbourhood_in_the_chosen_layers(fixture_reader):
    data = view(fixture_reader, focus="zheng-wu-thesis", depth=1, layers="argument")
    assert {edge["data"]["layer"] for edge in data["edges"]} == {"argument"}
    for node in data["nodes"]:
        assert node["data"]["distance"] in (0, 1)
    assert [n["data"]["id"] for n in data["nodes"] if n["data"]["focus"]] == ["zheng-wu-thesis"]
    # one step further only adds nodes
    assert ids(data) < ids(view(fixture_reader, focus="zheng-wu-thesis", depth=2, layers="argument"))


def test_distance_follows_links_both_ways(fixture_reader):
    data = view(fixture_reader, focus="digital-ledger", depth=1, layers="mentions")
    claims = [n for n in data["nodes"] if n["data"]["type"] == "claim"]
    assert claims, "claims mentioning the concept point at it; they are one step away"


def test_one_paper_hides_the_other(fixture_reader):
    data = view(fixture_reader, paper="han-su", layers="structure,argument,causal")
    assert {n["data"]["paper"] for n in data["nodes"]} <= {"han-su", None}
    for edge in data["edges"]:
        if edge["data"]["layer"] == "causal":
            assert "han-su" in edge["data"]["papers"]


def test_a_path_is_included_and_highlighted_even_outside_the_neighbourhood(fixture_reader):
    causal = view(fixture_reader, layers="causal")["edges"][0]["data"]
    path = [causal["source"], causal["target"]]
    data = view(fixture_reader, focus="zheng-wu-thesis", depth=1, layers="argument", path=",".join(path))
    marked = {n["data"]["id"]: n["data"]["path_index"] for n in data["nodes"] if n["data"]["path_index"] is not None}
    assert marked == {path[0]: 0, path[1]: 1}
    in_path = [e["data"] for e in data["edges"] if e["data"]["in_path"]]
    assert any(e["source"] == path[0] and e["target"] == path[1] for e in in_path)
    assert data["view"]["path"] == path


def test_the_view_echo_is_the_canonical_address(fixture_reader):
    data = view(
        fixture_reader,
        focus="zheng-wu-thesis",
        depth=3,
        layers="argument,causal",
        paper="zheng-wu",
        layout="cose",
        path="zheng-wu-thesis",
    )
    assert data["view"]["url"] == (
        "/graph?focus=zheng-wu-thesis&depth=3&layers=argument,causal&paper=zheng-wu&layout=cose&path=zheng-wu-thesis"
    )
    assert data["view"]["api_url"].startswith("/api/graph?focus=zheng-wu-thesis")
    # the same view again from the address it names
    again = fixture_reader.get(data["view"]["api_url"]).json()
    assert ids(again) == ids(data)


def test_layers_may_be_repeated_as_an_html_form_sends_them(fixture_reader):
    assert ids(view(fixture_reader, layers=["causal", "cites"])) == ids(view(fixture_reader, layers="causal,cites"))


def test_edges_have_unique_ids_and_known_ends(fixture_reader):
    data = view(fixture_reader, focus="zheng-wu-s2", depth=2)
    edge_ids = [e["data"]["id"] for e in data["edges"]]
    assert len(edge_ids) == len(set(edge_ids))
    for edge in data["edges"]:
        assert {edge["data"]["source"], edge["data"]["target"]} <= ids(data)


@pytest.mark.parametrize("params", [{"focus": "no-such-node"}, {"path": "zheng-wu-thesis,no-such-node"}])
def test_unknown_ids_are_404(fixture_reader, params):
    for prefix in ("/api", ""):
        response = fixture_reader.get(f"{prefix}/graph", params=params)
        assert response.status_code == 404, (prefix, params)
        assert "no-such-node" in response.text
    assert "error" in fixture_reader.get("/api/graph", params=params).json()


@pytest.mark.parametrize(
    "params",
    [
        {"focus": "zheng-wu-thesis", "depth": "0"},
        {"focus": "zheng-wu-thesis", "depth": "5"},
        {"depth": "two"},
        {"layers": "structure,gossip"},
        {"layout": "spiral"},
        {"paper": "smith-2020"},
        {"path": ",".join(["zheng-wu-thesis"] * 41)},
    ],
)
def test_bad_parameters_are_422_never_500(fixture_reader, params):
    for prefix in ("/api", ""):
        response = fixture_reader.get(f"{prefix}/graph", params=params)
        assert response.status_code == 422, (prefix, params, response.text[:200])


def test_the_page_without_javascript_lists_the_view_with_links(fixture_reader):
    page = fixture_reader.get("/graph", params={"focus": "digital-ledger", "depth": 1, "layers": "mentions"})
    assert page.status_code == 200
    html = page.text
    assert 'href="/concepts/digital-ledger"' in html
    data = view(fixture_reader, focus="digital-ledger", depth=1, layers="mentions")
    for node in data["nodes"]:
        assert f'href="{node["data"]["url"]}"' in html
    assert html.count('→ <a href="#list-') == len(data["edges"])
    # the form works without JavaScript too: it sends the same parameters
    assert 'action="/graph"' in html and 'name="layers"' in html and 'name="focus"' in html


def test_the_page_embeds_its_data_as_json_not_as_a_script(fixture_reader):
    html = fixture_reader.get("/graph", params={"focus": "zheng-wu-thesis", "depth": 1}).text
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert block
    data = json.loads(block.group(1))
    assert data["view"]["focus"] == "zheng-wu-thesis" and data["nodes"]
    assert "<script>" not in html and " onclick=" not in html
    assert fixture_reader.get("/graph").headers["Link"] == '</api/graph>; rel="alternate"; type="application/json"'


def test_hostile_ids_are_escaped(fixture_reader):
    payload = "<script>alert(1)</script>"
    page = fixture_reader.get("/graph", params={"focus": payload})
    assert page.status_code == 404 and payload not in page.text


def test_the_chinese_page_labels_nodes_in_chinese(fixture_reader):
    html = fixture_reader.get(
        "/graph", params={"focus": "digital-ledger", "depth": 1, "layers": "mentions", "lang": "zh"}
    ).text
    assert "数字账本" in html and "图谱" in html


def test_the_chinese_page_lists_the_links_between_chinese_labels(fixture_reader):
    params = {"focus": "digital-ledger", "depth": 1, "layers": "mentions"}
    edges = view(fixture_reader, **params)["edges"]
    english, chinese = (fixture_reader.get("/graph", params={**params, "lang": lang}).text for lang in ("en", "zh"))
    start = chinese.index('<ul class="graph-edges">')
    links = chinese[start : chinese.index("</ul>", start)]
    for edge in edges:
        data = edge["data"]
        assert f'<a href="#list-{data["source"]}"><span lang="zh">{data["source_label_zh"]}</span></a>' in links
        assert f'<a href="#list-{data["target"]}">{data["target_label"]}</a>' in english
    assert "digital ledger" not in links and "数字账本" in links


def test_the_chinese_search_box_offers_the_nodes_by_their_chinese_labels(fixture_reader):
    options = fixture_reader.get("/api/graph/nodes").json()
    thesis = next(option for option in options if option["id"] == "zheng-wu-s1-thesis")
    chinese = fixture_reader.get("/graph", params={"lang": "zh"}).text
    english = fixture_reader.get("/graph", params={"lang": "en"}).text
    assert f'<option value="zheng-wu-s1-thesis">{thesis["label_zh"]}</option>' in chinese
    assert f'<option value="zheng-wu-s1-thesis">{thesis["label"]}</option>' in english
    assert thesis["label_zh"] != thesis["label"]


def test_the_layout_defaults_to_a_tree_unfocused_and_rings_around_a_focus(fixture_reader):
    assert view(fixture_reader)["view"]["layout"] == "dagre"
    focused = view(fixture_reader, focus="zheng-wu-thesis")["view"]
    assert focused["layout"] == "concentric" and "layout" not in focused["url"]
    chosen = view(fixture_reader, focus="zheng-wu-thesis", layout="dagre")["view"]
    assert chosen["layout"] == "dagre" and chosen["url"].endswith("layout=dagre")


def test_a_view_in_any_layer_choice_shows_exactly_those_layers_links_among_its_nodes(reader):
    """The layers and paper a view keeps are read while walking the one graph (no copy per choice)."""
    from app.read.graph import graph_of

    graph = graph_of(reader.app.state.snapshots.current)
    choices = ["structure,argument", "argument,causal", "causal,mentions", "structure,cross-paper,cites,mentions"]
    for layers in choices:
        data = view(reader, focus="qi-li-thesis", layers=layers)
        shown, wanted = ids(data), set(layers.split(","))
        expected = {
            (u, v, d["layer"], d["relation"])
            for u, v, d in graph.edges(data=True)
            if u in shown and v in shown and d["layer"] in wanted
        }
        got = {
            (e["data"]["source"], e["data"]["target"], e["data"]["layer"], e["data"]["relation"]) for e in data["edges"]
        }
        assert got == expected and len(expected) > 0
        one_paper = view(reader, focus="qi-li-thesis", layers=layers, paper="qi-li")
        assert all(n["data"]["paper"] in (None, "qi-li") for n in one_paper["nodes"])
