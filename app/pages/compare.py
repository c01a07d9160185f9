"""Compare the authors concept by concept: what each paper says about a concept and the
cross-paper links between their claims, with a summary derived from those links."""

from __future__ import annotations

from collections import Counter, defaultdict

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.models import Claim, CrossPaperLink
from app.pages.common import ClaimRef, ConceptRef
from app.pages.concepts import CausalNeighbour, PaperColumn, concept_page
from app.schema import CROSS_PAPER_RELATIONS

CLAIMS_PER_COLUMN = 4  # on the overview; /compare/{concept} shows them all


class CrossLinkPublic(BaseModel):
    relation: str
    note: str
    source: ClaimRef
    target: ClaimRef


class PaperRefShort(BaseModel):
    id: str
    title_zh: str


class CompareColumn(PaperColumn):
    total: int  # all the paper's claims about the concept; `claims` holds the first few, main line first


class SharedConcept(BaseModel):
    concept: ConceptRef
    columns: list[CompareColumn]
    links: list[CrossLinkPublic]
    relations: dict[str, int]  # how many of its cross-paper links have each relation


class SingleConcept(BaseModel):
    concept: ConceptRef
    paper: str
    claims: int


class ComparePage(BaseModel):
    papers: list[PaperRefShort]
    relation: str | None  # the filter, if any
    relations: list[str]
    totals: dict[str, int]  # every cross-paper link by relation, before filtering
    shared: list[SharedConcept]
    only_one_paper: list[SingleConcept]


class CompareConceptPage(BaseModel):
    concept: ConceptRef
    definition_en: str
    columns: list[PaperColumn]
    causes: list[CausalNeighbour]
    effects: list[CausalNeighbour]
    links: list[CrossLinkPublic]
    relations: dict[str, int]


def _concepts_of_claims(session: Session) -> dict[str, set[str]]:
    concepts: dict[str, set[str]] = defaultdict(set)
    for mention in queries.mentions(session=session):
        concepts[mention.claim_id].add(mention.concept_id)
    return concepts


def _public(link: CrossPaperLink, claims: dict[str, Claim]) -> CrossLinkPublic:
    return CrossLinkPublic(
        relation=link.relation,
        note=link.note,
        source=ClaimRef.of(claims[link.source_id]),
        target=ClaimRef.of(claims[link.target_id]),
    )


def _links_about(
    concept_id: str, links: list[CrossPaperLink], concepts_of: dict[str, set[str]], claims: dict[str, Claim]
) -> list[CrossLinkPublic]:
    """A cross-paper link is about a concept when either of its claims mentions it."""
    return [
        _public(link, claims)
        for link in links
        if concept_id in concepts_of[link.source_id] | concepts_of[link.target_id]
    ]


def _relation_counts(links: list[CrossLinkPublic]) -> dict[str, int]:
    counts = Counter(link.relation for link in links)
    return {relation: counts[relation] for relation in CROSS_PAPER_RELATIONS if counts[relation]}


def compare_page(session: Session, relation: str | None = None) -> ComparePage:
    papers = queries.papers(session=session)
    claims = {c.id: c for c in queries.claims(session=session)}
    concepts_of = _concepts_of_claims(session)
    links = queries.cross_paper_links(session=session)
    claims_by_concept: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(claims.values(), key=lambda c: (c.paper_id, c.position)):
        for concept_id in concepts_of[claim.id]:
            claims_by_concept[concept_id].append(claim)
    links_by_concept: dict[str, list[CrossPaperLink]] = defaultdict(list)
    for link in links:  # a link is about a concept when either of its claims mentions it
        for concept_id in concepts_of[link.source_id] | concepts_of[link.target_id]:
            links_by_concept[concept_id].append(link)
    shared, single = [], []
    for concept in sorted(queries.concepts(session=session), key=lambda c: c.label_en.lower()):
        by_paper: dict[str, list[ClaimRef]] = {p.id: [] for p in papers}
        for claim in claims_by_concept[concept.id]:
            by_paper[claim.paper_id].append(ClaimRef.of(claim))
        holding = [paper for paper, refs in by_paper.items() if refs]
        if len(holding) == 1:
            single.append(
                SingleConcept(concept=ConceptRef.of(concept), paper=holding[0], claims=len(by_paper[holding[0]]))
            )
            continue
        if not holding:
            continue
        about = [_public(link, claims) for link in links_by_concept[concept.id]]
        shown = [link for link in about if relation in (None, link.relation)]
        if relation and not shown:
            continue
        shared.append(
            SharedConcept(
                concept=ConceptRef.of(concept),
                columns=[
                    CompareColumn(
                        paper=p.id,
                        title_zh=p.title_zh,
                        total=len(by_paper[p.id]),
                        claims=sorted(by_paper[p.id], key=lambda r: r.weight != "main")[:CLAIMS_PER_COLUMN],
                    )
                    for p in papers
                    if by_paper[p.id]  # the papers that speak of it: with many papers, empty columns swamp them
                ],
                links=shown,
                relations=_relation_counts(about),
            )
        )
    shared.sort(key=lambda item: (-len(item.links), item.concept.label_en.lower()))
    totals = Counter(link.relation for link in links)
    return ComparePage(
        papers=[PaperRefShort(id=p.id, title_zh=p.title_zh) for p in papers],
        relation=relation,
        relations=list(CROSS_PAPER_RELATIONS),
        totals={r: totals[r] for r in CROSS_PAPER_RELATIONS},
        shared=shared,
        only_one_paper=single,
    )


def compare_concept_page(session: Session, concept_id: str) -> CompareConceptPage:
    concept = concept_page(session, concept_id)  # 404 for an unknown concept
    claims = {c.id: c for c in queries.claims(session=session)}
    links = _links_about(concept_id, queries.cross_paper_links(session=session), _concepts_of_claims(session), claims)
    return CompareConceptPage(
        concept=concept.concept,
        definition_en=concept.definition_en,
        columns=concept.columns,
        causes=concept.causes,
        effects=concept.effects,
        links=links,
        relations=_relation_counts(links),
    )
