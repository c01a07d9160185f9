"""Cytoscape elements JSON (`cytoscape.json`): what Cytoscape.js and Cytoscape desktop load.

`elements.nodes[].data` holds `id`, `name` (a short label) and every node attribute;
`elements.edges[].data` holds `id`, `source`, `target` and every edge attribute. Each element
has `classes` (the node type or edge layer) for styling. The top-level `data` is the header.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.exports.context import ExportContext
from app.exports.labels import edge_ids, node_label
from app.exports.streaming import Items, json_document


def _nodes(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    for node, data in ctx.graph.nodes(data=True):
        yield {"data": {**data, "id": node, "name": node_label(node, data)}, "classes": data["type"]}


def _edges(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    for edge_id, source, target, _key, data in edge_ids(ctx.graph):
        yield {"data": {**data, "id": edge_id, "source": source, "target": target}, "classes": data["layer"]}


def render(ctx: ExportContext) -> Iterator[str]:
    yield from json_document(
        {
            "format_version": "1.0",
            "generated_by": "argmap",
            "target_cytoscapejs_version": "~3.34",
            "data": ctx.header,
            "directed": True,
            "multigraph": True,
            "elements": {"nodes": Items(_nodes(ctx)), "edges": Items(_edges(ctx))},
        }
    )
