from fastapi import APIRouter, Request

from app.pages.guides import GuidePage, GuidesPage, guide_page, guides_page
from app.web import render

router = APIRouter()


@router.get("/guides", include_in_schema=False)
def guides_html(request: Request):
    return render(request, "guides.html", guides_page())


@router.get("/api/guides", response_model=GuidesPage, tags=["pages"])
def guides_api() -> GuidesPage:
    return guides_page()


@router.get("/guides/{slug}", include_in_schema=False)
def guide_html(request: Request, slug: str):
    return render(request, "guide.html", guide_page(slug))


@router.get("/api/guides/{slug}", response_model=GuidePage, tags=["pages"])
def guide_api(slug: str) -> GuidePage:
    return guide_page(slug)
