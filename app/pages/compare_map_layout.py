"""Where the two-author map's rows and connectors go (no web imports here).

Every claim row has the same height (static/css/compare-map.css keeps it so), so the rows'
places follow from the trees and which of them are open, and the connectors between the
columns can be drawn by the server: the page reads without JavaScript, prints, and the same
geometry draws the downloadable SVG. Connector labels sit in the middle of the lane, moved
down where they would overlap (never on top of each other).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.pages.compare_map import CompareMapPage, MapColumn, MapLink, MapNode

# Must match static/css/compare-map.css.
ROW_HEIGHT = 68
ROW_GAP = 6
SUMMARY_HEIGHT = 24
INDENT = 14
LANE_WIDTH = 240
LABEL_HEIGHT = 20
LABEL_GAP = 4
LABEL_FONT = 12
# The downloadable SVG: columns of a fixed width around the same lane.
SVG_COLUMN = 460
SVG_MARGIN = 24
SVG_HEADER = 96
ZH_FONT, EN_FONT = 15, 13

RELATION_COLOURS = {
    "agrees": "#1b7837",
    "complements": "#2166ac",
    "extends": "#6a3d9a",
    "differs-in-emphasis": "#a04d00",
    "contrasts": "#b2182b",
}
RELATION_DASHES = {
    "agrees": "",
    "complements": "",
    "extends": "8 4",
    "differs-in-emphasis": "3 3",
    "contrasts": "10 3 2 3",
}


@dataclass
class Row:
    claim_id: str
    node: MapNode
    top: int
    indent: int
    summary_top: int | None  # where its "supporting claims" line is, if it has any


@dataclass
class Connector:
    link: MapLink
    y_left: int
    y_right: int
    label_y: int  # the label's centre
    label_width: int
    colour: str
    dash: str
    path: str = ""

    @property
    def label_x(self) -> int:
        return (LANE_WIDTH - self.label_width) // 2

    @property
    def label_top(self) -> int:
        return self.label_y - LABEL_HEIGHT // 2


@dataclass
class MapLayout:
    rows: dict[str, list[Row]]  # side → its visible rows, top to bottom
    connectors: list[Connector]
    height: int  # of the trees and the lane
    lane_width: int = LANE_WIDTH
    row_height: int = ROW_HEIGHT
    label_height: int = LABEL_HEIGHT
    label_font: int = LABEL_FONT
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (relation, colour, dash)


def _rows(column: MapColumn) -> tuple[list[Row], int]:
    rows: list[Row] = []
    y = 0

    def visit(node: MapNode) -> None:
        nonlocal y
        row = Row(claim_id=node.claim.id, node=node, top=y, indent=node.depth * INDENT, summary_top=None)
        rows.append(row)
        y += ROW_HEIGHT + ROW_GAP
        if node.children:
            row.summary_top = y
            y += SUMMARY_HEIGHT
            if node.open:
                for child in node.children:
                    visit(child)

    for root in column.roots:
        visit(root)
    return rows, y


def label_width(text: str) -> int:
    """A generous estimate of the label's width in pixels (CJK characters are square)."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return int(wide * LABEL_FONT * 1.05 + (len(text) - wide) * LABEL_FONT * 0.62) + 14


