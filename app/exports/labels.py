"""Short display labels for nodes and stable, unique ids for edges, shared by the formats
that need them (node-link, Cytoscape, GraphML): one edge has one id in every format."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from app.read.graph import node_labels


def node_label(node: str, data: dict[str, Any]) -> str:
    kind = data.get("type")
    if kind == "paper":
        return str(data.get("title_zh") or node)
    if kind == "section":
        return str(data.get("title_en") or node)
    if kind == "concept":
        return str(data.get("label_en") or node)
    if kind == "reference":
        return f"{data.get('paper')} {data.get('label')}"
    if kind == "claim":
        return node_labels(data)[0]  # its English gist, as on the map: never the id
    return node


def edge_ids(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, Any, dict[str, Any]]]:
    """(id, source, target, key, data) for every edge; the id is `source--relation--target`
    (a causal link's own id has that form), with `--2`, `--3` … if the same triple recurs."""
    pair: tuple[str, str] | None = None
    seen: dict[str, int] = {}  # only for the current (source, target): parallel edges come together
    for source, target, key, data in graph.edges(keys=True, data=True):
        if (source, target) != pair:
            pair, seen = (source, target), {}
        base = f"{source}--{data['relation']}--{target}"
        seen[base] = seen.get(base, 0) + 1
        yield (base if seen[base] == 1 else f"{base}--{seen[base]}"), source, target, key, data
