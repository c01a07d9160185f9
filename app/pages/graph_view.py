"""The graph explorer's data: one view of the map (a focus and its neighbourhood, or an
overview), as Cytoscape elements plus the normalised view that produced them. Which nodes a
view shows is app/read/graph_views.py's; this module describes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import networkx as nx
from pydantic import BaseModel

from app.dataset.schema import LAYERS
from app.pages.option_lists import OptionList
from app.pages.paging import FEW_PAPERS
from app.read.graph import graph_of, node_labels
from app.read.graph_views import (
    DEFAULT_DEPTH,
    FACTS,
    LAYOUTS,
    MAX_DEPTH,
    MAX_NODES,
    MAX_PATH,
    MIN_DEPTH,
    NODE_TYPES,
    OVERVIEW_LEVELS,
    PAPER_SHAPES,
    SEARCH_RANK,
    GraphQuery,
    LayerChoice,
    neighbourhood,
    node_order,
    overview,
    paper_colour,
    paper_of,
    unfocused_nodes,
)
from app.read.snapshot import Derived, Snapshot
from app.web.errors import BadParameter, NotFound


class GraphNodeData(BaseModel):
    id: str
    type: str
    paper: str | None
    label: str  # short English label shown on the map
    label_zh: str  # short Chinese label
    text_en: str | None  # full English: a claim's statement, a title, a concept's label
    text_zh: str | None  # full original: a claim's quote, a title, a reference entry
    definition_en: str | None = None  # argmap's definition, as definition_zh
    definition_zh: str | None = None
    kind: str | None = None
    weight: str | None = None
    url: str
    focus: bool = False
    distance: int | None = None  # steps from the focus in the chosen layers
    path_index: int | None = None  # place in the highlighted path


class GraphEdgeData(BaseModel):
    id: str
    source: str
    target: str
    source_label: str
    target_label: str
    source_label_zh: str  # as each node's label_zh: for the Chinese interface
    target_label_zh: str
    layer: str
    relation: str
    papers: list[str] | None = None  # causal: whose claims assert it
    note: str | None = None  # cross-paper: why
    note_zh: str | None = None  # the same in Chinese, if written
    locator: str | None = None  # cites: where in the entry
    in_path: bool = False


class GraphNode(BaseModel):
    data: GraphNodeData


class GraphEdge(BaseModel):
    data: GraphEdgeData


class GraphCounts(BaseModel):
    nodes: int
    edges: int
    graph_nodes: int
    graph_edges: int


class GraphViewEcho(BaseModel):
    focus: str | None
    depth: int
    depth_shown: int | None  # smaller than depth when the neighbourhood had to be cut
    layers: list[str]
    paper: str | None
    layout: str
    path: list[str]
    overview: bool  # the unfocused view was too big and shows the main line only
    trimmed: bool  # nodes were left out to stay under max_nodes
    max_nodes: int
    counts: GraphCounts
    url: str  # the canonical address of this view (/graph?...)
    api_url: str


class PaperKey(BaseModel):
    id: str
    title_zh: str
    title_en: str | None
    shape: str
    colour: str  # from paper_colour(): the map and its legend use the same


class NodeOption(BaseModel):
    id: str
    label: str
    label_zh: str  # what the Chinese interface's search box shows


SEARCH_URL = "/api/graph/nodes"


class GraphPage(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    view: GraphViewEcho
    papers: list[PaperKey]
    layers: list[str]
    layouts: list[str]
    node_types: list[str]
    min_depth: int
    max_depth: int
    search_url: str = SEARCH_URL  # every node of the map, for the search box (its own resource)


def _chosen(
    snapshot: Snapshot, choice: LayerChoice, query: GraphQuery
) -> tuple[set[str], dict[str, int], int | None, bool, bool]:
    """The nodes a view shows, their distances from the focus, the depth shown, and whether
    the view is an overview and was trimmed."""
    if query.focus:
        distances, depth_shown, trimmed = neighbourhood(choice, query.focus, query.depth)
        return set(distances), distances, depth_shown, False, trimmed
    if choice.paper:
        chosen, is_overview, trimmed = _unfocused(snapshot, choice)
    else:
        found = UNFOCUSED.of(snapshot)
        if choice.layers not in found:  # two requests may both make it: the same nodes either way
            found[choice.layers] = _unfocused(snapshot, choice)
        chosen, is_overview, trimmed = found[choice.layers]
    return set(chosen), {}, None, is_overview, trimmed


def _unfocused(snapshot: Snapshot, choice: LayerChoice) -> tuple[frozenset[str], bool, bool]:
    """An unfocused view's nodes (every node of the chosen layers' links, or their overview
    when there are more than MAX_NODES), whether it is an overview, and whether it was trimmed."""
    chosen = unfocused_nodes(snapshot, choice)
    if len(chosen) > MAX_NODES:
        shown, trimmed = overview(OVERVIEW_LEVELS.of(snapshot), chosen)
        return frozenset(shown), True, trimmed
    return frozenset(chosen), False, False


# The unfocused views of the whole map, by the layers chosen, made the first time they are asked
# for and kept with the snapshot: each reads every node of its layers (on a large map, tens of
# thousands) to keep at most MAX_NODES, so at most one small set per choice of layers is kept.
UNFOCUSED: Derived[dict[frozenset[str], tuple[frozenset[str], bool, bool]]] = Derived(lambda snapshot: {})


def _paper_keys(snapshot: Snapshot) -> list[PaperKey]:
    """Every paper's name, shape and colour, for the legend and the paper filter of any view."""
    graph = graph_of(snapshot)
    return [
        PaperKey(
            id=p,
            title_zh=graph.nodes[p]["title_zh"],
            title_en=graph.nodes[p]["title_en"],
            shape=PAPER_SHAPES[i % len(PAPER_SHAPES)],
            colour=paper_colour(i),
        )
        for i, p in enumerate(FACTS.of(snapshot).papers)
    ]


