"""Views of the map's graph for the graph explorer (no web imports here): which nodes a view
shows, chosen from the graph the snapshot holds (app/read/graph.py) without copying any of it.

A view is fully described by its query (focus, depth, layers, paper, layout, path), so the
same address always shows the same nodes. The layers and paper a view keeps are a filter
read while walking the one graph; the whole graph is never shown unfocused when it is larger
than MAX_NODES: an overview of its main line is shown instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx

from app.dataset.schema import LAYERS
from app.read.graph import graph_of
from app.read.snapshot import Derived, Snapshot

LAYOUTS = ("dagre", "cose", "concentric", "breadthfirst")
NODE_TYPES = ("paper", "section", "claim", "concept", "reference")
# Unfocused, the argument tree of both papers and where they meet; focused, every link.
OVERVIEW_LAYERS = ("structure", "argument", "cross-paper")
FOCUS_LAYERS = LAYERS
# Steps around a focus: the explorer's choices, and what a tour step may ask for.
DEFAULT_DEPTH = 2
MIN_DEPTH, MAX_DEPTH = 1, 4
# The tree of the papers unfocused; rings of distance from the focus when focused.
OVERVIEW_LAYOUT, FOCUS_LAYOUT = "dagre", "concentric"
# Above this many nodes a view is cut down (overview levels, or a smaller depth around a
# focus): a browser lays out ~150 labelled nodes comfortably, ~300 already make a hairball.
MAX_NODES = 150
# A map whose coarsest overview is still larger (a map of many papers) shows the outlines of its
# first papers, about as many nodes as the real map's whole overview (34): a page of outlines to
# start from, as long as the real map's, where the paper filter and the focus lead further.
FIRST_OUTLINES_NODES = 40
MAX_PATH = 40
# Shapes tell the papers apart as well as colours (read by graph.js and the legend).
PAPER_SHAPES = ("diamond", "ellipse", "hexagon", "triangle", "star")
# The first papers' colours (argmap.css --lu, --qi, then three more); after them, hues a golden
# angle apart at one lightness, so any number of papers gets distinct, dark enough colours.
PAPER_COLOURS = ("#b3541e", "#1d6b48", "#5a4fcf", "#8a6d00", "#a23b72")
# "Find a node" takes the first label that matches: a concept before a paper, a section or a
# claim using the same words (graph.js tries exact labels first).
SEARCH_RANK = {"concept": 0, "paper": 1, "section": 2, "claim": 3, "reference": 4}


def paper_colour(index: int) -> str:
    if index < len(PAPER_COLOURS):
        return PAPER_COLOURS[index]
    hue = (index * 137.508) % 360
    return f"hsl({hue:.0f}, 60%, 35%)"


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


@dataclass(frozen=True)
class GraphFacts:
    papers: list[str]  # in order
    nodes: int
    edges: int  # counting a multigraph's links walks them all: counted once per snapshot


def _facts(snapshot: Snapshot) -> GraphFacts:
    graph = graph_of(snapshot)
    return GraphFacts([paper.id for paper in snapshot.papers], graph.number_of_nodes(), graph.number_of_edges())


FACTS = Derived(_facts)


def paper_of(graph: nx.MultiDiGraph, node: str) -> str | None:
    data = graph.nodes[node]
    return node if data["type"] == "paper" else data.get("paper")


def type_rank(graph: nx.MultiDiGraph, node: str) -> int:
    return NODE_TYPES.index(graph.nodes[node]["type"])


def node_order(graph: nx.MultiDiGraph, node: str) -> tuple:
    data = graph.nodes[node]
    return (type_rank(graph, node), paper_of(graph, node) or "", data.get("position") or 0, node)


@dataclass(frozen=True)
class LayerChoice:
    """The map restricted to the chosen layers and, with `paper`, to that paper's side (its
    own nodes, the shared concepts, and the causal links its claims assert): read as a filter
    on the whole graph, never copied."""

    graph: nx.MultiDiGraph
    layers: frozenset[str]
    paper: str | None
    others: frozenset[str]  # the papers whose side is hidden

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, layers: Iterable[str], paper: str | None, papers: list[str]) -> LayerChoice:
        others = frozenset(papers) - {paper} if paper else frozenset()
        return cls(graph, frozenset(layers), paper, others)

    def keeps_node(self, node: str) -> bool:
        return not self.others or paper_of(self.graph, node) not in self.others

    def keeps_edge(self, u: str, v: str, data: dict[str, Any]) -> bool:
        if data["layer"] not in self.layers:
            return False
        if self.paper and data["layer"] == "causal" and self.paper not in data["papers"]:
            return False
        return self.keeps_node(u) and self.keeps_node(v)

    def edges(self, sources: Iterable[str] | None = None) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
        """The kept links (out of `sources`, kept nodes, if given), in the graph's order."""
        for u, v, key, data in self.graph.edges(sources, keys=True, data=True):
            if self.keeps_edge(u, v, data):
                yield u, v, key, data

    def linked(self, u: str, v: str) -> bool:
        return any(self.keeps_edge(u, v, data) for data in self.graph.succ[u][v].values())

    def neighbours(self, node: str) -> Iterator[str]:
        """Nodes one kept link away from `node` (a kept node), links followed both ways."""
        for other in self.graph.succ[node]:
            if self.linked(node, other):
                yield other
        for other in self.graph.pred[node]:
            if self.linked(other, node):
                yield other

    def linked_nodes(self, ends_by_layer: dict[str, frozenset[str]] | None = None) -> set[str]:
        """Every node at an end of a kept link. Without a paper, the union of the chosen layers'
        ends (`ends_by_layer`, when given: ENDS_BY_LAYER's, read once per snapshot)."""
        if ends_by_layer is not None and not self.paper:
            return set().union(*(ends_by_layer.get(layer, ()) for layer in self.layers))
        return {n for u, v, _, _ in self.edges() for n in (u, v)}


