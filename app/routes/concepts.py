from fastapi import APIRouter, Request

from app.deps import SnapshotDep
from app.pages.concepts import ConceptPage, ConceptsPage, concept_page, concepts_page
from app.pages.neighbourhood import concept_neighbourhood
from app.pages.references import ReferencesPage, references_page
from app.web import render

router = APIRouter()


@router.get("/concepts", include_in_schema=False)
def concepts_html(request: Request, snapshot: SnapshotDep):
    return render(request, "concepts.html", concepts_page(snapshot))


@router.get("/api/concepts", response_model=ConceptsPage, tags=["pages"])
def concepts_api(snapshot: SnapshotDep) -> ConceptsPage:
    return concepts_page(snapshot)


@router.get("/concepts/{concept_id}", include_in_schema=False)
def concept_html(request: Request, concept_id: str, snapshot: SnapshotDep):
    page = concept_page(snapshot, concept_id)
    return render(request, "concept.html", page, extra={"neighbourhood": concept_neighbourhood(page)})


@router.get("/api/concepts/{concept_id}", response_model=ConceptPage, tags=["pages"])
def concept_api(concept_id: str, snapshot: SnapshotDep) -> ConceptPage:
    return concept_page(snapshot, concept_id)


@router.get("/references", include_in_schema=False)
def references_html(request: Request, snapshot: SnapshotDep):
    return render(request, "references.html", references_page(snapshot))


@router.get("/api/references", response_model=ReferencesPage, tags=["pages"])
def references_api(snapshot: SnapshotDep) -> ReferencesPage:
    return references_page(snapshot)
