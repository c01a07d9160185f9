"""Causal chains: paths through the causal layer (concept → concept), on a networkx graph.

Pure functions over a MultiDiGraph whose edges carry `relation`, `evidence` (claim ids) and
`papers` (who holds the link), the shape app/read/graph.py gives causal edges; no database here,
so the path logic is tested on small hand-made graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

MAX_LENGTH = 6
DEFAULT_LENGTH = 4
MAX_PATHS = 50
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
    each once per snapshot, app/pages/chains.py): parallel links as one step, and the
    steps with direction ignored (a view of it costs more per walk on a large map than
    building it)."""

    def __init__(self, links: nx.MultiDiGraph):
        self.links = links
        self.simple = nx.DiGraph(links)
        self.undirected = nx.Graph()
        self.undirected.add_nodes_from(self.simple)  # ends and steps only: the walk needs no attributes
        self.undirected.add_edges_from(self.simple.edges())


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
    undirected_path: list[str]  # a path ignoring the direction of the links, if any


def nearest_connections(
    causal: nx.MultiDiGraph | CausalLayer, source: str, target: str, *, limit: int = 8
) -> NearestConnections:
    """What to show when there is no causal path: where each end does lead, and whether the two
    are connected at all when direction is ignored."""

    def nearest(lengths: dict[str, int], skip: str) -> list[tuple[str, int]]:
        return sorted(((n, d) for n, d in lengths.items() if n != skip), key=lambda item: (item[1], item[0]))[:limit]

    layer = _layer(causal)
    simple = layer.simple  # the same distances; a plain graph walks faster than views of a multigraph
    forward = nx.single_source_shortest_path_length(simple, source) if source in simple else {}
    backward = nx.single_source_shortest_path_length(simple.reverse(copy=False), target) if target in simple else {}
    try:
        undirected = nx.shortest_path(layer.undirected, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        undirected = []
    return NearestConnections(nearest(forward, source), nearest(backward, target), list(undirected))


def key_chains(causal: nx.MultiDiGraph, paper: str, *, count: int = 5, max_length: int = DEFAULT_LENGTH) -> list[Chain]:
    """A paper's most important chains: among the paths its own causal links make from where its
    reasoning starts (concepts with no cause in the paper) to where it ends (no effect), the
    longest, then the best evidenced."""
    own = nx.MultiDiGraph()
    own.add_edges_from((u, v, k, d) for u, v, k, d in causal.edges(keys=True, data=True) if paper in d["papers"])
    simple = nx.DiGraph(own)
    # Starts and ends by strongly connected component, so a feedback loop (a → b → a) where
    # the reasoning begins still counts as a start.
    components = nx.condensation(simple)
    members = nx.get_node_attributes(components, "members")
    starts = sorted(n for c in components if components.in_degree(c) == 0 for n in members[c])
    ends = sorted(n for c in components if components.out_degree(c) == 0 for n in members[c])
    chains = [
        chain_of(own, path)
        for s in starts
        for e in ends
        if s != e
        for path in islice(_simple_paths(simple, s, e, max_length), MAX_PATHS)
    ]

    def weight(chain: Chain) -> tuple[int, int, tuple[str, ...]]:
        evidence = sum(len(link.evidence) for step in chain.steps for link in step.links)
        return (-len(chain.steps), -evidence, chain.nodes)

    return sorted(chains, key=weight)[:count]