def _place_labels(wanted: list[int]) -> list[int]:
    """Label centres as near their wish as possible, none overlapping (in the wishes' order)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    result = [0] * len(wanted)
    floor = LABEL_HEIGHT // 2
    for i in order:
        y = max(wanted[i], floor)
        result[i] = y
        floor = y + LABEL_HEIGHT + LABEL_GAP
    return result


def _path(width: int, y_left: int, y_right: int, label_y: int) -> str:
    mid = width / 2
    q = width / 4
    return (
        f"M0 {y_left} C{q:.0f} {y_left} {q:.0f} {label_y} {mid:.0f} {label_y} "
        f"C{mid + q:.0f} {label_y} {mid + q:.0f} {y_right} {width} {y_right}"
    )


def map_layout(page: CompareMapPage, term) -> MapLayout:
    """`term` turns a relation into the interface language's words (the labels' widths differ)."""
    left_rows, left_height = _rows(page.left)
    right_rows, right_height = _rows(page.right)
    centre = {row.claim_id: row.top + ROW_HEIGHT // 2 for row in left_rows + right_rows}
    links = [link for link in page.links if link.left.id in centre and link.right.id in centre]
    wanted = [(centre[link.left.id] + centre[link.right.id]) // 2 for link in links]
    label_ys = _place_labels(wanted)
    connectors = []
    for link, label_y in zip(links, label_ys, strict=True):
        connector = Connector(
            link=link,
            y_left=centre[link.left.id],
            y_right=centre[link.right.id],
            label_y=label_y,
            label_width=min(label_width(term(link.relation)), LANE_WIDTH - 8),
            colour=RELATION_COLOURS[link.relation],
            dash=RELATION_DASHES[link.relation],
        )
        connector.path = _path(LANE_WIDTH, connector.y_left, connector.y_right, label_y)
        connectors.append(connector)
    height = max(left_height, right_height, max((y + LABEL_HEIGHT for y in label_ys), default=0))
    return MapLayout(
        rows={"left": left_rows, "right": right_rows},
        connectors=connectors,
        height=height,
        legend=[(r, RELATION_COLOURS[r], RELATION_DASHES[r]) for r in page.relations],
    )


def clip(text: str, width: int, font: int) -> str:
    """As much of `text` as fits in `width` pixels at `font` size, with an ellipsis if cut."""
    text = " ".join(text.split())
    limit, wide, narrow = width - font, font * 1.0, font * 0.55  # a CJK character, and any other
    used = 0.0
    for n, ch in enumerate(text):
        used += wide if ch > "\u2e80" else narrow
        if used > limit:
            return text[:n].rstrip() + "…"
    return text


@dataclass
class SvgRow:
    href: str
    x: int
    y: int
    width: int
    kind: str
    relation: str | None
    zh: str
    en: str
    thesis: bool
    linked: bool
    summary_y: int | None
    children: int
    open: bool


@dataclass
class SvgLayout:
    width: int
    height: int
    top: int  # where the trees begin
    left_x: int
    lane_x: int
    right_x: int
    column: int
    rows: list[SvgRow]
    map: MapLayout
    titles: tuple[str, str]  # the papers' titles, cut to their columns


def svg_layout(page: CompareMapPage, layout: MapLayout) -> SvgLayout:
    """The same map drawn as one standalone SVG: fixed-width columns either side of the lane,
    each row's texts cut to fit (the full texts are a click away: every row links to its claim)."""
    left_x = SVG_MARGIN
    lane_x = left_x + SVG_COLUMN
    right_x = lane_x + LANE_WIDTH
    rows = []
    for side, side_rows in layout.rows.items():
        for row in side_rows:
            width = SVG_COLUMN - row.indent
            x = left_x + row.indent if side == "left" else right_x
            claim = row.node.claim
            rows.append(
                SvgRow(
                    href=claim.url,
                    x=x,
                    y=SVG_HEADER + row.top,
                    width=width,
                    kind=claim.kind,
                    relation=row.node.relation,
                    zh=clip(claim.quote_zh, width - 16, ZH_FONT),
                    en=clip(claim.text_en, width - 16, EN_FONT),
                    thesis=claim.kind == "thesis",
                    linked=bool(row.node.links),
                    summary_y=SVG_HEADER + row.summary_top if row.summary_top is not None else None,
                    children=len(row.node.children),
                    open=row.node.open,
                )
            )
    return SvgLayout(
        width=2 * SVG_MARGIN + 2 * SVG_COLUMN + LANE_WIDTH,
        height=SVG_HEADER + layout.height + SVG_MARGIN,
        top=SVG_HEADER,
        left_x=left_x,
        lane_x=lane_x,
        right_x=right_x,
        column=SVG_COLUMN,
        rows=rows,
        map=layout,
        titles=(clip(page.left.paper.title_zh, SVG_COLUMN, 16), clip(page.right.paper.title_zh, SVG_COLUMN, 16)),
    )
