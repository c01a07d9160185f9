from fastapi import APIRouter

from app.deps import SnapshotDep
from app.page_family import page_family
from app.pages.changes import ChangesPage, changes_page

router = APIRouter()


@page_family(router, "/changes", template="changes.html")
def changes(snapshot: SnapshotDep) -> ChangesPage:
    return changes_page(snapshot)