def _ends_by_layer(snapshot: Snapshot) -> dict[str, frozenset[str]]:
    """Each layer's nodes at an end of one of its links (an unfocused view's nodes, without
    walking every link of a large map on each request)."""
    ends: dict[str, set[str]] = {}
    for u, v, layer in graph_of(snapshot).edges(data="layer"):
        ends.setdefault(layer, set()).update((u, v))
    return {layer: frozenset(nodes) for layer, nodes in ends.items()}


ENDS_BY_LAYER = Derived(_ends_by_layer)


@dataclass(frozen=True)
class PaperSides:
    """Each paper's own nodes, and the ends of the causal links its claims assert (the only links
    between nodes of no paper: concept to concept), so that a view of one paper's side reads
    that side's links, not every link of the map."""

    own_nodes: dict[str, tuple[str, ...]]
    causal_ends: dict[str, tuple[tuple[str, str], ...]]


def _paper_sides(snapshot: Snapshot) -> PaperSides:
    graph = graph_of(snapshot)
    own: dict[str, list[str]] = {}
    for node in graph.nodes:
        paper = paper_of(graph, node)
        if paper:
            own.setdefault(paper, []).append(node)
    causal: dict[str, list[tuple[str, str]]] = {}
    for u, v, data in graph.edges(data=True):
        if data["layer"] == "causal":
            for paper in data["papers"]:
                causal.setdefault(paper, []).append((u, v))
    return PaperSides(
        {paper: tuple(nodes) for paper, nodes in own.items()}, {paper: tuple(ends) for paper, ends in causal.items()}
    )


PAPER_SIDES = Derived(_paper_sides)


