"""Compare the authors concept by concept: what each paper says about a concept and the
cross-paper links between their claims, with a summary derived from those links.

A large map shares thousands of concepts, so the comparison comes in pages: up to SHARED_PER_PAGE
shared concepts a page (most cross-paper links first, and no more than SHOWN_PER_PAGE claims and
links a page), then the concepts only one paper uses, ONE_PAPER_PER_PAGE a page, starting on the
page where the shared ones end. Page 1 of a map with few concepts is the whole comparison, as it
was before there were pages. Which concepts a page holds comes from the outline
(app/read/compare_outline.py); only the claims it shows are described.
"""

from __future__ import annotations

from collections.abc import Collection
from math import ceil

from pydantic import BaseModel

from app.dataset.schema import CROSS_PAPER_RELATIONS
from app.pages.common import ClaimRef, ConceptRef
from app.pages.concepts import CausalNeighbour, PaperColumn, causal_neighbours, get_concept, paper_columns
from app.pages.paging import FEW_PAPERS, NoSuchPage, page_query
from app.read.compare_outline import (
    CLAIMS_PER_COLUMN,
    COMPARE_OUTLINE,
    MOST_LINKED_PAIR,
    ONE_PAPER_PER_PAGE,
    SHARED_PER_PAGE,
    OutlineConcept,
    OutlineLink,
    pair_outline,
)
from app.read.snapshot import Snapshot
from app.web.errors import BadParameter, NotFound


class CrossLinkPublic(BaseModel):
    relation: str
    note: str
    note_zh: str | None  # the note in Chinese, where the data give it
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


class Paging(BaseModel):
    page: int
    pages: int
    shared_per_page: int
    one_paper_per_page: int
    shared_total: int  # shared concepts on all pages (with a link of the chosen relation, when filtered)
    one_paper_total: int  # concepts only one paper uses, on all pages
    previous: str | None  # the neighbouring page as a query ("?page=2"): for the page and its JSON twin alike
    next: str | None


class ComparePage(BaseModel):
    papers: list[PaperRefShort]  # the papers compared: every paper, or the two chosen
    choices: list[PaperRefShort]  # every paper of the map, for choosing two to compare
    relation: str | None  # the filter, if any
    relations: list[str]
    totals: dict[str, int]  # every cross-paper link by relation, before filtering
    shared: list[SharedConcept]  # this page's
    only_one_paper: list[SingleConcept]  # this page's
    paging: Paging


class CompareConceptPage(BaseModel):
    concept: ConceptRef
    definition_en: str  # argmap's definition, as definition_zh
    definition_zh: str | None
    columns: list[PaperColumn]
    not_discussed_in: list[str]  # on a map of many papers, those without a column
    causes: list[CausalNeighbour]
    effects: list[CausalNeighbour]
    links: list[CrossLinkPublic]
    relations: dict[str, int]


def _claim_refs(snapshot: Snapshot, ids: Collection[str]) -> dict[str, ClaimRef]:
    """The claims a page shows, and only those, made into references."""
    return {claim_id: ClaimRef.of(snapshot.claim[claim_id]) for claim_id in ids}


def _public(link: OutlineLink, claims: dict[str, ClaimRef]) -> CrossLinkPublic:
    return CrossLinkPublic(
        relation=link.relation,
        note=link.note,
        note_zh=link.note_zh,
        source=claims[link.source_id],
        target=claims[link.target_id],
    )


def _first_claims(claims: list[tuple[str, str]]) -> list[str]:
    """The ids a column shows: main-line claims first, each group in reading order."""
    return [claim_id for claim_id, _ in sorted(claims, key=lambda claim: claim[1] != "main")[:CLAIMS_PER_COLUMN]]


def _pair(snapshot: Snapshot, left: str | None, right: str | None) -> tuple[str, str] | None:
    """The two papers to compare, or None for every paper: a map of a few papers compares them
    all unless two are chosen; a map of more compares two at a time, by default the two that
    the most cross-paper links join (as /compare/map shows two)."""
    papers = [paper.id for paper in snapshot.papers]
    given = [side for side in (left, right) if side]
    if not given:
        return None if len(papers) <= FEW_PAPERS else MOST_LINKED_PAIR.of(snapshot)
    other = next((p for p in papers if p != given[0]), given[0])  # for the side not given
    pair = (left or other, right or other)
    for paper in pair:
        if paper not in snapshot.paper:
            raise NotFound("paper", paper)
    if pair[0] == pair[1]:
        raise BadParameter("right", "choose two different papers")
    return None if set(pair) == set(papers) else pair


