"""The concepts, one concept, and the references (a list beside the concepts)."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.pages.concepts import CONCEPTS_PER_PAGE, ConceptPage, ConceptsPage, concept_page, concepts_page
from app.pages.neighbourhood import concept_neighbourhood
from app.pages.neighbourhood_svg import neighbourhood_svg
from app.pages.paging import PAPERS_PER_PAGE, REFERENCES_PER_PAGE
from app.pages.references import ReferencesPage, references_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family
from app.web.render import interface_words

router = APIRouter()

Page = Annotated[int, Query(ge=1, description=f"Which page of the list ({CONCEPTS_PER_PAGE} a page)")]
BibliographyPage = Annotated[
    int,
    Query(
        ge=1,
        description=f"Which page of the bibliographies (up to {PAPERS_PER_PAGE} papers, {REFERENCES_PER_PAGE} entries)",
    ),
]


@page_family(router, "/concepts", template="concepts.html")
def concepts(snapshot: SnapshotDep, page: Page = 1) -> ConceptsPage:
    return concepts_page(snapshot, page)


@page_family(
    router,
    "/concepts/{concept_id}",
    template="concept.html",
    extra=lambda page, params: {
        "neighbourhood": neighbourhood_svg(concept_neighbourhood(page), *interface_words(params["request"]))
    },
)
def concept(concept_id: str, snapshot: SnapshotDep) -> ConceptPage:
    return concept_page(snapshot, concept_id)


@page_family(router, "/references", template="references.html")
def references(snapshot: SnapshotDep, page: BibliographyPage = 1) -> ReferencesPage:
    return references_page(snapshot, page)
