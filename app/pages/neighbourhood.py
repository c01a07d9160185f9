"""The small map on a claim's or a concept's page: the node in the middle, what leads to it
above, what it leads to below, drawn by the server as an SVG (app/pages/neighbourhood_svg.py)
that reads without JavaScript and opens the graph explorer there.

Built from the page's own data (no further query). One column of boxes of a fixed size, each
label cut to fit its box: legible at a phone's width, nothing drawn on top of anything else.
"""

from __future__ import annotations

from pydantic import BaseModel

from app.pages.claim import ClaimPage
from app.pages.common import ClaimRef, ConceptRef
from app.pages.compare_map_layout import clip
from app.pages.concepts import ConceptPage

WIDTH = 360
INDENT = 30
BOX = 46  # a neighbour's box: its relation, then its label
CENTRE = 54
GAP = 8
HEADING = 24  # "Leading here", "Leading on"
MORE = 22  # "+ n more in the graph explorer"
SHOWN = 5  # neighbours shown each side; the rest are counted
LABEL_FONT = 14
CENTRE_FONT = 17  # 15 px bold, measured as a wider regular font


class MapBox(BaseModel):
    id: str
    kind: str  # claim | concept
    relation: str | None  # the link's relation (None for the node itself)
    label_en: str
    label_zh: str
    url: str
    x: int
    y: int
    width: int
    height: int


class NeighbourhoodMap(BaseModel):
    centre: MapBox
    above: list[MapBox]  # what leads to it (supports it, causes it)
    below: list[MapBox]  # what it leads to (what it supports, its concepts, the other paper's claims; effects)
    more_above: int
    more_below: int
    heading_above_y: int | None
    heading_below_y: int | None
    more_above_y: int | None
    more_below_y: int | None
    spine_x: int
    width: int
    height: int
    graph_url: str


def _labels(item: ClaimRef | ConceptRef, width: int, font: int) -> tuple[str, str]:
    if isinstance(item, ClaimRef):
        return clip(item.text_en, width, font), clip(item.quote_zh, width, font)
    return clip(item.label_en, width, font), clip(item.label_zh, width, font)


def _box(
    item: ClaimRef | ConceptRef, relation: str | None, x: int, y: int, width: int, height: int, font: int = LABEL_FONT
) -> MapBox:
    label_en, label_zh = _labels(item, width - 16, font)
    return MapBox(
        id=item.id,
        kind="claim" if isinstance(item, ClaimRef) else "concept",
        relation=relation,
        label_en=label_en,
        label_zh=label_zh,
        url=item.url,
        x=x,
        y=y,
        width=width,
        height=height,
    )


def _stack(items: list[tuple[str, ClaimRef | ConceptRef]], y: int) -> tuple[list[MapBox], int | None, int | None, int]:
    """One side of the centre: its heading, at most SHOWN boxes and a "+ n more" line; where the
    heading and that line go, and the height reached."""
    if not items:
        return [], None, None, y
    heading, y = y, y + HEADING
    boxes = []
    for relation, item in items[:SHOWN]:
        boxes.append(_box(item, relation, INDENT, y, WIDTH - INDENT, BOX))
        y += BOX + GAP
    more = None
    if len(items) > SHOWN:
        more, y = y, y + MORE
    return boxes, heading, more, y


def _draw(
    centre: ClaimRef | ConceptRef,
    above: list[tuple[str, ClaimRef | ConceptRef]],
    below: list[tuple[str, ClaimRef | ConceptRef]],
) -> NeighbourhoodMap:
    top_boxes, heading_above, more_above_y, y = _stack(above, 0)
    middle = _box(centre, None, 0, y, WIDTH, CENTRE, CENTRE_FONT)
    bottom_boxes, heading_below, more_below_y, y = _stack(below, y + CENTRE + GAP)
    return NeighbourhoodMap(
        centre=middle,
        above=top_boxes,
        below=bottom_boxes,
        more_above=max(0, len(above) - SHOWN),
        more_below=max(0, len(below) - SHOWN),
        heading_above_y=heading_above,
        heading_below_y=heading_below,
        more_above_y=more_above_y,
        more_below_y=more_below_y,
        spine_x=INDENT // 2,
        width=WIDTH,
        height=y,
        graph_url=f"/graph?focus={centre.id}&depth=1",
    )


def claim_neighbourhood(page: ClaimPage) -> NeighbourhoodMap:
    centre = ClaimRef(
        id=page.id,
        paper=page.paper.id,
        section=page.section.id,
        kind=page.kind,
        weight=page.weight,
        quote_zh=page.quote_zh,
        text_en=page.text_en,
        url=page.url,
    )
    above: list[tuple[str, ClaimRef | ConceptRef]] = [(link.relation, link.claim) for link in page.supported_by]
    below: list[tuple[str, ClaimRef | ConceptRef]] = [(link.relation, link.claim) for link in page.supports]
    below += [(link.relation, link.claim) for link in page.cross_paper]
    below += [("mentions", concept) for concept in page.concepts]
    return _draw(centre, above, below)


def concept_neighbourhood(page: ConceptPage) -> NeighbourhoodMap:
    above: list[tuple[str, ClaimRef | ConceptRef]] = [(n.relation, n.concept) for n in page.causes]
    below: list[tuple[str, ClaimRef | ConceptRef]] = [(n.relation, n.concept) for n in page.effects]
    below += [("mentioned-by", claim) for column in page.columns for claim in column.claims]
    return _draw(page.concept, above, below)
