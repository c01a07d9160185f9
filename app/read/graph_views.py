"""Views of the map's graph for the graph explorer (no web imports here): which nodes a view
shows, chosen from the graph the snapshot holds (app/read/graph.py) without copying any of it.

A view is fully described by its query (focus, depth, layers, paper, layout, path), so the
same address always shows the same nodes. The layers and paper a view keeps are a filter
read while walking the one graph; the whole graph is never shown unfocused when it is larger
than MAX_NODES: an overview of its main line is shown instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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

    def linked_nodes(self) -> set[str]:
        """Every node at an end of a kept link."""
        return {n for u, v, _, _ in self.edges() for n in (u, v)}


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


def overview(graph: nx.MultiDiGraph, nodes: set[str]) -> tuple[set[str], bool]:
    """The main line of `nodes`, coarser until it fits MAX_NODES; and whether it was cut further."""
    chosen = nodes
    for level in _overview_levels(graph):
        chosen = {n for n in nodes if level(n)}
        if len(chosen) <= MAX_NODES:
            return chosen, False
    return set(sorted(chosen, key=lambda n: node_order(graph, n))[:MAX_NODES]), True