PAPER_KEYS = Derived(_paper_keys)  # built once per snapshot, the same on every view


def legend_papers(page: GraphPage) -> list[PaperKey]:
    """The papers the legend keys: every paper of a map of a few, else those with a node in the
    view (a legend of 200 papers on every view of a large map would bury the key)."""
    if len(page.papers) <= FEW_PAPERS:
        return page.papers
    shown = {node.data.paper or node.data.id for node in page.nodes if node.data.paper or node.data.type == "paper"}
    return [paper for paper in page.papers if paper.id in shown]


def graph_page(snapshot: Snapshot, query: GraphQuery) -> GraphPage:
    graph = graph_of(snapshot)
    facts = FACTS.of(snapshot)
    paper_ids = facts.papers
    _check(graph, paper_ids, query)
    choice = LayerChoice.of(graph, query.chosen_layers, query.paper, paper_ids)
    chosen, distances, depth_shown, is_overview, trimmed = _chosen(snapshot, choice, query)
    chosen |= set(query.path)
    labels = {n: node_labels(graph.nodes[n]) for n in chosen}  # each node's, once: its edges name it too
    edges = _edges(choice, chosen, query.path, labels)
    nodes = [
        _node(graph, n, query, distances, labels[n], _url(graph, n, snapshot.claims_in))
        for n in sorted(chosen, key=lambda n: node_order(graph, n))
    ]
    echo = GraphViewEcho(
        focus=query.focus,
        depth=query.depth,
        depth_shown=depth_shown,
        layers=list(query.chosen_layers),
        paper=query.paper,
        layout=query.chosen_layout,
        path=list(query.path),
        overview=is_overview,
        trimmed=trimmed,
        max_nodes=MAX_NODES,
        counts=GraphCounts(nodes=len(nodes), edges=len(edges), graph_nodes=facts.nodes, graph_edges=facts.edges),
        url=view_url("/graph", query),
        api_url=view_url("/api/graph", query),
    )
    return GraphPage(
        nodes=nodes,
        edges=edges,
        view=echo,
        papers=PAPER_KEYS.of(snapshot),
        layers=list(LAYERS),
        layouts=list(LAYOUTS),
        node_types=list(NODE_TYPES),
        min_depth=MIN_DEPTH,
        max_depth=MAX_DEPTH,
    )


def view_url(base: str, query: GraphQuery) -> str:
    """The canonical address of a view: parameters in a fixed order, defaults left out."""
    params: list[tuple[str, str]] = []
    if query.focus:
        params += [("focus", query.focus)]
        if query.depth != DEFAULT_DEPTH:
            params += [("depth", str(query.depth))]
    if query.layers is not None and query.layers != query.default_layers:
        params += [("layers", ",".join(query.layers))]
    if query.paper:
        params += [("paper", query.paper)]
    if query.layout is not None and query.layout != query.default_layout:
        params += [("layout", query.layout)]
    if query.path:
        params += [("path", ",".join(query.path))]
    return base + ("?" + urlencode(params, safe=",") if params else "")


