from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.pages.chains import CONCEPTS_URL, ChainsPage, chains_page, picker_concepts
from app.pages.common import ConceptRef, named_papers
from app.pages.option_lists import NOT_MODIFIED, list_response
from app.pages.paging import KEY_CHAIN_PAPERS_PER_PAGE
from app.read import chains as chain_paths
from app.read.chains import DEFAULT_LENGTH, MAX_LENGTH
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

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

Page = Annotated[
    int, Query(ge=1, description=f"Which page of the key chains ({KEY_CHAIN_PAPERS_PER_PAGE} papers a page)")
]


def _with_pickers(page: ChainsPage, params: dict) -> dict:
    """A short list is written into the pickers (the form works without JavaScript); a long
    one is fetched once by static/js/options.js from its own address. The papers to choose from
    come named. With no chain found, the page says how far it looked for a path ignoring direction."""
    return {
        "picker_options": picker_concepts(params["snapshot"]).inline,
        "named_papers": named_papers(params["snapshot"]),
        "undirected_reach": chain_paths.UNDIRECTED_REACH,
    }


@page_family(router, "/chains", template="chains.html", extra=_with_pickers)
def chains(
    snapshot: SnapshotDep,
    source: From = None,
    to: To = None,
    length: Length = DEFAULT_LENGTH,
    held: Held = "any",
    basis: Basis = "any",
    page: Page = 1,
) -> ChainsPage:
    """Causal chains between two concepts, or with none chosen each paper's key chains. The
    pickers' list of every concept is at `concepts_url`."""
    return chains_page(snapshot, source or None, to or None, length, held, basis, page)


@router.get(CONCEPTS_URL, response_model=list[ConceptRef], tags=["pages"], responses=NOT_MODIFIED)
def chains_concepts_api(request: Request, snapshot: SnapshotDep) -> Response:
    """Every concept on a causal link, by English label (the pickers of /chains): serialised once
    per dataset version, with an ETag (`If-None-Match` gets a 304)."""
    return list_response(request, picker_concepts(snapshot))
