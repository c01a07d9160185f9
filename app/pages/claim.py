"""A claim's page: quote in context, English, links up to the thesis and across papers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from app.exports.jsonld import claim_jsonld
from app.pages.common import ClaimRef, ConceptRef
from app.read.citation import ClaimCitation, claim_citation
from app.read.linked_data import citation_meta
from app.read.paper_names import PAPER_NAMES
from app.read.rows import ClaimRow
from app.read.snapshot import Snapshot
from app.web.errors import NotFound

CONTEXT_CHARS = 80


class ArgumentLinkPublic(BaseModel):
    relation: str
    claim: ClaimRef


class CrossPaperLinkPublic(BaseModel):
    relation: str
    note: str
    note_zh: str | None  # the note in Chinese, where the data give it
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


def _path_to_thesis(snapshot: Snapshot, claim: ClaimRow) -> list[ClaimRef]:
    """Follow the first outgoing argument link upward until a claim has none."""
    path: list[ClaimRef] = []
    seen = {claim.id}
    current = claim
    while links := snapshot.links_from.get(current.id):
        if links[0].target_id in seen:
            break
        current = snapshot.claim[links[0].target_id]
        seen.add(current.id)
        path.append(ClaimRef.of(current))
    return path


def _argument_links(snapshot: Snapshot, claim: ClaimRow) -> tuple[list[ArgumentLinkPublic], list[ArgumentLinkPublic]]:
    """What the claim supports (file order) and what supports it (reading order)."""
    supports = [
        ArgumentLinkPublic(relation=link.relation, claim=ClaimRef.of(snapshot.claim[link.target_id]))
        for link in snapshot.links_from.get(claim.id, ())
    ]
    incoming = sorted(snapshot.links_to.get(claim.id, ()), key=lambda link: snapshot.claim[link.source_id].position)
    supported_by = [
        ArgumentLinkPublic(relation=link.relation, claim=ClaimRef.of(snapshot.claim[link.source_id]))
        for link in incoming
    ]
    return supports, supported_by


def _cross_paper(snapshot: Snapshot, claim: ClaimRow) -> list[CrossPaperLinkPublic]:
    outgoing = [(link, link.target_id) for link in snapshot.cross_from.get(claim.id, ())]
    incoming = [(link, link.source_id) for link in snapshot.cross_to.get(claim.id, ())]
    return [
        CrossPaperLinkPublic(
            relation=link.relation, note=link.note, note_zh=link.note_zh, claim=ClaimRef.of(snapshot.claim[other])
        )
        for link, other in outgoing + incoming
    ]


def _causal(snapshot: Snapshot, claim: ClaimRow) -> list[CausalLinkPublic]:
    evidence = sorted(snapshot.evidence_in.get(claim.id, ()), key=lambda item: item.causal_id)
    links = [(snapshot.causal_link[item.causal_id], item) for item in evidence]
    return [
        CausalLinkPublic(
            id=link.id,
            source=ConceptRef.of(snapshot.concept[link.source_id]),
            relation=link.relation,
            target=ConceptRef.of(snapshot.concept[link.target_id]),
            basis=item.basis,
            reason=item.reason,
        )
        for link, item in links
    ]


def claim_page(snapshot: Snapshot, claim_id: str, base_url: str) -> ClaimPage:
    """`base_url` (scheme and host, no trailing slash) makes the copyable links absolute."""
    claim = snapshot.claim.get(claim_id)
    if claim is None:
        raise NotFound("claim", claim_id)
    paper = snapshot.paper[claim.paper_id]
    section = snapshot.section[claim.section_id]
    text = paper.source_text
    concepts = snapshot.concepts_of(claim.id)
    citations = [(cite, snapshot.reference[cite.reference_id]) for cite in snapshot.citations_in.get(claim.id, ())]
    supports, supported_by = _argument_links(snapshot, claim)
    previous, following = snapshot.neighbour(claim, -1), snapshot.neighbour(claim, +1)
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
        supports=supports,
        supported_by=supported_by,
        path_to_thesis=_path_to_thesis(snapshot, claim),
        cross_paper=_cross_paper(snapshot, claim),
        concepts=[ConceptRef.of(c) for c in concepts],
        citations=[
            CitationPublic(reference_id=ref.id, label=ref.label, text=ref.text, locator=cite.locator)
            for cite, ref in citations
        ],
        causal=_causal(snapshot, claim),
        previous=ClaimRef.of(previous) if previous else None,
        next=ClaimRef.of(following) if following else None,
        cite=claim_citation(paper, PAPER_NAMES.of(snapshot)[paper.id], section, claim, permalink),
        citation_meta=citation_meta(paper),
        jsonld=claim_jsonld(claim, paper, section, base_url, concepts=concepts),
    )
