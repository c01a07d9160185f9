from fastapi import APIRouter, Request

from app.deps import SessionDep
from app.pages.about import AboutPage, about_page
from app.web import render

router = APIRouter()


@router.get("/about", include_in_schema=False)
def about_html(request: Request, session: SessionDep):
    return render(request, "about.html", about_page(session))


@router.get("/api/about", response_model=AboutPage, tags=["pages"])
def about_api(session: SessionDep) -> AboutPage:
    return about_page(session)
