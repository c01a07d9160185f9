from fastapi import APIRouter

from app.deps import SnapshotDep
from app.page_family import page_family
from app.pages.about import AboutPage, about_page

router = APIRouter()


@page_family(router, "/about", template="about.html")
def about(snapshot: SnapshotDep) -> AboutPage:
    return about_page(snapshot)
