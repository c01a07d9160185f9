from fastapi import APIRouter

from app.pages.about import AboutPage, about_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()


@page_family(router, "/about", template="about.html")
def about(snapshot: SnapshotDep) -> AboutPage:
    return about_page(snapshot)
