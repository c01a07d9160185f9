"""The graph explorer's data: one view of the map (a focus and its neighbourhood, or an
overview), as Cytoscape elements plus the normalised view that produced them.

The view is fully described by its query (focus, depth, layers, paper, layout, path), so
the same address always shows the same nodes. The whole graph is never sent unfocused when
it is larger than MAX_NODES: an overview of its main line is sent instead.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import networkx as nx
from pydantic import BaseModel
from sqlmodel import Session

from app.graph import map_graph, node_labels
from app.pages.option_lists import OptionList, option_list
from app.web import NotFound

LAYERS = ("structure", "argument", "causal", "cross-paper", "mentions", "cites")
LAYOUTS = ("dagre", "cose", "concentric", "breadthfirst")
NODE_TYPES = ("paper", "section", "claim", "concept", "reference")
# Unfocused, the argument tree of both papers and where they meet; focused, every link.
OVERVIEW_LAYERS = ("structure", "argument", "cross-paper")
FOCUS_LAYERS = LAYERS
DEFAULT_DEPTH = 2
MIN_DEPTH, MAX_DEPTH = 1, 4
# The tree of the papers unfocused; rings of distance from the focus when focused.
OVERVIEW_LAYOUT, FOCUS_LAYOUT = "dagre", "concentric"
# Above this many nodes a view is cut down (overview levels, or a smaller depth around a
# focus): a browser lays out ~150 labelled nodes comfortably, ~300 already make a hairball.
MAX_NODES = 150
MAX_PATH = 40


class InvalidParameter(ValueError):
    """A query parameter that names nothing valid (answered with 422, like other bad parameters)."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class GraphQuery:
    focus: str | None = None
    depth: int = DEFAULT_DEPTH
    layers: tuple[str, ...] | None = None  # None: the default for a focused or unfocused view
    paper: str | None = None
    layout: str | None = None  # None: the default for a focused or unfocused view
    path: tuple[str, ...] = field(default_factory=tuple)

    @property
    def default_layers(self) -> tuple[str, ...]:
        return FOCUS_LAYERS if self.focus else OVERVIEW_LAYERS

    @property
    def chosen_layers(self) -> tuple[str, ...]:
        return self.default_layers if self.layers is None else self.layers

    @property
    def default_layout(self) -> str:
        return FOCUS_LAYOUT if self.focus else OVERVIEW_LAYOUT

    @property
    def chosen_layout(self) -> str:
        return self.layout or self.default_layout


def parse_list(values: Iterable[str] | None, *, unique: bool = True) -> tuple[str, ...] | None:
    """`a,b` and repeated parameters (`x=a&x=b`, what an HTML form sends) both give (a, b);
    a parameter given but empty is an empty choice, an absent one is None (the default).
    A path keeps repeats: its order is its meaning."""
    if values is None:
        return None
    items: list[str] = []
    for value in values:
        items += [part.strip() for part in value.split(",") if part.strip()]
    return tuple(dict.fromkeys(items)) if unique else tuple(items)


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
    layer: str
    relation: str
    papers: list[str] | None = None  # causal: whose claims assert it
    note: str | None = None  # cross-paper: why
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


# Shapes tell the papers apart as well as colours (read by graph.js and the legend).
PAPER_SHAPES = ("diamond", "ellipse", "hexagon", "triangle", "star")
# The first papers' colours (argmap.css --lu, --qi, then three more); after them, hues a golden
# angle apart at one lightness, so any number of papers gets distinct, dark enough colours.
PAPER_COLOURS = ("#b3541e", "#1d6b48", "#5a4fcf", "#8a6d00", "#a23b72")


def paper_colour(index: int) -> str:
    if index < len(PAPER_COLOURS):
        return PAPER_COLOURS[index]
    hue = (index * 137.508) % 360
    return f"hsl({hue:.0f}, 60%, 35%)"


