from typing import Annotated

from fastapi import APIRouter, Query

from app.pages.home import PapersPage, papers_page
from app.pages.paging import PAPERS_PER_PAGE, SECTIONS_PER_PAGE
from app.pages.paper import PaperPage, PaperTextPage, paper_page, paper_text_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()

Page = Annotated[
    int,
    Query(
        ge=1,
        description=f"Which page of the list (up to {PAPERS_PER_PAGE} papers, {SECTIONS_PER_PAGE} sections a page)",
    ),
]


@page_family(router, "/papers", template="papers.html")
def papers(snapshot: SnapshotDep, page: Page = 1) -> PapersPage:
    return papers_page(snapshot, page)


@page_family(router, "/papers/{paper_id}", template="paper.html")
def paper(paper_id: str, snapshot: SnapshotDep) -> PaperPage:
    return paper_page(snapshot, paper_id)


@page_family(router, "/papers/{paper_id}/text", template="paper_text.html")
def paper_text(paper_id: str, snapshot: SnapshotDep) -> PaperTextPage:
    return paper_text_page(snapshot, paper_id)
