from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.chains import DEFAULT_LENGTH, MAX_LENGTH
from app.deps import SessionDep
from app.pages.chains import ChainsPage, chains_page
from app.web import render

router = APIRouter()
From = Annotated[
    str | None,
    Query(alias="from", max_length=100, pattern=r"^[a-z0-9-]*$", description="Concept id the chains start from"),
]
To = Annotated[str | None, Query(max_length=100, pattern=r"^[a-z0-9-]*$", description="Concept id they end at")]
Length = Annotated[int, Query(ge=1, le=MAX_LENGTH, description="Most steps in a chain")]
Held = Annotated[str, Query(max_length=100, description="any, both, or a paper id: keep chains that paper holds")]


@router.get("/chains", include_in_schema=False)
def chains_html(
    request: Request,
    session: SessionDep,
    source: From = None,
    to: To = None,
    length: Length = DEFAULT_LENGTH,
    held: Held = "any",
):
    return render(request, "chains.html", chains_page(session, source or None, to or None, length, held))


@router.get("/api/chains", response_model=ChainsPage, tags=["pages"])
def chains_api(
    session: SessionDep, source: From = None, to: To = None, length: Length = DEFAULT_LENGTH, held: Held = "any"
) -> ChainsPage:
    return chains_page(session, source or None, to or None, length, held)
