from fastapi import APIRouter

from app.pages.changes import ChangesPage, changes_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()


@page_family(router, "/changes", template="changes.html")
def changes(snapshot: SnapshotDep) -> ChangesPage:
    return changes_page(snapshot)
