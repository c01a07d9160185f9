"""The concepts: the list, and one concept with each paper's claims about it."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from app.pages.common import ClaimRef, ConceptRef
from app.pages.paging import FEW_PAPERS, ListPaging, page_of
from app.read.rows import CausalLinkRow, ConceptRow
from app.read.snapshot import Derived, Snapshot
from app.web.errors import NotFound

CONCEPTS_PER_PAGE = 64  # the real map's 62 fit on one page, and a page of a large map is about as long


class ConceptSummary(BaseModel):
    concept: ConceptRef
    definition_en: str  # argmap's definition, as definition_zh
    definition_zh: str | None
    # paper → how many of its claims are about the concept: every paper while each has a
    # column (column_per_paper), else only the papers that discuss it (the rest have none)
    claims_by_paper: dict[str, int]


class ConceptsPage(BaseModel):
    papers: list[str]
    concepts: list[ConceptSummary]  # this page's, by English label
    paging: ListPaging
    # a column of counts for each paper; on a map of many papers, one column naming those that discuss it
    column_per_paper: bool


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


def build_mentions_by_paper(snapshot: Snapshot) -> dict[str, Counter[str]]:
    """Concept → paper → how many of the paper's claims mention it."""
    counts: dict[str, Counter[str]] = {}
    for mention in snapshot.mentions:
        counts.setdefault(mention.concept_id, Counter())[snapshot.claim[mention.claim_id].paper_id] += 1
    return counts


MENTIONS_BY_PAPER = Derived(build_mentions_by_paper)


def _by_label(snapshot: Snapshot) -> tuple[ConceptRow, ...]:
    return tuple(sorted(snapshot.concepts, key=lambda c: c.label_en.lower()))


BY_LABEL = Derived(_by_label)


def _in_order(counts: Counter[str], order: dict[str, int]) -> dict[str, int]:
    """The papers that discuss a concept, in the map's order of papers."""
    return {p: counts[p] for p in sorted(counts, key=order.__getitem__)}


def concepts_page(snapshot: Snapshot, page: int = 1) -> ConceptsPage:
    counts = MENTIONS_BY_PAPER.of(snapshot)
    papers = [p.id for p in snapshot.papers]
    order = {p: n for n, p in enumerate(papers)}
    shown, paging = page_of(BY_LABEL.of(snapshot), page, CONCEPTS_PER_PAGE, of="the list of concepts")
    none: Counter[str] = Counter()
    column_per_paper = len(papers) <= FEW_PAPERS
    return ConceptsPage(
        papers=papers,
        concepts=[
            ConceptSummary(
                concept=ConceptRef.of(c),
                definition_en=c.definition_en,
                definition_zh=c.definition_zh,
                claims_by_paper=(
                    {p: counts.get(c.id, none)[p] for p in papers}
                    if column_per_paper
                    else _in_order(counts.get(c.id, none), order)
                ),
            )
            for c in shown
        ],
        paging=paging,
        column_per_paper=column_per_paper,
    )


def get_concept(snapshot: Snapshot, concept_id: str) -> ConceptRow:
    concept = snapshot.concept.get(concept_id)
    if concept is None:
        raise NotFound("concept", concept_id)
    return concept


def _neighbour(snapshot: Snapshot, link: CausalLinkRow, other: str) -> CausalNeighbour:
    evidence = snapshot.evidence_of.get(link.id, ())
    return CausalNeighbour(
        id=link.id,
        relation=link.relation,
        concept=ConceptRef.of(snapshot.concept[other]),
        papers=sorted({snapshot.claim[item.claim_id].paper_id for item in evidence}),
        basis="stated" if any(item.basis == "stated" for item in evidence) else "inferred",
    )


def causal_neighbours(snapshot: Snapshot, concept_id: str) -> tuple[list[CausalNeighbour], list[CausalNeighbour]]:
    """The causal links into the concept and out of it, by link id, with the papers that hold
    each and its basis ("stated" when some claim's own words state it)."""
    causes = [_neighbour(snapshot, link, link.source_id) for link in snapshot.causes_of.get(concept_id, ())]
    effects = [_neighbour(snapshot, link, link.target_id) for link in snapshot.effects_of.get(concept_id, ())]
    return causes, effects


def _claims_by_paper(snapshot: Snapshot, concept_id: str) -> dict[str, list[ClaimRef]]:
    """The claims about the concept of each paper that discusses it, in reading order."""
    claims = sorted(
        (snapshot.claim[m.claim_id] for m in snapshot.mentions_of.get(concept_id, ())), key=lambda c: c.position
    )
    by_paper: dict[str, list[ClaimRef]] = {}
    for claim in claims:
        by_paper.setdefault(claim.paper_id, []).append(ClaimRef.of(claim))
    return by_paper


def paper_columns(snapshot: Snapshot, concept_id: str, every_paper: bool = True) -> list[PaperColumn]:
    """Each paper's claims about the concept, side by side: every paper's (none for a paper that
    does not discuss it), or only those of the papers that discuss it."""
    by_paper = _claims_by_paper(snapshot, concept_id)
    return [
        PaperColumn(paper=p.id, title_zh=p.title_zh, claims=by_paper.get(p.id, []))
        for p in snapshot.papers
        if every_paper or p.id in by_paper
    ]


def concept_page(snapshot: Snapshot, concept_id: str) -> ConceptPage:
    concept = get_concept(snapshot, concept_id)
    by_paper = _claims_by_paper(snapshot, concept_id)
    causes, effects = causal_neighbours(snapshot, concept_id)
    return ConceptPage(
        concept=ConceptRef.of(concept),
        definition_en=concept.definition_en,
        definition_zh=concept.definition_zh,
        label_in=list(concept.label_in),
        aliases=list(concept.aliases),
        columns=[
            PaperColumn(paper=p.id, title_zh=p.title_zh, claims=by_paper[p.id])
            for p in snapshot.papers
            if p.id in by_paper
        ],
        not_discussed_in=[p.id for p in snapshot.papers if p.id not in by_paper],
        causes=causes,
        effects=effects,
    )
