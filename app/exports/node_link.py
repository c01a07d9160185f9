"""networkx node-link JSON: what researchers and our own checks read."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

MEDIA_TYPE = "application/json"
FILENAME = "graph.json"


def node_link(graph: nx.MultiDiGraph, header: dict[str, Any]) -> dict[str, Any]:
    data = nx.node_link_data(graph)  # current networkx default: "nodes" and "edges"
    data["graph"] = header
    return data


def render(graph: nx.MultiDiGraph, header: dict[str, Any]) -> str:
    # Stable ordering and no timestamps: the same data gives the same bytes.
    return json.dumps(node_link(graph, header), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
