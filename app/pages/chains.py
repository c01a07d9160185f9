"""/chains: causal paths from one concept to another, each step with its evidence and who
holds it; with no question asked, pickers and each paper's key chains.

The pickers' list (every concept on a causal link) is not part of an answer: it is its own
resource, /api/chains/concepts (see option_lists), so a query costs the same on any map."""

from __future__ import annotations

from urllib.parse import urlencode

import networkx as nx
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from sqlmodel import Session, col, select

from app import chains
from app.graph import map_graph
from app.models import Paper
from app.pages.common import ClaimRef, ConceptRef
from app.pages.option_lists import OptionList, option_list
from app.web import NotFound


class LinkPublic(BaseModel):
    relation: str
    papers: list[str]
    basis: str | None  # "stated" (the authors' words state it) or "inferred" (argmap's reading)
    stated_in: list[str]  # the evidence claims whose words state it
    evidence: list[ClaimRef]


class StepPublic(BaseModel):
    source: ConceptRef
    target: ConceptRef
    links: list[LinkPublic]


class ChainPublic(BaseModel):
    concepts: list[ConceptRef]
    steps: list[StepPublic]
    held_by: str  # a paper id, "both", or "combined"
    graph_url: str  # the chain highlighted in the graph explorer


class Nearest(BaseModel):
    reachable_from_source: list[tuple[ConceptRef, int]]
    reaching_target: list[tuple[ConceptRef, int]]
    undirected_path: list[ConceptRef]


class KeyChains(BaseModel):
    paper: str
    chains: list[ChainPublic]


CONCEPTS_URL = "/api/chains/concepts"


class ChainsPage(BaseModel):
    concepts_url: str = CONCEPTS_URL  # every concept on a causal link, for the pickers
    papers: list[str]
    source: ConceptRef | None
    target: ConceptRef | None
    max_length: int
    held: str
    basis: str  # "any", or "stated": only links the authors' words state
    chains: list[ChainPublic]
    capped: bool  # more than chains.MAX_PATHS paths: only the first are listed
    nearest: Nearest | None  # set when both ends are chosen and no chain joins them
    key_chains: list[KeyChains]  # shown when no question is asked


def _concept(graph: nx.MultiDiGraph, concept_id: str) -> ConceptRef:
    node = graph.nodes[concept_id]
    return ConceptRef(
        id=concept_id, label_zh=node["label_zh"], label_en=node["label_en"], url=f"/concepts/{concept_id}"
    )


def _claim(graph: nx.MultiDiGraph, claim_id: str) -> ClaimRef:
    node = graph.nodes[claim_id]
    return ClaimRef(
        id=claim_id,
        paper=node["paper"],
        section=node["section"],
        kind=node["kind"],
        weight=node["weight"],
        quote_zh=node["quote_zh"],
        text_en=node["text_en"],
        url=f"/claims/{claim_id}",
    )


def _public(chain: chains.Chain, graph: nx.MultiDiGraph, all_papers: frozenset[str]) -> ChainPublic:
    """Concepts and claims described from the graph's nodes (built once per dataset version),
    so a chain query reads no table."""
    view = urlencode({"focus": chain.nodes[0], "layers": "causal", "path": ",".join(chain.nodes)})
    return ChainPublic(
        concepts=[_concept(graph, n) for n in chain.nodes],
        steps=[
            StepPublic(
                source=_concept(graph, s.source),
                target=_concept(graph, s.target),
                links=[
                    LinkPublic(
                        relation=link.relation,
                        papers=list(link.papers),
                        basis=link.basis,
                        stated_in=list(link.stated_in),
                        evidence=[_claim(graph, c) for c in link.evidence],
                    )
                    for link in s.links
                ],
            )
            for s in chain.steps
        ],
        held_by=chain.held_by(all_papers),
        graph_url=f"/graph?{view}",
    )


def picker_concepts(session: Session) -> OptionList:
    """Every concept on a causal link, by English label; built once per graph."""
    graph = map_graph(session)

    def build() -> list[ConceptRef]:
        causal = chains.causal_subgraph(graph)
        return sorted((_concept(graph, n) for n in causal), key=lambda c: c.label_en.lower())

    return option_list(graph, "chain-pickers", build)


def chains_page(
    session: Session,
    source_id: str | None,
    target_id: str | None,
    max_length: int = chains.DEFAULT_LENGTH,
    held: str = "any",
    basis: str = "any",
) -> ChainsPage:
    graph = map_graph(session)
    papers = list(session.exec(select(Paper.id).order_by(col(Paper.position))))
    all_papers = frozenset(papers)
    if held not in ("any", "both", *papers):
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "held"),
                    "type": "literal_error",
                    "input": held,
                    "ctx": {"choices": ["any", "both", *papers]},
                }
            ]
        )
    for concept_id in (source_id, target_id):
        if concept_id and graph.nodes.get(concept_id, {}).get("type") != "concept":
            raise NotFound("concept", concept_id)
    if basis not in chains.BASES:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "basis"),
                    "type": "literal_error",
                    "input": basis,
                    "ctx": {"choices": list(chains.BASES)},
                }
            ]
        )
    causal = chains.causal_subgraph(graph)
    if basis == "stated":
        causal = chains.stated_subgraph(causal)
    found: list[chains.Chain] = []
    capped = False
    nearest = None
    key: list[KeyChains] = []
    if source_id and target_id:
        found, capped = chains.find_chains(
            causal, source_id, target_id, max_length=max_length, held=held, all_papers=all_papers
        )
        if not found and source_id != target_id:
            near = chains.nearest_connections(causal, source_id, target_id)
            nearest = Nearest(
                reachable_from_source=[(_concept(graph, n), d) for n, d in near.reachable_from_source],
                reaching_target=[(_concept(graph, n), d) for n, d in near.reaching_target],
                undirected_path=[_concept(graph, n) for n in near.undirected_path],
            )
    elif not source_id and not target_id:
        key = [
            KeyChains(paper=paper, chains=[_public(c, graph, all_papers) for c in chains.key_chains(causal, paper)])
            for paper in papers
        ]
    return ChainsPage(
        papers=papers,
        source=_concept(graph, source_id) if source_id else None,
        target=_concept(graph, target_id) if target_id else None,
        max_length=max_length,
        held=held,
        basis=basis,
        chains=[_public(c, graph, all_papers) for c in found],
        capped=capped,
        nearest=nearest,
        key_chains=key,
    )
