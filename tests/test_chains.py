"""Causal chains: exact paths on a small hand-made graph, then the page and its API (on the
fixture dataset)."""

from __future__ import annotations

from itertools import islice

import networkx as nx
import pytest
from markupsafe import escape

from app.config import settings
from app.pages.chains import CAUSAL, STATED
from app.read import chains as chain_paths
from app.read.chains import MAX_PATHS, _paths_to_each, causal_subgraph, find_chains, key_chains, nearest_connections

BOTH = frozenset({"a-paper", "b-paper"})


def small_map() -> nx.MultiDiGraph:
    """x → y → z held by a-paper; x → z held by b-paper; z → w by both; v stands alone."""
    graph = nx.MultiDiGraph()

    def causal(source, target, relation, papers):
        graph.add_edge(
            source,
            target,
            layer="causal",
            relation=relation,
            papers=papers,
            evidence=[f"{p}-{source}-{target}" for p in papers],
        )

    causal("x", "y", "causes", ["a-paper"])
    causal("y", "z", "increases", ["a-paper"])
    causal("x", "z", "enables", ["b-paper"])
    causal("z", "w", "causes", ["a-paper", "b-paper"])
    causal("z", "w", "increases", ["b-paper"])
    graph.add_edge("x", "v", layer="mentions", relation="mentions")  # not causal: never part of a chain
    graph.add_node("v")
    return causal_subgraph(graph)


def paths(chains):
    return [list(chain.nodes) for chain in chains]


def test_every_path_is_found_shortest_first():
    chains, capped = find_chains(small_map(), "x", "w", max_length=4, all_papers=BOTH)
    assert paths(chains) == [["x", "z", "w"], ["x", "y", "z", "w"]] and not capped


def test_the_length_limit_and_the_cap_are_respected():
    assert paths(find_chains(small_map(), "x", "w", max_length=2, all_papers=BOTH)[0]) == [["x", "z", "w"]]
    chains, capped = find_chains(small_map(), "x", "w", max_length=4, all_papers=BOTH, limit=1)
    assert len(chains) == 1 and capped


def test_each_step_lists_every_relation_and_who_holds_the_chain():
    chains, _ = find_chains(small_map(), "x", "w", all_papers=BOTH)
    short, long = chains
    assert [link.relation for link in short.steps[1].links] == ["causes", "increases"]
    assert short.held_by(BOTH) == "b-paper"
    assert long.held_by(BOTH) == "a-paper"
    only_both, _ = find_chains(small_map(), "z", "w", all_papers=BOTH)
    assert only_both[0].held_by(BOTH) == "both"


def test_filters_keep_the_paths_a_paper_holds():
    graph = small_map()
    assert paths(find_chains(graph, "x", "w", held="a-paper", all_papers=BOTH)[0]) == [["x", "y", "z", "w"]]
    assert paths(find_chains(graph, "x", "w", held="b-paper", all_papers=BOTH)[0]) == [["x", "z", "w"]]
    assert paths(find_chains(graph, "x", "w", held="both", all_papers=BOTH)[0]) == []
    assert paths(find_chains(graph, "z", "w", held="both", all_papers=BOTH)[0]) == [["z", "w"]]


def test_no_path_explains_the_nearest_connections():
    graph = small_map()
    assert find_chains(graph, "w", "x", all_papers=BOTH) == ([], False)
    near = nearest_connections(graph, "w", "x")
    assert near.reachable_from_source == []
    assert near.reaching_target == []
    assert near.undirected_path == ["w", "z", "x"]
    near = nearest_connections(graph, "y", "x")
    assert near.reachable_from_source == [("z", 1), ("w", 2)]


def test_a_papers_key_chains_run_from_its_starts_to_its_ends():
    assert paths(key_chains(small_map(), "a-paper")) == [["x", "y", "z", "w"]]
    assert paths(key_chains(small_map(), "b-paper")) == [["x", "z", "w"]]


def test_a_loop_where_the_reasoning_starts_still_gives_key_chains():
    graph = small_map()
    graph.add_edge("w", "u", layer="causal", relation="causes", papers=["c-paper"], evidence=["c1"])
    graph.add_edge("u", "w", layer="causal", relation="requires", papers=["c-paper"], evidence=["c2"])
    graph.add_edge("u", "t", layer="causal", relation="causes", papers=["c-paper"], evidence=["c3"])
    assert paths(key_chains(graph, "c-paper")) == [["w", "u", "t"], ["u", "t"]]


def _two_step_path(fixture_reader) -> tuple[dict, dict]:
    """Two causal links a → b → c of the map, looked up in its node-link export."""
    edges = [e for e in fixture_reader.get("/export/graph.json").json()["edges"] if e["layer"] == "causal"]
    return next(
        (first, second)
        for first in edges
        for second in edges
        if second["source"] == first["target"] and second["target"] != first["source"]
    )


def test_the_chain_page_shows_each_step_with_evidence_and_the_graph_link(fixture_reader):
    first, second = _two_step_path(fixture_reader)
    a, b, c = first["source"], first["target"], second["target"]
    data = fixture_reader.get("/api/chains", params={"from": a, "to": c}).json()
    found = [[concept["id"] for concept in chain["concepts"]] for chain in data["chains"]]
    assert [a, b, c] in found
    assert found == sorted(found, key=len)  # shortest first
    chain = data["chains"][found.index([a, b, c])]
    link = next(link for link in chain["steps"][0]["links"] if link["relation"] == first["relation"])
    assert [claim["id"] for claim in link["evidence"]] == first["evidence"]
    assert link["papers"] == first["papers"] and link["basis"] == first["basis"]
    assert chain["graph_url"] == f"/graph?focus={a}&layers=causal&path={a}%2C{b}%2C{c}"
    page = fixture_reader.get("/chains", params={"from": a, "to": c}).text
    label = next(n for n in fixture_reader.get("/export/graph.json").json()["nodes"] if n["id"] == b)["label_en"]
    assert str(escape(label)) in page and f"/graph?focus={a}&amp;layers=causal" in page


