"""The filters every export takes: `paper`, `layers`, `concept` (a concept's neighbourhood).

They cut the one graph down before any format renders it, so every format shows the same
part of the map. Order: paper, then concept, then layers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from app.dataset.schema import LAYERS
from app.web.errors import BadParameter, NotFound


@dataclass(frozen=True)
class Filters:
    paper: str | None = None
    layers: tuple[str, ...] = ()  # empty: every layer
    concept: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.paper or self.layers or self.concept)

    def as_dict(self) -> dict[str, Any]:
        return {"paper": self.paper, "layers": list(self.layers) or None, "concept": self.concept}

    def query(self) -> str:
        """The canonical query string (empty when unfiltered), for links and cache keys."""
        parts = []
        if self.paper:
            parts.append(f"paper={self.paper}")
        if self.layers:
            parts.append("layers=" + ",".join(self.layers))
        if self.concept:
            parts.append(f"concept={self.concept}")
        return "?" + "&".join(parts) if parts else ""


def parse_filters(
    paper: str | None,
    layers: Iterable[str] | None,
    concept: str | None,
    *,
    papers: Iterable[str],
    concepts: Iterable[str],
) -> Filters:
    """Check the raw parameters against the map; `layers` may be repeated or comma-separated."""
    paper = paper or None
    concept = concept or None
    if paper is not None and paper not in set(papers):
        raise NotFound("paper", paper)
    if concept is not None and concept not in set(concepts):
        raise NotFound("concept", concept)
    wanted = {name.strip() for raw in layers or () for name in raw.split(",") if name.strip()}
    unknown = sorted(wanted - set(LAYERS))
    if unknown:
        raise BadParameter(
            "layers",
            f"Unknown layer(s) {', '.join(unknown)}; the layers are: {', '.join(LAYERS)}.",
            value=",".join(unknown),
        )
    return Filters(paper=paper, layers=tuple(name for name in LAYERS if name in wanted), concept=concept)


def _paper_nodes(graph: nx.MultiDiGraph, paper: str) -> set[str]:
    """The paper, its sections, claims and references, and the concepts its claims mention."""
    keep = {node for node, data in graph.nodes(data=True) if node == paper or data.get("paper") == paper}
    keep |= {
        target for claim in keep for _, target, layer in graph.out_edges(claim, data="layer") if layer == "mentions"
    }
    return keep


def _concept_nodes(graph: nx.MultiDiGraph, concept: str) -> set[str]:
    """The concept, the concepts one causal step away, the claims mentioning it with their
    sections and papers (so every claim keeps its place in the structure)."""
    keep = {concept}
    for source, _, layer in graph.in_edges(concept, data="layer"):
        if layer in ("causal", "mentions"):
            keep.add(source)
    for _, target, layer in graph.out_edges(concept, data="layer"):
        if layer == "causal":
            keep.add(target)
    claims = [node for node in keep if graph.nodes[node].get("type") == "claim"]
    for claim in claims:
        keep.add(graph.nodes[claim]["section"])
        keep.add(graph.nodes[claim]["paper"])
    return keep


def apply_filters(graph: nx.MultiDiGraph, filters: Filters) -> nx.MultiDiGraph:
    """A new graph (same node and edge order as the full one) holding only what the filters keep."""
    if not filters.active:
        return graph
    nodes = set(graph.nodes)
    if filters.paper:
        nodes &= _paper_nodes(graph, filters.paper)
    if filters.concept:
        nodes &= _concept_nodes(graph, filters.concept)

    def edge_kept(source: str, target: str, data: dict[str, Any]) -> bool:
        if source not in nodes or target not in nodes:
            return False
        if filters.layers and data["layer"] not in filters.layers:
            return False
        # A causal edge belongs to a paper only if that paper asserts it.
        return not (filters.paper and data["layer"] == "causal" and filters.paper not in data["papers"])

    edges = [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True) if edge_kept(s, t, d)]
    if filters.layers:
        # With chosen layers the map is those links: nodes are their ends.
        nodes &= {s for s, _, _, _ in edges} | {t for _, t, _, _ in edges}
    result = nx.MultiDiGraph()
    result.graph.update(graph.graph)
    result.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in nodes)
    result.add_edges_from(edges)
    return result
