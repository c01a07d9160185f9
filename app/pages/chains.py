"""/chains: causal paths from one concept to another, each step with its evidence and who
holds it; with no question asked, pickers and each paper's key chains."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import HTTPException
from pydantic import BaseModel
from sqlmodel import Session

from app import chains, queries
from app.graph import map_graph
from app.models import Claim, Concept
from app.pages.common import ClaimRef, ConceptRef
from app.web import NotFound


class LinkPublic(BaseModel):
    relation: str
    papers: list[str]
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


class ChainsPage(BaseModel):
    concepts: list[ConceptRef]  # every concept on a causal link, for the pickers
    papers: list[str]
    source: ConceptRef | None
    target: ConceptRef | None
    max_length: int
    held: str
    chains: list[ChainPublic]
    capped: bool  # more than chains.MAX_PATHS paths: only the first are listed
    nearest: Nearest | None  # set when both ends are chosen and no chain joins them
    key_chains: list[KeyChains]  # shown when no question is asked


def _public(
    chain: chains.Chain, concepts: dict[str, Concept], claims: dict[str, Claim], all_papers: frozenset[str]
) -> ChainPublic:
    view = urlencode({"focus": chain.nodes[0], "layers": "causal", "path": ",".join(chain.nodes)})
    return ChainPublic(
        concepts=[ConceptRef.of(concepts[n]) for n in chain.nodes],
        steps=[
            StepPublic(
                source=ConceptRef.of(concepts[s.source]),
                target=ConceptRef.of(concepts[s.target]),
                links=[
                    LinkPublic(
                        relation=link.relation,
                        papers=list(link.papers),
                        evidence=[ClaimRef.of(claims[c]) for c in link.evidence],
                    )
                    for link in s.links
                ],
            )
            for s in chain.steps
        ],
        held_by=chain.held_by(all_papers),
        graph_url=f"/graph?{view}",
    )


def chains_page(
    session: Session,
    source_id: str | None,
    target_id: str | None,
    max_length: int = chains.DEFAULT_LENGTH,
    held: str = "any",
) -> ChainsPage:
    concepts = {c.id: c for c in queries.concepts(session=session)}
    claims = {c.id: c for c in queries.claims(session=session)}
    papers = [p.id for p in queries.papers(session=session)]
    all_papers = frozenset(papers)
    if held not in ("any", "both", *papers):
        raise HTTPException(status_code=422, detail=f"held must be any, both or a paper id ({', '.join(papers)})")
    for concept_id in (source_id, target_id):
        if concept_id and concept_id not in concepts:
            raise NotFound("concept", concept_id)
    causal = chains.causal_subgraph(map_graph(session))
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
                reachable_from_source=[(ConceptRef.of(concepts[n]), d) for n, d in near.reachable_from_source],
                reaching_target=[(ConceptRef.of(concepts[n]), d) for n, d in near.reaching_target],
                undirected_path=[ConceptRef.of(concepts[n]) for n in near.undirected_path],
            )
    elif not source_id and not target_id:
        key = [
            KeyChains(
                paper=paper, chains=[_public(c, concepts, claims, all_papers) for c in chains.key_chains(causal, paper)]
            )
            for paper in papers
        ]
    return ChainsPage(
        concepts=sorted((ConceptRef.of(concepts[n]) for n in causal), key=lambda c: c.label_en.lower()),
        papers=papers,
        source=ConceptRef.of(concepts[source_id]) if source_id else None,
        target=ConceptRef.of(concepts[target_id]) if target_id else None,
        max_length=max_length,
        held=held,
        chains=[_public(c, concepts, claims, all_papers) for c in found],
        capped=capped,
        nearest=nearest,
        key_chains=key,
    )
