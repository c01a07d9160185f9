"""networkx node-link JSON (`graph.json`): what researchers and our own checks read.

The shape is `networkx.node_link_data(graph)` with `edges="edges"` (networkx's current
default), streamed one node and one edge per line. Each edge's `key` is its id, the same
string as the GraphML and Cytoscape edge ids (app/exports/labels.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from app.exports.context import ExportContext
from app.exports.labels import edge_ids
from app.exports.streaming import Items, json_document


def nodes(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for node, data in graph.nodes(data=True):
        yield {**data, "id": node}


def edges(graph: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for edge_id, source, target, _key, data in edge_ids(graph):
        yield {**data, "source": source, "target": target, "key": edge_id}


def render(ctx: ExportContext) -> Iterator[str]:
    # Stable ordering (the graph's reading order) and no timestamps: same data, same bytes.
    yield from json_document(
        {
            "directed": True,
            "multigraph": True,
            "graph": ctx.header,
            "nodes": Items(nodes(ctx.graph)),
            "edges": Items(edges(ctx.graph)),
        }
    )
