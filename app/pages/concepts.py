"""The concepts: the list, and one concept with each paper's claims about it."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from app import queries
from app.models import CausalEvidence, CausalLink, Claim, Concept, Mention, Paper
from app.pages.common import ClaimRef, ConceptRef
from app.web import NotFound


class ConceptSummary(BaseModel):
    concept: ConceptRef
    definition_en: str  # argmap's definition, as definition_zh
    definition_zh: str | None
    claims_by_paper: dict[str, int]


class ConceptsPage(BaseModel):
    papers: list[str]
    concepts: list[ConceptSummary]


class PaperColumn(BaseModel):
    paper: str
    title_zh: str
    claims: list[ClaimRef]


class CausalNeighbour(BaseModel):
    id: str
    relation: str
    concept: ConceptRef
    papers: list[str]
    basis: str | None  # "stated" when a claim's own words state it, else "inferred" (argmap's reading)


class ConceptPage(BaseModel):
    concept: ConceptRef
    definition_en: str  # argmap's definition, as definition_zh
    definition_zh: str | None
    label_in: list[str]  # the papers whose source uses label_zh; none: a label argmap coined
    aliases: list[str]
    columns: list[PaperColumn]  # the papers that discuss it, in order
    not_discussed_in: list[
        str
    ] = []  # the other papers: named in one line, since many empty columns would swamp the page
    causes: list[CausalNeighbour]  # links into this concept
    effects: list[CausalNeighbour]  # links out of it


def concepts_page(session: Session) -> ConceptsPage:
    counts: dict[str, Counter[str]] = {}
    per_paper = session.exec(
        select(Mention.concept_id, Claim.paper_id, func.count())
        .join(Claim, col(Claim.id) == Mention.claim_id)
        .group_by(col(Mention.concept_id), col(Claim.paper_id))
    ).all()
    for concept_id, paper_id, count in per_paper:
        counts.setdefault(concept_id, Counter())[paper_id] += count
    papers = [p.id for p in queries.papers(session=session)]
    return ConceptsPage(
        papers=papers,
        concepts=[
            ConceptSummary(
                concept=ConceptRef.of(c),
                definition_en=c.definition_en,
                definition_zh=c.definition_zh,
                claims_by_paper={p: counts.get(c.id, Counter())[p] for p in papers},
            )
            for c in sorted(queries.concepts(session=session), key=lambda c: c.label_en.lower())
        ],
    )


def get_concept(session: Session, concept_id: str) -> Concept:
    concept = session.get(Concept, concept_id)
    if concept is None:
        raise NotFound("concept", concept_id)
    return concept


def causal_neighbours(session: Session, concept_id: str) -> tuple[list[CausalNeighbour], list[CausalNeighbour]]:
    links = session.exec(
        select(CausalLink)
        .where((CausalLink.source_id == concept_id) | (CausalLink.target_id == concept_id))
        .order_by(col(CausalLink.id))
    ).all()
    ends = {link.source_id for link in links} | {link.target_id for link in links}
    concepts = {c.id: c for c in session.exec(select(Concept).where(col(Concept.id).in_(ends)))}
    held: dict[str, set[str]] = {}
    stated: set[str] = set()  # the links some claim's own words state
    holders = session.exec(
        select(CausalEvidence.causal_id, CausalEvidence.basis, Claim.paper_id)
        .join(Claim, col(Claim.id) == CausalEvidence.claim_id)
        .where(col(CausalEvidence.causal_id).in_([link.id for link in links]))
    ).all()
    for causal_id, basis, paper_id in holders:
        held.setdefault(causal_id, set()).add(paper_id)
        if basis == "stated":
            stated.add(causal_id)

    def neighbour(link: CausalLink, other: str) -> CausalNeighbour:
        return CausalNeighbour(
            id=link.id,
            relation=link.relation,
            concept=ConceptRef.of(concepts[other]),
            papers=sorted(held.get(link.id, set())),
            basis="stated" if link.id in stated else "inferred",
        )

    causes = [neighbour(link, link.source_id) for link in links if link.target_id == concept_id]
    effects = [neighbour(link, link.target_id) for link in links if link.source_id == concept_id]
    return causes, effects


def _claims_by_paper(session: Session, concept_id: str) -> tuple[list[tuple[str, str]], dict[str, list[ClaimRef]]]:
    """Every paper (id, title) in order, and the claims about the concept of those that discuss it."""
    claims = session.exec(
        select(Claim)
        .join(Mention, col(Mention.claim_id) == Claim.id)
        .where(Mention.concept_id == concept_id)
        .order_by(col(Claim.position))
    ).all()
    by_paper: dict[str, list[ClaimRef]] = {}
    for claim in claims:
        by_paper.setdefault(claim.paper_id, []).append(ClaimRef.of(claim))
    papers = session.exec(select(Paper.id, Paper.title_zh).order_by(col(Paper.position))).all()  # not their texts
    return [(paper_id, title_zh) for paper_id, title_zh in papers], by_paper


def paper_columns(session: Session, concept_id: str) -> list[PaperColumn]:
    """Every paper's claims about the concept, side by side (none for a paper that does not discuss it)."""
    papers, by_paper = _claims_by_paper(session, concept_id)
    return [PaperColumn(paper=paper, title_zh=title_zh, claims=by_paper.get(paper, [])) for paper, title_zh in papers]


def concept_page(session: Session, concept_id: str) -> ConceptPage:
    concept = get_concept(session, concept_id)
    papers, by_paper = _claims_by_paper(session, concept_id)
    causes, effects = causal_neighbours(session, concept_id)
    return ConceptPage(
        concept=ConceptRef.of(concept),
        definition_en=concept.definition_en,
        definition_zh=concept.definition_zh,
        label_in=list(concept.label_in),
        aliases=list(concept.aliases),
        columns=[
            PaperColumn(paper=paper, title_zh=title_zh, claims=by_paper[paper])
            for paper, title_zh in papers
            if paper in by_paper
        ],
        not_discussed_in=[paper for paper, _ in papers if paper not in by_paper],
        causes=causes,
        effects=effects,
    )
