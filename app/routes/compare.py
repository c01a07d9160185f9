from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.pages.common import PaperOptions
from app.pages.compare import CompareConceptPage, ComparePage, compare_concept_page, compare_page
from app.pages.compare_map import DEFAULT_DEPTH, MAX_DEPTH, MIN_DEPTH, CompareMapPage, compare_map_page
from app.pages.compare_map_layout import map_layout, svg_layout
from app.pages.paging import FEW_PAPERS
from app.web.deps import BlankAsNone, SnapshotDep
from app.web.page_family import page_family
from app.web.render import interface_words, punctuation, templates

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


def _with_paper_options(page: ComparePage, params: dict) -> dict:
    """The papers to choose two from, and whether all of them may be compared at once (a map of
    a few papers; a map of more compares two at a time)."""
    return {"paper_options": _paper_options(params), "whole_map": len(params["snapshot"].papers) <= FEW_PAPERS}


def _paper_options(params: dict) -> PaperOptions:
    lang, _, _ = interface_words(params["request"])
    return PaperOptions(params["snapshot"], lang)


@page_family(router, "/compare", template="compare.html", extra=_with_paper_options)
def compare(
    snapshot: SnapshotDep, relation: Relation = None, page: Page = 1, left: Side = None, right: Side = None
) -> ComparePage:
    """Concept by concept, what the papers say and the cross-paper links between them. A map of
    up to six papers compares them all unless `left` and `right` choose two; a map of more
    compares two at a time (by default the two that the most cross-paper links join)."""
    return compare_page(snapshot, relation, page, left, right)


def _with_layout(page: CompareMapPage, params: dict) -> dict:
    _, _, term = interface_words(params["request"])
    return {"layout": map_layout(page, term), "paper_options": _paper_options(params)}


# Before /compare/{concept_id}, which would take "map" for a concept.
@page_family(router, "/compare/map", template="compare_map.html", extra=_with_layout)
def compare_map(
    snapshot: SnapshotDep,
    left: Side = None,
    right: Side = None,
    relation: Relation = None,
    concept: ConceptFilter = None,
    depth: MapDepth = DEFAULT_DEPTH,
) -> CompareMapPage:
    """The two-author map: each paper's argument as a tree (`left`, `right`: thesis first, each
    node with its supporting claims and whether they are shown at first), and the cross-paper
    links between them that the filters keep (`links`, each with its note)."""
    return compare_map_page(snapshot, left, right, relation, concept, depth)


MapPage = Annotated[CompareMapPage, Depends(compare_map)]


# A page's download (its errors are HTML pages, like the page's): documented in the README, not the API.
@router.get("/compare/map.svg", include_in_schema=False, response_class=Response)
def compare_map_svg(request: Request, page: MapPage) -> Response:
    lang, gettext, term = interface_words(request)
    body = templates.get_template("compare_map_svg.xml").render(
        page=page, layout=svg_layout(page, map_layout(page, term)), _=gettext, term=term, lang=lang, **punctuation(lang)
    )
    names = f"{page.left.paper.id}-{page.right.paper.id}"
    return Response(
        body,
        media_type="image/svg+xml",
        headers={"Content-Disposition": f'inline; filename="argmap-map-{names}.svg"', "Content-Language": lang},
    )


@page_family(router, "/compare/{concept_id}", template="compare_concept.html")
def compare_concept(concept_id: str, snapshot: SnapshotDep) -> CompareConceptPage:
    return compare_concept_page(snapshot, concept_id)