def test_with_no_question_the_page_offers_pickers_and_each_papers_key_chains(fixture_reader):
    data = fixture_reader.get("/api/chains").json()
    assert [group["paper"] for group in data["key_chains"]] == ["han-su", "zheng-wu"]
    for group in data["key_chains"]:  # a link both papers state is held by "both"
        assert group["chains"] and {c["held_by"] for c in group["chains"]} <= {group["paper"], "both"}
    assert "both" in {c["held_by"] for group in data["key_chains"] for c in group["chains"]}
    assert 'name="from"' in fixture_reader.get("/chains").text


def test_no_chain_gets_an_explanation_not_an_empty_page(fixture_reader):
    page = fixture_reader.get("/chains", params={"from": "rural-income", "to": "digital-ledger"})
    assert page.status_code == 200
    assert "No causal chain leads" in page.text and "Connected if direction is ignored" in page.text


def test_with_no_path_at_all_the_page_says_how_far_it_looked(fixture_reader):
    # data-sharing and farm-cooperative are in two separate parts of the fixture's causal map
    params = {"from": "data-sharing", "to": "farm-cooperative"}
    assert fixture_reader.get("/api/chains", params=params).json()["nearest"]["undirected_path"] == []
    reach = chain_paths.UNDIRECTED_REACH
    page = fixture_reader.get("/chains", params=params).text
    assert f"Not connected within {reach} steps, even if direction is ignored." in page
    assert "Connected if direction is ignored" not in page
    page_zh = fixture_reader.get("/chains", params={**params, "lang": "zh"}).text
    assert f"即使忽略方向，{reach} 步之内也不相连。" in page_zh


def test_a_path_ignoring_direction_is_sought_only_within_the_reach(fixture_reader, monkeypatch):
    """rural-income and data-standard are three steps apart ignoring direction (no causal chain
    joins them): a reach of three finds that path, a reach of two reports none within two steps."""
    monkeypatch.setattr(settings, "response_cache", False)  # each answer computed with the reach set here
    params = {"from": "rural-income", "to": "data-standard", "length": 2}
    monkeypatch.setattr(chain_paths, "UNDIRECTED_REACH", 3)
    path = fixture_reader.get("/api/chains", params=params).json()["nearest"]["undirected_path"]
    assert len(path) == 4 and (path[0]["id"], path[-1]["id"]) == ("rural-income", "data-standard")
    assert "Connected if direction is ignored" in fixture_reader.get("/chains", params=params).text
    monkeypatch.setattr(chain_paths, "UNDIRECTED_REACH", 2)
    data = fixture_reader.get("/api/chains", params=params).json()
    assert data["chains"] == [] and data["nearest"]["undirected_path"] == []
    page = fixture_reader.get("/chains", params=params).text
    assert "Not connected within 2 steps, even if direction is ignored." in page
    assert "Connected if direction is ignored" not in page


def test_the_reach_covers_every_path_ignoring_direction_on_the_shipped_map(reader):
    """The reach is a bound for larger maps, never a cut on the shipped one: every two concepts
    its causal links connect (all of them, or only those the authors state) are within it."""
    snapshot = reader.app.state.snapshots.current
    for layer in (CAUSAL.of(snapshot), STATED.of(snapshot)):
        undirected = nx.Graph([(u, v) for u, v in layer.simple.edges()])
        parts = [undirected.subgraph(part) for part in nx.connected_components(undirected)]
        assert max(nx.diameter(part) for part in parts) <= chain_paths.UNDIRECTED_REACH


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"from": "no-such-concept", "to": "rural-income"}, 404),
        ({"from": "digital-ledger", "to": "rural-income", "length": 9}, 422),
        ({"from": "digital-ledger", "to": "rural-income", "held": "someone"}, 422),
        ({"from": "<script>", "to": "rural-income"}, 422),
    ],
)
def test_bad_parameters_get_clear_errors(fixture_reader, params, status):
    assert fixture_reader.get("/chains", params=params).status_code == status
    assert fixture_reader.get("/api/chains", params=params).json()["error"]["status"] == status


def test_one_walk_to_several_ends_keeps_each_ends_first_paths():
    """Key chains walk once from a start to all the ends: each end gets the same first MAX_PATHS
    paths as a walk to that end alone, even where the ends lie on each other's paths."""
    graph = nx.gnp_random_graph(12, 0.45, seed=7, directed=True)
    ends = {3, 5, 8, 11}
    for start in (0, 1, 3):
        together = _paths_to_each(graph, start, ends - {start}, 4)
        for end in sorted(ends - {start}):
            alone = list(islice(nx.all_simple_paths(graph, start, end, cutoff=4), MAX_PATHS))
            assert [path for path in together if path[-1] == end] == alone
    assert any(len([p for p in _paths_to_each(graph, 0, ends, 4) if p[-1] == end]) == MAX_PATHS for end in ends)
