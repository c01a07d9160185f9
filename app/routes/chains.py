from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.chains import DEFAULT_LENGTH, MAX_LENGTH
from app.deps import SnapshotDep
from app.pages.chains import CONCEPTS_URL, ChainsPage, chains_page, picker_concepts
from app.pages.common import ConceptRef
from app.pages.option_lists import NOT_MODIFIED, list_response
from app.web import render

router = APIRouter()
From = Annotated[
    str | None,
    Query(alias="from", max_length=100, pattern=r"^[a-z0-9-]*$", description="Concept id the chains start from"),
]
To = Annotated[str | None, Query(max_length=100, pattern=r"^[a-z0-9-]*$", description="Concept id they end at")]
Length = Annotated[int, Query(ge=1, le=MAX_LENGTH, description="Most steps in a chain")]
Held = Annotated[str, Query(max_length=100, description="any, both, or a paper id: keep chains that paper holds")]
Basis = Annotated[
    Literal["any", "stated"],
    Query(description="stated: walk only the causal links the authors' own words state, not argmap's inferences"),
]


@router.get("/chains", include_in_schema=False)
def chains_html(
    request: Request,
    snapshot: SnapshotDep,
    source: From = None,
    to: To = None,
    length: Length = DEFAULT_LENGTH,
    held: Held = "any",
    basis: Basis = "any",
):
    page = chains_page(snapshot, source or None, to or None, length, held, basis)
    # A short list is written into the pickers (the form works without JavaScript); a long
    # one is fetched once by static/js/options.js from its own address.
    return render(request, "chains.html", page, extra={"picker_options": picker_concepts(snapshot).inline})


@router.get("/api/chains", response_model=ChainsPage, tags=["pages"])
def chains_api(
    snapshot: SnapshotDep,
    source: From = None,
    to: To = None,
    length: Length = DEFAULT_LENGTH,
    held: Held = "any",
    basis: Basis = "any",
) -> ChainsPage:
    """Causal chains between two concepts. The pickers' list of every concept is at `concepts_url`."""
    return chains_page(snapshot, source or None, to or None, length, held, basis)


@router.get(CONCEPTS_URL, response_model=list[ConceptRef], tags=["pages"], responses=NOT_MODIFIED)
def chains_concepts_api(request: Request, snapshot: SnapshotDep) -> Response:
    """Every concept on a causal link, by English label (the pickers of /chains): serialised once
    per dataset version, with an ETag (`If-None-Match` gets a 304)."""
    return list_response(request, picker_concepts(snapshot))
