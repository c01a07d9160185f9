from fastapi import APIRouter, Request

from app.deps import SessionDep
from app.pages.changes import ChangesPage, changes_page
from app.web import render

router = APIRouter()


@router.get("/changes", include_in_schema=False)
def changes_html(request: Request, session: SessionDep):
    return render(request, "changes.html", changes_page(session))


@router.get("/api/changes", response_model=ChangesPage, tags=["pages"])
def changes_api(session: SessionDep) -> ChangesPage:
    return changes_page(session)