def graph_page(session: Session, query: GraphQuery) -> GraphPage:
    graph = map_graph(session)
    paper_ids, (graph_nodes, graph_edges) = _facts(graph)
    _check(graph, paper_ids, query)
    layered = _layered_once(graph, query.chosen_layers, query.paper, paper_ids)
    depth_shown: int | None = None
    overview = trimmed = False
    distances: dict[str, int] = {}
    if query.focus:
        distances, depth_shown, trimmed = _neighbourhood(layered, query.focus, query.depth)
        chosen = set(distances)
    else:
        chosen = {n for u, v in layered.edges() for n in (u, v)}
        if len(chosen) > MAX_NODES:
            chosen, trimmed = _overview(graph, chosen)
            overview = True
    chosen |= set(query.path)
    edges = _edges(graph, layered, chosen, query.path)
    nodes = [_node(graph, n, query, distances) for n in sorted(chosen, key=lambda n: _order(graph, n))]
    echo = GraphViewEcho(
        focus=query.focus,
        depth=query.depth,
        depth_shown=depth_shown,
        layers=list(query.chosen_layers),
        paper=query.paper,
        layout=query.chosen_layout,
        path=list(query.path),
        overview=overview,
        trimmed=trimmed,
        max_nodes=MAX_NODES,
        counts=GraphCounts(nodes=len(nodes), edges=len(edges), graph_nodes=graph_nodes, graph_edges=graph_edges),
        url=view_url("/graph", query),
        api_url=view_url("/api/graph", query),
    )
    return GraphPage(
        nodes=nodes,
        edges=edges,
        view=echo,
        papers=[
            PaperKey(
                id=p,
                title_zh=graph.nodes[p]["title_zh"],
                title_en=graph.nodes[p]["title_en"],
                shape=PAPER_SHAPES[i % len(PAPER_SHAPES)],
                colour=paper_colour(i),
            )
            for i, p in enumerate(paper_ids)
        ],
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
        raise InvalidParameter("paper", f"no paper {query.paper!r}; choose one of {', '.join(paper_ids)}")
    unknown = [layer for layer in query.chosen_layers if layer not in LAYERS]
    if unknown:
        raise InvalidParameter("layers", f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    if len(query.path) > MAX_PATH:
        raise InvalidParameter("path", f"a path has at most {MAX_PATH} nodes")


def _paper_of(graph: nx.MultiDiGraph, node: str) -> str | None:
    data = graph.nodes[node]
    return node if data["type"] == "paper" else data.get("paper")


# Derived once per graph (built once per dataset version), not per request: on a large map
# copying the graph into its layers, or listing every node, costs more than the rest of a view.
_derived: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[object, object]] = weakref.WeakKeyDictionary()
LAYERED_KEPT = 8  # layer and paper choices kept per graph (least recently used dropped)
# ... and no more links in all than this: each choice is a copy of (part of) the map, which on a
# large map weighs tens of MB, so there fewer choices are kept (a dropped one is rebuilt when asked).
LAYERED_LINKS_KEPT = 200_000


def _facts(graph: nx.MultiDiGraph) -> tuple[list[str], tuple[int, int]]:
    """The papers, and the numbers of nodes and links (counting a multigraph's links walks them all)."""
    derived = _derived.setdefault(graph, {})
    if "facts" not in derived:
        papers = [n for n, d in graph.nodes(data=True) if d["type"] == "paper"]
        derived["facts"] = (papers, (graph.number_of_nodes(), graph.number_of_edges()))
    return derived["facts"]  # type: ignore[return-value]


# "Find a node" takes the first label that matches: a concept before a paper, a section or a
# claim using the same words (graph.js tries exact labels first).
SEARCH_RANK = {"concept": 0, "paper": 1, "section": 2, "claim": 3, "reference": 4}


def search_options(session: Session) -> OptionList:
    """Every node of the map with its short English label, concepts first, then in the map's order: the search
    box's list, built once per graph and served on its own (a view does not carry it)."""
    graph = map_graph(session)
    return option_list(
        graph,
        "graph-search",
        lambda: [
            NodeOption(id=n, label=node_labels(graph.nodes[n])[0])
            for n in sorted(graph.nodes, key=lambda n: (SEARCH_RANK[graph.nodes[n]["type"]], _order(graph, n)))
        ],
    )


def _layered_once(
    graph: nx.MultiDiGraph, layers: tuple[str, ...], paper: str | None, paper_ids: list[str]
) -> nx.MultiDiGraph:
    derived = _derived.setdefault(graph, {})
    kept: OrderedDict[object, tuple[nx.MultiDiGraph, int]] = derived.setdefault("layered", OrderedDict())  # type: ignore[assignment]
    key = (tuple(layers), paper)
    if key in kept:
        kept.move_to_end(key)
    else:
        layered = _layered(graph, layers, paper, paper_ids)
        kept[key] = (layered, layered.number_of_edges())
        while len(kept) > 1 and (
            len(kept) > LAYERED_KEPT or sum(links for _, links in kept.values()) > LAYERED_LINKS_KEPT
        ):
            kept.popitem(last=False)
    return kept[key][0]


def _layered(
    graph: nx.MultiDiGraph, layers: tuple[str, ...], paper: str | None, paper_ids: list[str]
) -> nx.MultiDiGraph:
    """The map restricted to the chosen layers and, with `paper`, to that paper's side
    (its own nodes, the shared concepts, and the causal links its claims assert)."""
    others = set(paper_ids) - {paper} if paper else set()
    keep = [n for n in graph.nodes if _paper_of(graph, n) not in others]
    layered = nx.MultiDiGraph()
    layered.add_nodes_from(keep)
    kept = set(keep)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data["layer"] not in layers or u not in kept or v not in kept:
            continue
        if paper and data["layer"] == "causal" and paper not in data["papers"]:
            continue
        layered.add_edge(u, v, key=key, **data)
    return layered


def _neighbourhood(layered: nx.MultiDiGraph, focus: str, depth: int) -> tuple[dict[str, int], int, bool]:
    """Nodes within `depth` steps of the focus, links followed both ways; the depth shrinks
    until the neighbourhood fits MAX_NODES (at depth 1 the nearest nodes are cut by order)."""
    if focus not in layered:
        return {focus: 0}, depth, False  # the paper filter hides the focus's side: just the focus
    distances = _distances(layered, focus, depth)
    shown = depth
    while len(distances) > MAX_NODES and shown > 1:
        shown -= 1
        distances = {n: d for n, d in distances.items() if d <= shown}
    if len(distances) <= MAX_NODES:
        return distances, shown, shown < depth
    nearest = sorted((n for n in distances if n != focus), key=lambda n: (_type_rank(layered, n), n))
    return {focus: 0, **{n: 1 for n in nearest[: MAX_NODES - 1]}}, 1, True


def _distances(layered: nx.MultiDiGraph, focus: str, depth: int) -> dict[str, int]:
    """Breadth-first steps from the focus, links followed both ways. (The same as a shortest
    path search on `to_undirected(as_view=True)`, whose view alone costs more on a large map.)"""
    distances = {focus: 0}
    frontier = [focus]
    for step in range(1, depth + 1):
        reached = []
        for node in frontier:
            for neighbours in (layered.succ[node], layered.pred[node]):
                for other in neighbours:
                    if other not in distances:
                        distances[other] = step
                        reached.append(other)
        frontier = reached
    return distances


# The overview keeps the main line, coarser at each level, until it fits MAX_NODES.
def _overview_levels(graph: nx.MultiDiGraph) -> list[Callable[[str], bool]]:
    def node_type(n: str) -> str:
        return graph.nodes[n]["type"]

    def main_line(n: str) -> bool:
        return node_type(n) in ("paper", "section", "concept") or (
            node_type(n) == "claim" and graph.nodes[n]["weight"] == "main"
        )

    def theses(n: str) -> bool:
        return node_type(n) in ("paper", "section", "concept") or (
            node_type(n) == "claim" and graph.nodes[n]["kind"] == "thesis"
        )

    def skeleton(n: str) -> bool:
        return theses(n) and node_type(n) != "concept"

    return [main_line, theses, skeleton]


def _overview(graph: nx.MultiDiGraph, nodes: set[str]) -> tuple[set[str], bool]:
    chosen = nodes
    for level in _overview_levels(graph):
        chosen = {n for n in nodes if level(n)}
        if len(chosen) <= MAX_NODES:
            return chosen, False
    return set(sorted(chosen, key=lambda n: _order(graph, n))[:MAX_NODES]), True


def _edge_id(u: str, v: str, key: object, data: dict) -> str:
    if data["layer"] == "causal":
        return str(key)  # the causal link's own id
    return f"{data['layer']}:{u}:{data['relation']}:{v}" + (f":{key}" if key else "")


def _edges(
    graph: nx.MultiDiGraph, layered: nx.MultiDiGraph, chosen: set[str], path: tuple[str, ...]
) -> list[GraphEdge]:
    steps = {frozenset(pair) for pair in zip(path, path[1:], strict=False)}
    found: dict[str, tuple[str, str, dict, bool]] = {}
    sources = [n for n in layered if n in chosen]  # in the graph's order, so the links keep theirs
    for u, v, key, data in layered.edges(sources, keys=True, data=True):
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
                source_label=node_labels(graph.nodes[u])[0],
                target_label=node_labels(graph.nodes[v])[0],
                layer=data["layer"],
                relation=data["relation"],
                papers=data.get("papers"),
                note=data.get("note"),
                locator=data.get("locator"),
                in_path=in_path,
            )
        )
        for edge_id, (u, v, data, in_path) in sorted(found.items())
    ]


