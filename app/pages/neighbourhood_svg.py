"""The neighbourhood map (app/pages/neighbourhood.py) written out as the SVG a claim's or a
concept's page shows.

Written here rather than in a template: the drawing is some sixty numbers and a dozen labels,
and a template escaping each number in turn spent a quarter of a claim page's rendering on it.
Every text is escaped here (`markupsafe.escape`); numbers are the layout's own integers.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from app.pages.neighbourhood import MapBox, NeighbourhoodMap

LINE = 'stroke="#888888" stroke-width="2"'


def _label(lang: str, label_en: str, label_zh: str) -> str:
    return f' lang="zh">{escape(label_zh)}' if lang == "zh" else f' lang="en">{escape(label_en)}'


def _neighbour(box: MapBox, spine_x: int, lang: str, term: Callable[[str], str]) -> str:
    middle = box.y + box.height // 2
    fill = "#f3e3a1" if box.kind == "concept" else "#ffffff"
    return (
        f'\n    <line x1="{spine_x}" y1="{middle}" x2="{box.x}" y2="{middle}" {LINE}/>'
        f'\n    <a href="{escape(box.url)}" class="neighbour">'
        f'\n      <rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="4"'
        f' fill="{fill}" stroke="#999999"/>'
        f'\n      <text x="{box.x + 8}" y="{box.y + 16}" font-size="12" fill="#555555">'
        f"{escape(term(box.relation or ''))}</text>"
        f'\n      <text x="{box.x + 8}" y="{box.y + 36}" font-size="14" fill="#1a1a1a"'
        f"{_label(lang, box.label_en, box.label_zh)}</text>"
        "\n    </a>\n    "
    )


def _more(url: str, spine_x: int, y: int | None, count: int, words: str) -> str:
    if y is None:
        return ""
    return (
        f'<a href="{url}"><text x="{spine_x + 16}" y="{y + 15}" font-size="13" fill="#0b5cad">'
        f"+ {count} {escape(words)}</text></a>"
    )


def _heading(spine_x: int, y: int | None, words: str) -> str:
    if y is None:
        return ""
    return f'<text x="{spine_x + 12}" y="{y + 16}" font-size="13" font-weight="bold" fill="#555555">{words}</text>'


def neighbourhood_svg(
    drawing: NeighbourhoodMap, lang: str, gettext: Callable[[str], str], term: Callable[[str], str]
) -> Markup:
    """The map's <section>: heading, note, the SVG and the link to the graph explorer."""
    d, x = drawing, drawing.spine_x
    url = escape(d.graph_url)
    spine_above = ""
    if d.above:
        top = d.above[0].y + d.above[0].height // 2
        spine_above = f'<line x1="{x}" y1="{top}" x2="{x}" y2="{d.centre.y}" {LINE}/>'
    spine_below = ""
    if d.below:
        bottom = d.below[-1].y + d.below[-1].height // 2
        spine_below = f'<line x1="{x}" y1="{d.centre.y + d.centre.height}" x2="{x}" y2="{bottom}" {LINE}/>'
    # Looked up outside the f-strings below, where pybabel extract would not see them.
    heading = escape(gettext("Its neighbourhood"))
    note = escape(gettext("A map of its nearest links: what leads to it above, what it leads to below."))
    leading_here = escape(gettext("Leading here")) + " ↓"
    leading_on = "↓ " + escape(gettext("Leading on"))
    more = escape(gettext("more in the graph explorer"))
    open_explorer = escape(gettext("Open this neighbourhood in the graph explorer"))
    centre = d.centre
    return Markup(
        '<section class="neighbourhood" aria-labelledby="h-neighbourhood">\n'
        f'  <h2 id="h-neighbourhood">{heading}</h2>\n'
        f'  <p class="note">{note}</p>\n'
        f'  <svg class="neighbourhood-map" xmlns="http://www.w3.org/2000/svg" width="{d.width}" height="{d.height}"'
        f' viewBox="0 0 {d.width} {d.height}" role="group" aria-labelledby="h-neighbourhood">\n'
        f"    {spine_above}\n"
        f"    {spine_below}\n"
        f"    {_heading(x, d.heading_above_y, leading_here)}\n"
        f"    {_heading(x, d.heading_below_y, leading_on)}\n"
        f"    {''.join(_neighbour(box, x, lang, term) for box in [*d.above, *d.below])}\n"
        f'    <a href="{url}" class="neighbour-centre">\n'
        f'      <rect x="0" y="{centre.y}" width="{centre.width}" height="{centre.height}" rx="6" fill="#0b5cad"/>\n'
        f'      <text x="10" y="{centre.y + 33}" font-size="15" font-weight="bold" fill="#ffffff"'
        f"{_label(lang, centre.label_en, centre.label_zh)}</text>\n"
        "    </a>\n"
        f"    {_more(url, x, d.more_above_y, d.more_above, more)}\n"
        f"    {_more(url, x, d.more_below_y, d.more_below, more)}\n"
        "  </svg>\n"
        f'  <p><a href="{url}">{open_explorer}</a></p>\n'
        "</section>"
    )
