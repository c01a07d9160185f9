"""Causal chains: paths through the causal layer (concept → concept), on a networkx graph.

Pure functions over a MultiDiGraph whose edges carry `relation`, `evidence` (claim ids) and
`papers` (who holds the link), the shape app/read/graph.py gives causal edges; no database here,
so the path logic is tested on small hand-made graphs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, pairwise

import networkx as nx

MAX_LENGTH = 6
DEFAULT_LENGTH = 4
MAX_PATHS = 50
NEAREST = 8  # concepts listed on each side when no chain joins the two ends
# The longest path ignoring direction that the "no chain" answer looks for. Every two concepts
# the shipped map connects at all are at most 7 steps apart (9 when only the links the authors
# state are walked), so on it this finds every such path; on a larger map the walk stays within
# this distance of the two ends instead of crossing the whole map. (README's /chains row names it.)
UNDIRECTED_REACH = 12
BASES = ("any", "stated")  # walk every causal link, or only those the authors' words state


@dataclass(frozen=True)
class Link:
    relation: str
    evidence: tuple[str, ...]
    papers: tuple[str, ...]
    basis: str | None = None  # "stated" when a claim's own words state it, else "inferred"
    stated_in: tuple[str, ...] = ()  # the claims whose words state it


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    links: tuple[Link, ...]  # every causal link from source to target (there may be several relations)

    @property
    def papers(self) -> frozenset[str]:
        return frozenset(p for link in self.links for p in link.papers)


@dataclass(frozen=True)
class Chain:
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    def held_by(self, all_papers: frozenset[str]) -> str:
        """One paper id when that paper backs every step; 'both' when every paper backs every
        step; 'combined' when the chain needs steps from different papers."""
        common = frozenset.intersection(*(step.papers for step in self.steps))
        if common and common >= all_papers:
            return "both"
        if common:
            return sorted(common)[0]
        return "combined"

    def is_held(self, held: str, all_papers: frozenset[str]) -> bool:
        if held == "any":
            return True
        if held == "both":
            return all(step.papers >= all_papers for step in self.steps)
        return all(held in step.papers for step in self.steps)


def causal_subgraph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The causal layer of the whole map."""
    causal = nx.MultiDiGraph()
    causal.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d["layer"] == "causal")
    return causal


