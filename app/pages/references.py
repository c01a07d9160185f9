"""Each paper's bibliography, with the claims that cite each entry."""

from __future__ import annotations

from pydantic import BaseModel

from app.pages.common import ClaimRef
from app.pages.paging import PAPERS_PER_PAGE, REFERENCES_PER_PAGE, ListPaging, paper_pages, sized_page_of
from app.read.rows import ReferenceRow
from app.read.snapshot import Snapshot


class CitingClaim(BaseModel):
    locator: str | None
    claim: ClaimRef


class ReferenceEntryPublic(BaseModel):
    id: str
    label: str
    kind: str
    text: str
    cited_by: list[CitingClaim]


class Bibliography(BaseModel):
    paper: str
    title_zh: str
    entries: list[ReferenceEntryPublic]


class ReferencesPage(BaseModel):
    papers: list[Bibliography]  # this page's papers
    paging: ListPaging  # pages of papers, up to REFERENCES_PER_PAGE entries a page


def _entry(snapshot: Snapshot, reference: ReferenceRow) -> ReferenceEntryPublic:
    citations = sorted(snapshot.citations_of.get(reference.id, ()), key=lambda c: snapshot.claim[c.claim_id].position)
    return ReferenceEntryPublic(
        id=reference.id,
        label=reference.label,
        kind=reference.kind,
        text=reference.text,
        cited_by=[CitingClaim(locator=c.locator, claim=ClaimRef.of(snapshot.claim[c.claim_id])) for c in citations],
    )


BIBLIOGRAPHY_PAGES = paper_pages(lambda snapshot: snapshot.references_of, REFERENCES_PER_PAGE)


def references_page(snapshot: Snapshot, page: int = 1) -> ReferencesPage:
    shown, paging = sized_page_of(
        snapshot.papers, BIBLIOGRAPHY_PAGES.of(snapshot), page, PAPERS_PER_PAGE, of="the bibliographies"
    )
    return ReferencesPage(
        paging=paging,
        papers=[
            Bibliography(
                paper=paper.id,
                title_zh=paper.title_zh,
                entries=[_entry(snapshot, r) for r in snapshot.references_of.get(paper.id, ())],
            )
            for paper in shown
        ],
    )