def _check(graph: nx.MultiDiGraph, paper_ids: list[str], query: GraphQuery) -> None:
    if query.focus is not None and query.focus not in graph:
        raise NotFound("node", query.focus)
    for node in query.path:
        if node not in graph:
            raise NotFound("node", node)
    if query.paper is not None and query.paper not in paper_ids:
        raise BadParameter("paper", f"no paper {query.paper!r}; choose one of {', '.join(paper_ids)}")
    unknown = [layer for layer in query.chosen_layers if layer not in LAYERS]
    if unknown:
        raise BadParameter("layers", f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    if len(query.path) > MAX_PATH:
        raise BadParameter("path", f"a path has at most {MAX_PATH} nodes")


def _search_options(snapshot: Snapshot) -> OptionList:
    graph = graph_of(snapshot)
    return OptionList(
        [
            NodeOption(id=n, label=labels[0], label_zh=labels[1])
            for n in sorted(graph.nodes, key=lambda n: (SEARCH_RANK[graph.nodes[n]["type"]], node_order(graph, n)))
            for labels in [node_labels(graph.nodes[n])]
        ]
    )


SEARCH_OPTIONS = Derived(_search_options)


def search_options(snapshot: Snapshot) -> OptionList:
    """Every node of the map with its short English and Chinese labels, concepts first, then in
    the map's order: the search box's list, built once per snapshot and served on its own (a
    view does not carry it)."""
    return SEARCH_OPTIONS.of(snapshot)


def _edge_id(u: str, v: str, key: object, data: dict) -> str:
    if data["layer"] == "causal":
        return str(key)  # the causal link's own id
    return f"{data['layer']}:{u}:{data['relation']}:{v}" + (f":{key}" if key else "")


def _edges(
    choice: LayerChoice, chosen: set[str], path: tuple[str, ...], labels: dict[str, tuple[str, str]]
) -> list[GraphEdge]:
    graph = choice.graph
    steps = {frozenset(pair) for pair in zip(path, path[1:], strict=False)}
    found: dict[str, tuple[str, str, dict, bool]] = {}
    for u, v, key, data in choice.edges(n for n in chosen if choice.keeps_node(n)):
        if v in chosen:
            found[_edge_id(u, v, key, data)] = (u, v, data, frozenset((u, v)) in steps)
    # The links along the path are shown whatever the layers, so the chain reads unbroken.
    for step in steps:
        if len(step) < 2:
            continue
        a, b = sorted(step)
        for u, v in ((a, b), (b, a)):
            for key, data in (graph.get_edge_data(u, v) or {}).items():
                found[_edge_id(u, v, key, data)] = (u, v, data, True)
    return [
        GraphEdge(
            data=GraphEdgeData(
                id=edge_id,
                source=u,
                target=v,
                source_label=labels[u][0],
                target_label=labels[v][0],
                source_label_zh=labels[u][1],
                target_label_zh=labels[v][1],
                layer=data["layer"],
                relation=data["relation"],
                papers=data.get("papers"),
                note=data.get("note"),
                note_zh=data.get("note_zh"),
                locator=data.get("locator"),
                in_path=in_path,
            )
        )
        for edge_id, (u, v, data, in_path) in sorted(found.items())
    ]


def _texts(data: dict) -> tuple[str | None, str | None]:
    kind = data["type"]
    if kind in ("paper", "section"):
        return data["title_en"], data["title_zh"]
    if kind == "claim":
        return data["text_en"], data["quote_zh"]
    if kind == "concept":
        return data["label_en"], data["label_zh"]
    return None, data["text"]


def _url(graph: nx.MultiDiGraph, node: str, claims_in: Mapping[str, Sequence[object]]) -> str:
    kind = graph.nodes[node]["type"]
    if kind == "paper":
        return f"/papers/{node}"
    if kind == "section":  # the outline lists only the sections that hold claims; the source text has them all
        paper = graph.nodes[node]["paper"]
        return f"/papers/{paper}#{node}" if claims_in.get(node) else f"/papers/{paper}/text#{node}"
    if kind == "claim":
        return f"/claims/{node}"
    if kind == "concept":
        return f"/concepts/{node}"
    return f"/references#{node}"


def _node(
    graph: nx.MultiDiGraph, node: str, query: GraphQuery, distances: dict[str, int], labels: tuple[str, str], url: str
) -> GraphNode:
    data = graph.nodes[node]
    label, label_zh = labels
    text_en, text_zh = _texts(data)
    return GraphNode(
        data=GraphNodeData(
            id=node,
            type=data["type"],
            paper=paper_of(graph, node),
            label=label,
            label_zh=label_zh,
            text_en=text_en,
            text_zh=text_zh,
            definition_en=data.get("definition_en"),
            definition_zh=data.get("definition_zh"),
            kind=data.get("kind"),
            weight=data.get("weight"),
            url=url,
            focus=node == query.focus,
            distance=distances.get(node),
            path_index=query.path.index(node) if node in query.path else None,
        )
    )
