"""The node-link export has the fixed shape and round-trips through networkx (on the fixture
dataset)."""

from __future__ import annotations

import json

import networkx as nx
from typer.testing import CliRunner

from app.cli import cli

NODE_TYPES = {"paper", "section", "claim", "concept", "reference"}
LAYERS = {"structure", "argument", "causal", "cross-paper", "mentions", "cites"}


def test_every_node_and_edge_has_its_fixed_fields(fixture_reader):
    data = fixture_reader.get("/export/graph.json").json()
    assert data["graph"]["dataset_version"]
    for node in data["nodes"]:
        assert node["type"] in NODE_TYPES and node["id"]
        if node["type"] == "claim":
            for key in ("paper", "section", "quote_zh", "text_en", "kind", "weight", "span"):
                assert key in node, (node["id"], key)
    for edge in data["edges"]:
        assert edge["layer"] in LAYERS and edge["relation"] and edge["source"] and edge["target"]
        if edge["layer"] == "causal":
            assert edge["papers"] and edge["evidence"]


def test_node_link_round_trips_through_networkx(fixture_reader):
    data = fixture_reader.get("/export/graph.json").json()
    graph = nx.node_link_graph(data, directed=True, multigraph=True)
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])
    again = nx.node_link_data(graph)
    assert sorted(again["nodes"], key=lambda n: n["id"]) == sorted(data["nodes"], key=lambda n: n["id"])
    assert len(again["edges"]) == len(data["edges"])


def test_the_cli_writes_the_same_bytes_as_the_server(
    fixture_client, fixture_data_dir, database_url, tmp_path, monkeypatch
):
    served = fixture_client.get("/export/graph.json").content
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(
        cli, ["export", "--format", "node-link", "-o", str(out), "--data-dir", str(fixture_data_dir)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == served
    assert json.loads(served)["graph"]["name"] == "argmap"
