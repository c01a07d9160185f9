from typing import Annotated

from fastapi import APIRouter, Query

from app.pages.search import SearchPage, search_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()
QueryParam = Annotated[str | None, Query(max_length=500, description="Words in Chinese or English")]
Page = Annotated[int, Query(ge=1, description="Which page of the results (50 a page)")]


@page_family(router, "/search", template="search.html")
def search(snapshot: SnapshotDep, q: QueryParam = None, page: Page = 1) -> SearchPage:
    return search_page(snapshot, q, page)
