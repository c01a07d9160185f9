"""The graph explorer: /graph (interactive map, lists without JavaScript) and /api/graph."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.dataset.schema import CLAIM_KINDS, LAYERS, REFERENCE_KINDS, WEIGHTS
from app.pages.graph_view import SEARCH_URL, GraphPage, NodeOption, graph_page, legend_papers, search_options
from app.pages.option_lists import NOT_MODIFIED, list_response
from app.read.graph_views import DEFAULT_DEPTH, MAX_DEPTH, MIN_DEPTH, NODE_TYPES, GraphQuery, parse_list
from app.read.paper_names import PAPER_NAMES
from app.web.deps import SnapshotDep
from app.web.page_family import page_family
from app.web.render import interface_words

router = APIRouter()

Focus = Annotated[
    str | None,
    Query(
        max_length=200, description="A node id (paper, section, claim, concept, reference); its neighbourhood is shown"
    ),
]
Depth = Annotated[int, Query(ge=MIN_DEPTH, le=MAX_DEPTH, description="Steps around the focus")]
Layers = Annotated[
    list[str] | None, Query(max_length=200, description="Comma-separated layers to show, from: " + ", ".join(LAYERS))
]
Paper = Annotated[str | None, Query(max_length=100, description="Show one paper's side only")]
Layout = Annotated[
    Literal["dagre", "cose", "concentric", "breadthfirst"] | None,
    Query(description="Layout of the map (default: dagre, or concentric around a focus)"),
]
Path = Annotated[str | None, Query(max_length=4000, description="Comma-separated node ids to highlight, in order")]


def _with_graph_extras(page: GraphPage, params: dict) -> dict:
    """The view's elements for the page's script; the search box's <datalist> holds a short list
    in the page, a long one is fetched once by static/js/options.js from its own address; and
    the words the side panel shows for a node's type, kind, weight and paper, in the reader's
    language; and the papers the legend keys. The script styles and names only the papers the
    legend keys (on a map of many papers, those in view): the JSON twin lists them all."""
    lang, gettext, term = interface_words(params["request"])
    keyed = legend_papers(page)
    names = PAPER_NAMES.of(params["snapshot"])
    words = {word: term(word) for word in (*NODE_TYPES, *CLAIM_KINDS, *WEIGHTS, *REFERENCE_KINDS)}
    words["main"] = gettext("main line")  # a claim's weight, as the reading pages name it
    words |= {paper.id: names[paper.id].name(lang) for paper in keyed}
    return {
        "graph_data": page.model_copy(update={"papers": keyed}).model_dump(mode="json"),
        "search_options": search_options(params["snapshot"]).inline,
        "legend_papers": keyed,
        "panel_words": words,
    }


@page_family(router, "/graph", template="graph.html", extra=_with_graph_extras, json_url=lambda page: page.view.api_url)
def graph(
    snapshot: SnapshotDep,
    focus: Focus = None,
    depth: Depth = DEFAULT_DEPTH,
    layers: Layers = None,
    paper: Paper = None,
    layout: Layout = None,
    path: Path = None,
) -> GraphPage:
    """One view of the map as Cytoscape elements (`nodes`, `edges`) and the normalised `view`.
    Unfocused and larger than `view.max_nodes`, the map is cut to its main line (`view.overview`)."""
    query = GraphQuery(
        focus=focus or None,
        depth=depth,
        layers=parse_list(layers),
        paper=paper or None,
        layout=layout or None,
        path=parse_list([path] if path else None, unique=False) or (),
    )
    return graph_page(snapshot, query)


@router.get(SEARCH_URL, response_model=list[NodeOption], tags=["pages"], responses=NOT_MODIFIED)
def graph_nodes_api(request: Request, snapshot: SnapshotDep) -> Response:
    """Every node of the map with its short English label, in the map's order (the search box
    of /graph): serialised once per dataset version, with an ETag (`If-None-Match` gets a 304)."""
    return list_response(request, search_options(snapshot))
