from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from app.deps import BlankAsNone, SessionDep
from app.pages.compare import CompareConceptPage, ComparePage, compare_concept_page, compare_page
from app.web import render

router = APIRouter()
Relation = Annotated[
    Literal["agrees", "complements", "extends", "differs-in-emphasis", "contrasts"] | None,
    Query(description="Show only cross-paper links with this relation"),
    BlankAsNone,
]
Page = Annotated[int, Query(ge=1, description="Which page of the shared concepts (most cross-paper links first)")]


@router.get("/compare", include_in_schema=False)
def compare_html(request: Request, session: SessionDep, relation: Relation = None, page: Page = 1):
    return render(request, "compare.html", compare_page(session, relation, page))


@router.get("/api/compare", response_model=ComparePage, tags=["pages"])
def compare_api(session: SessionDep, relation: Relation = None, page: Page = 1) -> ComparePage:
    return compare_page(session, relation, page)


@router.get("/compare/{concept_id}", include_in_schema=False)
def compare_concept_html(request: Request, concept_id: str, session: SessionDep):
    return render(request, "compare_concept.html", compare_concept_page(session, concept_id))


@router.get("/api/compare/{concept_id}", response_model=CompareConceptPage, tags=["pages"])
def compare_concept_api(concept_id: str, session: SessionDep) -> CompareConceptPage:
    return compare_concept_page(session, concept_id)
