from fastapi import APIRouter

from app.pages.guides import GuidePage, GuidesPage, guide_page, guides_page
from app.web.page_family import page_family

router = APIRouter()


@page_family(router, "/guides", template="guides.html")
def guides() -> GuidesPage:
    return guides_page()


@page_family(router, "/guides/{slug}", template="guide.html")
def guide(slug: str) -> GuidePage:
    return guide_page(slug)
