from fastapi import APIRouter, Request

from app.deps import SnapshotDep
from app.pages.about import AboutPage, about_page
from app.web import render

router = APIRouter()


@router.get("/about", include_in_schema=False)
def about_html(request: Request, snapshot: SnapshotDep):
    return render(request, "about.html", about_page(snapshot))


@router.get("/api/about", response_model=AboutPage, tags=["pages"])
def about_api(snapshot: SnapshotDep) -> AboutPage:
    return about_page(snapshot)
