from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from app.compare_map_layout import map_layout, svg_layout
from app.deps import BlankAsNone, SnapshotDep
from app.i18n import translations
from app.pages.compare import CompareConceptPage, ComparePage, compare_concept_page, compare_page
from app.pages.compare_map import DEFAULT_DEPTH, MAX_DEPTH, MIN_DEPTH, CompareMapPage, compare_map_page
from app.read.graph_views import InvalidParameter
from app.web import render, request_language, templates, vocabulary_term

router = APIRouter()
Relation = Annotated[
    Literal["agrees", "complements", "extends", "differs-in-emphasis", "contrasts"] | None,
    Query(description="Show only cross-paper links with this relation"),
    BlankAsNone,
]
Page = Annotated[int, Query(ge=1, description="Which page of the shared concepts (most cross-paper links first)")]
Side = Annotated[
    str | None, Query(max_length=100, description="A paper id (default: the first, or second, paper)"), BlankAsNone
]
ConceptFilter = Annotated[
    str | None, Query(max_length=100, description="Show only links whose claims mention this concept"), BlankAsNone
]
MapDepth = Annotated[int, Query(ge=MIN_DEPTH, le=MAX_DEPTH, description="Levels of each tree open at first")]


@router.get("/compare", include_in_schema=False)
def compare_html(request: Request, snapshot: SnapshotDep, relation: Relation = None, page: Page = 1):
    return render(request, "compare.html", compare_page(snapshot, relation, page))


@router.get("/api/compare", response_model=ComparePage, tags=["pages"])
def compare_api(snapshot: SnapshotDep, relation: Relation = None, page: Page = 1) -> ComparePage:
    return compare_page(snapshot, relation, page)


def _map(
    snapshot: SnapshotDep,
    left: Side = None,
    right: Side = None,
    relation: Relation = None,
    concept: ConceptFilter = None,
    depth: MapDepth = DEFAULT_DEPTH,
) -> CompareMapPage:
    """The map's query, declared once for the page, its /api twin and its SVG."""
    try:
        return compare_map_page(snapshot, left, right, relation, concept, depth)
    except InvalidParameter as error:
        raise RequestValidationError(
            [{"loc": ("query", error.name), "msg": str(error), "type": "value_error"}]
        ) from error


MapPage = Annotated[CompareMapPage, Depends(_map)]


# Before /compare/{concept_id}, which would take "map" for a concept.
@router.get("/compare/map", include_in_schema=False)
def compare_map_html(request: Request, page: MapPage):
    term = vocabulary_term(translations(request_language(request)).gettext)
    return render(request, "compare_map.html", page, extra={"layout": map_layout(page, term)})


@router.get("/api/compare/map", response_model=CompareMapPage, tags=["pages"])
def compare_map_api(page: MapPage) -> CompareMapPage:
    """The two-author map: each paper's argument as a tree (`left`, `right`: thesis first, each
    node with its supporting claims and whether they are shown at first), and the cross-paper
    links between them that the filters keep (`links`, each with its note)."""
    return page


# A page's download (its errors are HTML pages, like the page's): documented in the README, not the API.
@router.get("/compare/map.svg", include_in_schema=False, response_class=Response)
def compare_map_svg(request: Request, page: MapPage) -> Response:
    lang = request_language(request)
    catalogue = translations(lang)
    term = vocabulary_term(catalogue.gettext)
    body = templates.get_template("compare_map_svg.xml").render(
        page=page, layout=svg_layout(page, map_layout(page, term)), _=catalogue.gettext, term=term, lang=lang
    )
    names = f"{page.left.paper.id}-{page.right.paper.id}"
    return Response(
        body,
        media_type="image/svg+xml",
        headers={"Content-Disposition": f'inline; filename="argmap-map-{names}.svg"', "Content-Language": lang},
    )


@router.get("/compare/{concept_id}", include_in_schema=False)
def compare_concept_html(request: Request, concept_id: str, snapshot: SnapshotDep):
    return render(request, "compare_concept.html", compare_concept_page(snapshot, concept_id))


@router.get("/api/compare/{concept_id}", response_model=CompareConceptPage, tags=["pages"])
def compare_concept_api(concept_id: str, snapshot: SnapshotDep) -> CompareConceptPage:
    return compare_concept_page(snapshot, concept_id)