def compare_page(
    snapshot: Snapshot, relation: str | None = None, page: int = 1, left: str | None = None, right: str | None = None
) -> ComparePage:
    pair = _pair(snapshot, left, right)
    outline = COMPARE_OUTLINE.of(snapshot) if pair is None else pair_outline(snapshot, pair)
    shared_pages = outline.pages[relation]
    singles_from = max(1, len(shared_pages.starts))  # the page where the shared concepts end
    pages = max(singles_from, singles_from - 1 + ceil(len(outline.single) / ONE_PAPER_PER_PAGE))
    if page > pages:
        raise NoSuchPage(page, pages, of="the comparison")
    shown = shared_pages.page(page)
    n = page - singles_from  # this page's slice of the concepts only one paper uses (none before singles_from)
    single = outline.single[n * ONE_PAPER_PER_PAGE : (n + 1) * ONE_PAPER_PER_PAGE] if n >= 0 else []
    wanted = {claim_id for concept in shown for claims in concept.claims.values() for claim_id in _first_claims(claims)}
    wanted |= {end for concept in shown for link in concept.links for end in (link.source_id, link.target_id)}
    claims = _claim_refs(snapshot, wanted)
    titles = dict(outline.papers)
    query = {"left": left, "right": right, "relation": relation}  # kept in the links to the neighbouring pages
    return ComparePage(
        papers=[PaperRefShort(id=paper_id, title_zh=title_zh) for paper_id, title_zh in outline.papers],
        choices=[PaperRefShort(id=paper.id, title_zh=paper.title_zh) for paper in snapshot.papers],
        relation=relation,
        relations=list(CROSS_PAPER_RELATIONS),
        totals=outline.totals,
        shared=[_shared(concept, relation, claims, titles) for concept in shown],
        only_one_paper=[
            SingleConcept(concept=_ref(concept), paper=paper, claims=len(refs))
            for concept in single
            for paper, refs in concept.claims.items()
        ],
        paging=Paging(
            page=page,
            pages=pages,
            shared_per_page=SHARED_PER_PAGE,
            one_paper_per_page=ONE_PAPER_PER_PAGE,
            shared_total=len(shared_pages.ranked),
            one_paper_total=len(outline.single),
            previous=page_query(query, page - 1) if page > 1 else None,
            next=page_query(query, page + 1) if page < pages else None,
        ),
    )


def _ref(concept: OutlineConcept) -> ConceptRef:
    return ConceptRef(
        id=concept.id, label_zh=concept.label_zh, label_en=concept.label_en, url=f"/concepts/{concept.id}"
    )


def _shared(
    concept: OutlineConcept, relation: str | None, claims: dict[str, ClaimRef], titles: dict[str, str]
) -> SharedConcept:
    return SharedConcept(
        concept=_ref(concept),
        columns=[  # the papers that speak of it: with many papers, empty columns would swamp them
            CompareColumn(
                paper=paper,
                title_zh=titles[paper],
                total=len(refs),
                claims=[claims[claim_id] for claim_id in _first_claims(refs)],
            )
            for paper, refs in concept.claims.items()
        ],
        links=[_public(link, claims) for link in concept.links if relation in (None, link.relation)],
        relations=concept.relations,
    )


def compare_concept_page(snapshot: Snapshot, concept_id: str) -> CompareConceptPage:
    concept = get_concept(snapshot, concept_id)  # 404 for an unknown concept
    causes, effects = causal_neighbours(snapshot, concept_id)
    outline = COMPARE_OUTLINE.of(snapshot).concepts[concept_id]
    claims = _claim_refs(snapshot, {end for link in outline.links for end in (link.source_id, link.target_id)})
    # Every paper side by side, an empty column saying it makes no claim about the concept; on a
    # map of many papers only those that discuss it (the others counted, as on the concept page).
    columns = paper_columns(snapshot, concept_id, every_paper=len(snapshot.papers) <= FEW_PAPERS)
    with_column = {column.paper for column in columns}
    return CompareConceptPage(
        concept=ConceptRef.of(concept),
        definition_en=concept.definition_en,
        definition_zh=concept.definition_zh,
        columns=columns,
        not_discussed_in=[paper.id for paper in snapshot.papers if paper.id not in with_column],
        causes=causes,
        effects=effects,
        links=[_public(link, claims) for link in outline.links],
        relations=outline.relations,
    )
