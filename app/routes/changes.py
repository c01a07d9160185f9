from fastapi import APIRouter, Request

from app.deps import SnapshotDep
from app.pages.changes import ChangesPage, changes_page
from app.web import render

router = APIRouter()


@router.get("/changes", include_in_schema=False)
def changes_html(request: Request, snapshot: SnapshotDep):
    return render(request, "changes.html", changes_page(snapshot))


@router.get("/api/changes", response_model=ChangesPage, tags=["pages"])
def changes_api(snapshot: SnapshotDep) -> ChangesPage:
    return changes_page(snapshot)
