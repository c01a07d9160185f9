from fastapi import APIRouter, Request

from app.deps import SnapshotDep
from app.pages.home import PapersPage, papers_page
from app.pages.paper import PaperPage, PaperTextPage, paper_page, paper_text_page
from app.web import render

router = APIRouter()


@router.get("/papers", include_in_schema=False)
def papers_html(request: Request, snapshot: SnapshotDep):
    return render(request, "papers.html", papers_page(snapshot))


@router.get("/api/papers", response_model=PapersPage, tags=["pages"])
def papers_api(snapshot: SnapshotDep) -> PapersPage:
    return papers_page(snapshot)


@router.get("/papers/{paper_id}", include_in_schema=False)
def paper_html(request: Request, paper_id: str, snapshot: SnapshotDep):
    return render(request, "paper.html", paper_page(snapshot, paper_id))


@router.get("/api/papers/{paper_id}", response_model=PaperPage, tags=["pages"])
def paper_api(paper_id: str, snapshot: SnapshotDep) -> PaperPage:
    return paper_page(snapshot, paper_id)


@router.get("/papers/{paper_id}/text", include_in_schema=False)
def paper_text_html(request: Request, paper_id: str, snapshot: SnapshotDep):
    return render(request, "paper_text.html", paper_text_page(snapshot, paper_id))


@router.get("/api/papers/{paper_id}/text", response_model=PaperTextPage, tags=["pages"])
def paper_text_api(paper_id: str, snapshot: SnapshotDep) -> PaperTextPage:
    return paper_text_page(snapshot, paper_id)