def _type_rank(graph: nx.MultiDiGraph, node: str) -> int:
    return NODE_TYPES.index(graph.nodes[node]["type"])


def _order(graph: nx.MultiDiGraph, node: str) -> tuple:
    data = graph.nodes[node]
    return (_type_rank(graph, node), _paper_of(graph, node) or "", data.get("position") or 0, node)


def _texts(data: dict) -> tuple[str | None, str | None]:
    kind = data["type"]
    if kind in ("paper", "section"):
        return data["title_en"], data["title_zh"]
    if kind == "claim":
        return data["text_en"], data["quote_zh"]
    if kind == "concept":
        return data["label_en"], data["label_zh"]
    return None, data["text"]


def _url(graph: nx.MultiDiGraph, node: str) -> str:
    kind = graph.nodes[node]["type"]
    if kind == "paper":
        return f"/papers/{node}"
    if kind == "section":
        return f"/papers/{graph.nodes[node]['paper']}#{node}"
    if kind == "claim":
        return f"/claims/{node}"
    if kind == "concept":
        return f"/concepts/{node}"
    return f"/references#{node}"


def _node(graph: nx.MultiDiGraph, node: str, query: GraphQuery, distances: dict[str, int]) -> GraphNode:
    data = graph.nodes[node]
    label, label_zh = node_labels(data)
    text_en, text_zh = _texts(data)
    return GraphNode(
        data=GraphNodeData(
            id=node,
            type=data["type"],
            paper=_paper_of(graph, node),
            label=label,
            label_zh=label_zh,
            text_en=text_en,
            text_zh=text_zh,
            definition_en=data.get("definition_en"),
            definition_zh=data.get("definition_zh"),
            kind=data.get("kind"),
            weight=data.get("weight"),
            url=_url(graph, node),
            focus=node == query.focus,
            distance=distances.get(node),
            path_index=query.path.index(node) if node in query.path else None,
        )
    )
