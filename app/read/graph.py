"""The whole map as one networkx MultiDiGraph (no web imports here).

Node and edge attributes are the public shape of the node-link export:
every node has `id` and `type`; every edge has `layer` and `relation`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from app.read.snapshot import Derived, Snapshot

LABEL_CHARS_EN, LABEL_CHARS_ZH = 48, 18


def short_text(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_labels(data: dict[str, Any]) -> tuple[str, str]:
    """(English, Chinese) labels of a node short enough for a map and a search box: text,
    never an id (a claim's English gist and the start of its quote)."""
    kind = data["type"]
    if kind in ("paper", "section"):
        title_zh = data["title_zh"]
        return short_text(data["title_en"] or title_zh, LABEL_CHARS_EN), short_text(title_zh, LABEL_CHARS_ZH)
    if kind == "claim":
        return short_text(data["text_en"], LABEL_CHARS_EN), short_text(data["quote_zh"], LABEL_CHARS_ZH)
    if kind == "concept":
        return data["label_en"], data["label_zh"]
    label = f"{data['label']} {data['text']}"
    return short_text(label, LABEL_CHARS_EN), short_text(label, LABEL_CHARS_ZH)


class _Builder:
    """Fills a new MultiDiGraph's adjacency itself (networkx's documented dict-of-dicts: node →
    neighbour → key → attributes), in the order `add_node` and `add_edge` would, with the
    same keys, without their per-call checks. The graph is never changed once built
    (app/read/snapshot.py), so what repeats is shared: the links that carry nothing but
    their layer and relation share one attribute dict per kind, and a pair of nodes joined
    by one such link shares one key dict ({0: attributes}) with every other such pair. A
    second link between the same pair gets the pair a key dict of its own, as networkx
    would. On a large map this spares two dicts per link."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.node, self.succ, self.pred = graph._node, graph._succ, graph._pred
        self.plain: dict[tuple[str, str], tuple[dict[str, str], dict[int, dict[str, str]]]] = {}

    def add_node(self, node: str, **attributes: Any) -> None:
        if node in self.succ:
            self.node[node].update(attributes)
        else:
            self.succ[node], self.pred[node], self.node[node] = {}, {}, attributes

    def add_edge(
        self, u: str, v: str, attributes: dict[str, Any], key: str | None = None, alone: dict | None = None
    ) -> None:
        """`alone`: the shared key dict for a pair this link is the only one of."""
        if u not in self.succ:
            self.add_node(u)
        if v not in self.succ:
            self.add_node(v)
        keys = self.succ[u].get(v)
        if keys is None and alone is not None:
            self.succ[u][v] = self.pred[v][u] = alone
            return
        keys = {} if keys is None else dict(keys)  # never add to a key dict another pair may share
        self.succ[u][v] = self.pred[v][u] = keys
        if key is None:  # networkx's new_edge_key: the first integer not yet used between the two
            number = len(keys)
            while number in keys:
                number += 1
            keys[number] = attributes
        else:
            keys[key] = attributes

    def add_plain_edge(self, u: str, v: str, layer: str, relation: str) -> None:
        """A link that carries only its layer and relation."""
        shared = self.plain.get((layer, relation))
        if shared is None:
            attributes = {"layer": layer, "relation": relation}
            shared = self.plain[layer, relation] = (attributes, {0: attributes})
        self.add_edge(u, v, shared[0], alone=shared[1])


def build_graph(snapshot: Snapshot) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    build = _Builder(graph)
    _add_documents(build, snapshot)
    _add_claims_concepts_references(build, snapshot)
    _add_links(build, snapshot)
    nx._clear_cache(graph)  # filled behind networkx's back: nothing it cached may stand
    return graph


GRAPH = Derived(build_graph)


def graph_of(snapshot: Snapshot) -> nx.MultiDiGraph:
    """The map's graph, built once per snapshot (pages and exports read it; none changes it)."""
    return GRAPH.of(snapshot)


def _add_documents(graph: _Builder, snapshot: Snapshot) -> None:
    for paper in snapshot.papers:
        graph.add_node(
            paper.id,
            type="paper",
            title_zh=paper.title_zh,
            title_en=paper.title_en,
            authors_zh=paper.authors_zh,
            year=paper.year,
            journal=paper.journal,
            doi=paper.doi,
            body_available=paper.body_available,
        )
    for section in snapshot.sections:
        graph.add_node(
            section.id,
            type="section",
            paper=section.paper_id,
            title_zh=section.title_zh,
            title_en=section.title_en,
            position=section.position,
            span=[section.span_start, section.span_end],
        )
        graph.add_plain_edge(section.paper_id, section.id, "structure", "has-section")


def _add_claims_concepts_references(graph: _Builder, snapshot: Snapshot) -> None:
    for claim in snapshot.claims:
        graph.add_node(
            claim.id,
            type="claim",
            paper=claim.paper_id,
            section=claim.section_id,
            quote_zh=claim.quote_zh,
            text_en=claim.text_en,
            official_en=claim.official_en,
            kind=claim.kind,
            weight=claim.weight,
            span=[claim.span_start, claim.span_end],
            position=claim.position,
        )
        graph.add_plain_edge(claim.section_id, claim.id, "structure", "contains")
    for concept in snapshot.concepts:
        graph.add_node(
            concept.id,
            type="concept",
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            definition_en=concept.definition_en,
            definition_zh=concept.definition_zh,
            aliases=concept.aliases,  # the row's lists: neither is ever changed
            label_in=concept.label_in,
        )

    for ref in snapshot.references:
        graph.add_node(ref.id, type="reference", paper=ref.paper_id, label=ref.label, kind=ref.kind, text=ref.text)
        graph.add_plain_edge(ref.paper_id, ref.id, "structure", "lists")


def _add_links(graph: _Builder, snapshot: Snapshot) -> None:
    for link in snapshot.argument_links:
        graph.add_plain_edge(link.source_id, link.target_id, "argument", link.relation)
    evidence: dict[str, list[str]] = defaultdict(list)
    stated_in: dict[str, list[str]] = defaultdict(list)
    for item in snapshot.causal_evidence:
        evidence[item.causal_id].append(item.claim_id)
        if item.basis == "stated":
            stated_in[item.causal_id].append(item.claim_id)
    for causal in snapshot.causal_links:
        claims = sorted(evidence[causal.id])
        graph.add_edge(
            causal.source_id,
            causal.target_id,
            {
                "layer": "causal",
                "relation": causal.relation,
                "evidence": claims,
                "papers": sorted({snapshot.claim[c].paper_id for c in claims}),
                "basis": "stated" if stated_in[causal.id] else "inferred",  # stated when any claim's words state it
                "stated_in": sorted(stated_in[causal.id]),
            },
            key=causal.id,
        )
    for cross in snapshot.cross_paper_links:
        graph.add_edge(
            cross.source_id,
            cross.target_id,
            {"layer": "cross-paper", "relation": cross.relation, "note": cross.note, "note_zh": cross.note_zh},
        )
    for mention in snapshot.mentions:
        graph.add_plain_edge(mention.claim_id, mention.concept_id, "mentions", "mentions")
    for citation in snapshot.citations:
        graph.add_edge(
            citation.claim_id,
            citation.reference_id,
            {"layer": "cites", "relation": "cites", "locator": citation.locator},
        )