def stated_subgraph(causal: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The causal links the authors' own words state (basis `stated`), without argmap's inferences."""
    stated = nx.MultiDiGraph()
    stated.add_edges_from(
        (u, v, k, d) for u, v, k, d in causal.edges(keys=True, data=True) if d.get("basis") == "stated"
    )
    return stated


class CausalLayer:
    """A causal layer and the plain graphs its walks run on, built together (a page builds
    each once per snapshot, app/pages/chains.py): parallel links as one step, and each
    concept's neighbours with direction ignored, as plain tuples in the order an undirected
    networkx graph of the steps lists them (a walk reads them without building views)."""

    def __init__(self, links: nx.MultiDiGraph):
        self.links = links
        self.simple = nx.DiGraph(links)
        undirected = nx.Graph()
        undirected.add_nodes_from(self.simple)  # ends and steps only: the walk needs no attributes
        undirected.add_edges_from(self.simple.edges())
        self.undirected: dict[str, tuple[str, ...]] = {n: tuple(nbrs) for n, nbrs in undirected.adj.items()}

    def links_of(self, paper: str) -> list[tuple[str, str, int, dict]]:
        """The links a paper holds, in the layer's order (grouped once, on the first request)."""
        return self._by_paper.get(paper, [])

    @cached_property
    def _by_paper(self) -> dict[str, list[tuple[str, str, int, dict]]]:
        groups: dict[str, list[tuple[str, str, int, dict]]] = {}
        for u, v, k, d in self.links.edges(keys=True, data=True):
            for paper in dict.fromkeys(d["papers"]):
                groups.setdefault(paper, []).append((u, v, k, d))
        return groups


def _layer(causal: nx.MultiDiGraph | CausalLayer) -> CausalLayer:
    return causal if isinstance(causal, CausalLayer) else CausalLayer(causal)


def _step(causal: nx.MultiDiGraph, source: str, target: str) -> Step:
    links = sorted(
        (
            Link(
                d["relation"],
                tuple(d["evidence"]),
                tuple(d["papers"]),
                d.get("basis"),
                tuple(d.get("stated_in") or ()),
            )
            for d in causal.get_edge_data(source, target).values()
        ),
        key=lambda link: link.relation,
    )
    return Step(source, target, tuple(links))


def _simple_paths(simple: nx.DiGraph, source: str, target: str, max_length: int):
    """Each sequence of concepts once: parallel links (two relations between the same pair)
    are one step, so the walk runs on the simple graph."""
    return nx.all_simple_paths(simple, source, target, cutoff=max_length)


def chain_of(causal: nx.MultiDiGraph, nodes: list[str]) -> Chain:
    return Chain(tuple(nodes), tuple(_step(causal, a, b) for a, b in zip(nodes, nodes[1:], strict=False)))


def find_chains(
    causal: nx.MultiDiGraph | CausalLayer,
    source: str,
    target: str,
    *,
    max_length: int = DEFAULT_LENGTH,
    held: str = "any",
    all_papers: frozenset[str] = frozenset(),
    limit: int = MAX_PATHS,
) -> tuple[list[Chain], bool]:
    """Every simple causal path of at most `max_length` steps, shortest first; and whether
    the list was cut at `limit`."""
    layer = _layer(causal)
    if source not in layer.links or target not in layer.links or source == target:
        return [], False
    paths = _simple_paths(layer.simple, source, target, max_length)
    chains = (chain for chain in (chain_of(layer.links, p) for p in paths) if chain.is_held(held, all_papers))
    found = list(islice(chains, limit + 1))
    found.sort(key=lambda chain: (len(chain.nodes), chain.nodes))
    return found[:limit], len(found) > limit


@dataclass(frozen=True)
class NearestConnections:
    reachable_from_source: list[tuple[str, int]]  # (concept, steps), nearest first
    reaching_target: list[tuple[str, int]]
    undirected_path: list[str]  # a shortest path ignoring direction, if one of at most UNDIRECTED_REACH steps


def nearest_connections(
    causal: nx.MultiDiGraph | CausalLayer, source: str, target: str, *, limit: int = NEAREST
) -> NearestConnections:
    """What to show when there is no causal path: where each end does lead (the `limit`
    nearest, by steps then id), and a shortest path between the two when direction is
    ignored, if one of at most UNDIRECTED_REACH steps exists. Each walk stops as soon as it
    has its answer, so it costs what the two ends' neighbourhoods hold, not the whole map."""
    layer = _layer(causal)
    simple = layer.simple  # the same distances; a plain graph walks faster than views of a multigraph
    forward = _nearest(simple.succ, source, limit) if source in simple else []
    backward = _nearest(simple.pred, target, limit) if target in simple else []
    undirected = _undirected_path(layer.undirected, source, target, UNDIRECTED_REACH)
    return NearestConnections(forward, backward, undirected)


def _nearest(neighbours: Mapping[str, Iterable[str]], start: str, limit: int) -> list[tuple[str, int]]:
    """The `limit` concepts nearest `start` (not itself), by steps then id: a breadth-first
    walk that stops once the levels it has finished hold that many."""
    seen = {start}
    level = [start]
    found: list[tuple[str, int]] = []
    steps = 0
    while level and len(found) < limit:
        steps += 1
        following = []
        for v in level:
            for w in neighbours[v]:
                if w not in seen:
                    seen.add(w)
                    following.append(w)
        found.extend((w, steps) for w in sorted(following))
        level = following
    return found[:limit]


def _undirected_path(neighbours: Mapping[str, Sequence[str]], source: str, target: str, reach: int) -> list[str]:
    """A shortest path of at most `reach` steps from source to target, or [] if there is none:
    networkx's bidirectional breadth-first search (the same path nx.shortest_path gives),
    stopped after `reach` levels from the two ends in all."""
    if source not in neighbours or target not in neighbours:
        return []
    if source == target:
        return [source]
    pred: dict[str, str | None] = {source: None}  # the way back to source
    succ: dict[str, str | None] = {target: None}  # the way on to target
    forward, backward = [source], [target]
    for _ in range(reach):
        if not forward or not backward:
            break
        if len(forward) <= len(backward):
            forward, meet = _level(neighbours, forward, pred, succ)
        else:
            backward, meet = _level(neighbours, backward, succ, pred)
        if meet is not None:
            return _joined(pred, succ, meet)
    return []


def _level(
    neighbours: Mapping[str, Sequence[str]], fringe: list[str], mine: dict[str, str | None], theirs: dict
) -> tuple[list[str], str | None]:
    """One level of one side's walk: the next fringe, and where it meets the other side."""
    following: list[str] = []
    for v in fringe:
        for w in neighbours[v]:
            if w not in mine:
                following.append(w)
                mine[w] = v
            if w in theirs:
                return following, w
    return following, None


def _joined(pred: dict[str, str | None], succ: dict[str, str | None], meet: str) -> list[str]:
    path: list[str] = []
    node: str | None = meet
    while node is not None:
        path.append(node)
        node = pred[node]
    path.reverse()
    node = succ[meet]
    while node is not None:
        path.append(node)
        node = succ[node]
    return path


def key_chains(
    causal: nx.MultiDiGraph | CausalLayer, paper: str, *, count: int = 5, max_length: int = DEFAULT_LENGTH
) -> list[Chain]:
    """A paper's most important chains: among the paths its own causal links make from where its
    reasoning starts (concepts with no cause in the paper) to where it ends (no effect), the
    longest, then the best evidenced."""
    own = nx.MultiDiGraph()
    own.add_edges_from(_layer(causal).links_of(paper))
    simple = nx.DiGraph(own)
    # Starts and ends by strongly connected component, so a feedback loop (a → b → a) where
    # the reasoning begins still counts as a start.
    components = nx.condensation(simple)
    members = nx.get_node_attributes(components, "members")
    starts = sorted(n for c in components if components.in_degree(c) == 0 for n in members[c])
    ends = {n for c in components if components.out_degree(c) == 0 for n in members[c]}
    paths = [path for s in starts for path in _paths_to_each(simple, s, ends - {s}, max_length)]

    def weight(path: list[str]) -> tuple[int, int, tuple[str, ...]]:
        evidence = sum(len(d["evidence"]) for a, b in pairwise(path) for d in own.get_edge_data(a, b).values())
        return (-len(path), -evidence, tuple(path))

    return [chain_of(own, path) for path in sorted(paths, key=weight)[:count]]


def _paths_to_each(simple: nx.DiGraph, source: str, targets: set[str], max_length: int) -> list[list[str]]:
    """The simple paths from source to each target, the first MAX_PATHS to each: one walk for
    all targets lists each target's paths in the order a walk to that target alone would."""
    found: list[list[str]] = []
    per_target: Counter[str] = Counter()
    if targets:
        for path in nx.all_simple_paths(simple, source, targets, cutoff=max_length):
            if per_target[path[-1]] < MAX_PATHS:
                per_target[path[-1]] += 1
                found.append(path)
    return found