def unfocused_nodes(snapshot: Snapshot, choice: LayerChoice) -> set[str]:
    """An unfocused view's nodes: every node at an end of a kept link (choice.linked_nodes),
    read from the indexes above instead of walking every link of the map."""
    if not choice.paper:
        return choice.linked_nodes(ENDS_BY_LAYER.of(snapshot))
    sides = PAPER_SIDES.of(snapshot)
    own = sides.own_nodes.get(choice.paper, ())
    # A kept link either leaves one of the paper's nodes (no link leads from a concept to a
    # paper's node) or joins two concepts, a causal link the paper's claims assert.
    found = {n for u, v, _, _ in choice.edges(own) for n in (u, v)}
    if "causal" in choice.layers:
        found.update(n for ends in sides.causal_ends.get(choice.paper, ()) for n in ends)
    return found


def neighbourhood(choice: LayerChoice, focus: str, depth: int) -> tuple[dict[str, int], int, bool]:
    """Nodes within `depth` steps of the focus, links followed both ways; the depth shrinks
    until the neighbourhood fits MAX_NODES (at depth 1 the nearest nodes are cut by order)."""
    if not choice.keeps_node(focus):
        return {focus: 0}, depth, False  # the paper filter hides the focus's side: just the focus
    distances = _distances(choice, focus, depth)
    shown = depth
    while len(distances) > MAX_NODES and shown > 1:
        shown -= 1
        distances = {n: d for n, d in distances.items() if d <= shown}
    if len(distances) <= MAX_NODES:
        return distances, shown, shown < depth
    nearest = sorted((n for n in distances if n != focus), key=lambda n: (type_rank(choice.graph, n), n))
    return {focus: 0, **{n: 1 for n in nearest[: MAX_NODES - 1]}}, 1, True


def _distances(choice: LayerChoice, focus: str, depth: int) -> dict[str, int]:
    """Breadth-first steps from the focus, links followed both ways."""
    distances = {focus: 0}
    frontier = [focus]
    for step in range(1, depth + 1):
        reached = []
        for node in frontier:
            for other in choice.neighbours(node):
                if other not in distances:
                    distances[other] = step
                    reached.append(other)
        frontier = reached
    return distances


@dataclass(frozen=True)
class OverviewLevels:
    """The overview keeps the main line, coarser at each level, until it fits MAX_NODES: the
    nodes each level keeps, and the coarsest level's paper by paper (to cut it by: a map of many
    papers shows the outlines of its first papers whole, not every paper's node and nothing else)."""

    levels: tuple[frozenset[str], ...]  # the main line; the theses; the theses without concepts
    coarsest_in_order: tuple[str, ...]


def _overview_levels(snapshot: Snapshot) -> OverviewLevels:
    graph = graph_of(snapshot)
    kind = {n: (d["type"], d.get("weight"), d.get("kind")) for n, d in graph.nodes(data=True)}
    frames = {n for n, (t, _, _) in kind.items() if t in ("paper", "section", "concept")}
    main_line = frames | {n for n, (t, weight, _) in kind.items() if t == "claim" and weight == "main"}
    theses = frames | {n for n, (t, _, k) in kind.items() if t == "claim" and k == "thesis"}
    skeleton = {n for n in theses if kind[n][0] != "concept"}
    paper_rank = {paper.id: rank for rank, paper in enumerate(snapshot.papers)}
    return OverviewLevels(
        (frozenset(main_line), frozenset(theses), frozenset(skeleton)),
        tuple(sorted(skeleton, key=lambda n: (paper_rank.get(paper_of(graph, n) or "", -1), node_order(graph, n)))),
    )


OVERVIEW_LEVELS = Derived(_overview_levels)


def overview(levels: OverviewLevels, nodes: set[str]) -> tuple[set[str], bool]:
    """The main line of `nodes`, coarser until it fits MAX_NODES; and whether it was cut further
    (to the first papers' outlines)."""
    chosen = nodes
    for level in levels.levels:
        chosen = nodes & level
        if len(chosen) <= MAX_NODES:
            return chosen, False
    return set(islice((n for n in levels.coarsest_in_order if n in chosen), FIRST_OUTLINES_NODES)), True
