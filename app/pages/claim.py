"""A claim's page: quote in context, English, links up to the thesis and across papers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.citation import ClaimCitation, claim_citation
from app.exports.jsonld import claim_jsonld
from app.linked_data import citation_meta
from app.models import (
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    Mention,
    Paper,
    Reference,
    Section,
)
from app.pages.common import ClaimRef, ConceptRef
from app.web import NotFound

CONTEXT_CHARS = 80


class ArgumentLinkPublic(BaseModel):
    relation: str
    claim: ClaimRef


class CrossPaperLinkPublic(BaseModel):
    relation: str
    note: str
    claim: ClaimRef


class CitationPublic(BaseModel):
    reference_id: str
    label: str
    text: str
    locator: str | None


class CausalLinkPublic(BaseModel):
    id: str
    source: ConceptRef
    relation: str
    target: ConceptRef
    basis: str | None  # "stated": this claim's words state the link; "inferred": argmap's reading
    reason: str | None  # argmap's one-sentence reason for that basis


class PaperRef(BaseModel):
    id: str
    title_zh: str
    title_en: str | None
    url: str


class SectionRef(BaseModel):
    id: str
    title_zh: str
    title_en: str


class ClaimPage(BaseModel):
    id: str
    url: str
    permalink: str
    paper: PaperRef
    section: SectionRef
    kind: str
    weight: str
    quote_zh: str
    text_en: str
    official_en: str | None
    span: tuple[int, int]
    context_before: str
    context_after: str
    supports: list[ArgumentLinkPublic]
    supported_by: list[ArgumentLinkPublic]
    path_to_thesis: list[ClaimRef]
    cross_paper: list[CrossPaperLinkPublic]
    concepts: list[ConceptRef]
    citations: list[CitationPublic]
    causal: list[CausalLinkPublic]
    previous: ClaimRef | None
    next: ClaimRef | None
    cite: ClaimCitation
    citation_meta: list[tuple[str, str]]
    jsonld: dict[str, Any]


def _path_to_thesis(session: Session, claim: Claim) -> list[ClaimRef]:
    """Follow the first outgoing argument link upward until a claim has none."""
    path: list[ClaimRef] = []
    seen = {claim.id}
    current = claim
    while True:
        link = session.exec(
            select(ArgumentLink).where(ArgumentLink.source_id == current.id).order_by(col(ArgumentLink.row))
        ).first()
        if link is None or link.target_id in seen:
            return path
        current = session.get(Claim, link.target_id)  # type: ignore[assignment]
        seen.add(current.id)
        path.append(ClaimRef.of(current))


def claim_page(session: Session, claim_id: str, base_url: str) -> ClaimPage:
    """`base_url` (scheme and host, no trailing slash) makes the copyable links absolute."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound("claim", claim_id)
    paper = session.get(Paper, claim.paper_id)
    section = session.get(Section, claim.section_id)
    assert paper is not None and section is not None
    text = paper.source_text
    outgoing = session.exec(
        select(ArgumentLink, Claim)
        .join(Claim, col(Claim.id) == ArgumentLink.target_id)
        .where(ArgumentLink.source_id == claim.id)
        .order_by(col(ArgumentLink.row))
    ).all()
    incoming = session.exec(
        select(ArgumentLink, Claim)
        .join(Claim, col(Claim.id) == ArgumentLink.source_id)
        .where(ArgumentLink.target_id == claim.id)
        .order_by(col(Claim.position))
    ).all()
    cross = [
        CrossPaperLinkPublic(relation=link.relation, note=link.note, claim=ClaimRef.of(other))
        for link, other in session.exec(
            select(CrossPaperLink, Claim)
            .join(Claim, col(Claim.id) == CrossPaperLink.target_id)
            .where(CrossPaperLink.source_id == claim.id)
        ).all()
    ] + [
        CrossPaperLinkPublic(relation=link.relation, note=link.note, claim=ClaimRef.of(other))
        for link, other in session.exec(
            select(CrossPaperLink, Claim)
            .join(Claim, col(Claim.id) == CrossPaperLink.source_id)
            .where(CrossPaperLink.target_id == claim.id)
        ).all()
    ]
    concepts = session.exec(
        select(Concept)
        .join(Mention, col(Mention.concept_id) == Concept.id)
        .where(Mention.claim_id == claim.id)
        .order_by(col(Mention.row))
    ).all()
    citations = session.exec(
        select(Citation, Reference)
        .join(Reference, col(Reference.id) == Citation.reference_id)
        .where(Citation.claim_id == claim.id)
        .order_by(col(Citation.row))
    ).all()
    causal = session.exec(
        select(CausalLink, CausalEvidence)
        .join(CausalEvidence, col(CausalEvidence.causal_id) == CausalLink.id)
        .where(CausalEvidence.claim_id == claim.id)
        .order_by(col(CausalLink.id))
    ).all()
    ends = {c.source_id for c, _ in causal} | {c.target_id for c, _ in causal}
    concept_by_id = {c.id: c for c in session.exec(select(Concept).where(col(Concept.id).in_(ends))).all()}
    neighbours = session.exec(
        select(Claim)
        .where(Claim.paper_id == claim.paper_id)
        .where(col(Claim.position).in_([claim.position - 1, claim.position + 1]))
    ).all()
    previous = next((c for c in neighbours if c.position == claim.position - 1), None)
    following = next((c for c in neighbours if c.position == claim.position + 1), None)
    permalink = f"{base_url}/claims/{claim.id}"
    return ClaimPage(
        id=claim.id,
        url=f"/claims/{claim.id}",
        permalink=permalink,
        paper=PaperRef(id=paper.id, title_zh=paper.title_zh, title_en=paper.title_en, url=f"/papers/{paper.id}"),
        section=SectionRef(id=section.id, title_zh=section.title_zh, title_en=section.title_en),
        kind=claim.kind,
        weight=claim.weight,
        quote_zh=claim.quote_zh,
        text_en=claim.text_en,
        official_en=claim.official_en,
        span=(claim.span_start, claim.span_end),
        context_before=text[max(section.span_start, claim.span_start - CONTEXT_CHARS) : claim.span_start],
        context_after=text[claim.span_end : min(section.span_end, claim.span_end + CONTEXT_CHARS)].rstrip(),
        supports=[ArgumentLinkPublic(relation=link.relation, claim=ClaimRef.of(target)) for link, target in outgoing],
        supported_by=[
            ArgumentLinkPublic(relation=link.relation, claim=ClaimRef.of(source)) for link, source in incoming
        ],
        path_to_thesis=_path_to_thesis(session, claim),
        cross_paper=cross,
        concepts=[ConceptRef.of(c) for c in concepts],
        citations=[
            CitationPublic(reference_id=ref.id, label=ref.label, text=ref.text, locator=cite.locator)
            for cite, ref in citations
        ],
        causal=[
            CausalLinkPublic(
                id=c.id,
                source=ConceptRef.of(concept_by_id[c.source_id]),
                relation=c.relation,
                target=ConceptRef.of(concept_by_id[c.target_id]),
                basis=evidence.basis,
                reason=evidence.reason,
            )
            for c, evidence in causal
        ],
        previous=ClaimRef.of(previous) if previous else None,
        next=ClaimRef.of(following) if following else None,
        cite=claim_citation(paper, section, claim, permalink),
        citation_meta=citation_meta(paper),
        jsonld=claim_jsonld(claim, paper, section, base_url, concepts=concepts),
    )
