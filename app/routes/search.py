from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.deps import SnapshotDep
from app.pages.search import SearchPage, search_page
from app.web import render

router = APIRouter()
QueryParam = Annotated[str | None, Query(max_length=500, description="Words in Chinese or English")]
Page = Annotated[int, Query(ge=1, description="Which page of the results (50 a page)")]


@router.get("/search", include_in_schema=False)
def search_html(request: Request, snapshot: SnapshotDep, q: QueryParam = None, page: Page = 1):
    return render(request, "search.html", search_page(snapshot, q, page))


@router.get("/api/search", response_model=SearchPage, tags=["pages"])
def search_api(snapshot: SnapshotDep, q: QueryParam = None, page: Page = 1) -> SearchPage:
    return search_page(snapshot, q, page)
