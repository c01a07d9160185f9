"""/chains: causal paths from one concept to another, each step with its evidence and who
holds it; with no question asked, pickers and each paper's key chains.

The pickers' list (every concept on a causal link) is not part of an answer: it is its own
resource, /api/chains/concepts (see option_lists), so a query costs the same on any map."""

from __future__ import annotations

from urllib.parse import urlencode

from pydantic import BaseModel

from app.pages.common import ClaimRef, ConceptRef
from app.pages.option_lists import OptionList
from app.pages.paging import KEY_CHAIN_PAPERS_PER_PAGE, ListPaging, page_of
from app.read import chains
from app.read.graph import graph_of
from app.read.snapshot import Derived, Snapshot
from app.web.errors import BadParameter, NotFound


class LinkPublic(BaseModel):
    relation: str
    papers: list[str]
    basis: str | None  # "stated" (the authors' words state it) or "inferred" (argmap's reading)
    stated_in: list[str]  # the evidence claims whose words state it
    evidence: list[ClaimRef]


class StepPublic(BaseModel):
    source: ConceptRef
    target: ConceptRef
    links: list[LinkPublic]


class ChainPublic(BaseModel):
    concepts: list[ConceptRef]
    steps: list[StepPublic]
    held_by: str  # a paper id, "both", or "combined"
    graph_url: str  # the chain highlighted in the graph explorer


class Nearest(BaseModel):
    reachable_from_source: list[tuple[ConceptRef, int]]
    reaching_target: list[tuple[ConceptRef, int]]
    undirected_path: list[ConceptRef]


class KeyChains(BaseModel):
    paper: str
    chains: list[ChainPublic]


CONCEPTS_URL = "/api/chains/concepts"


class ChainsPage(BaseModel):
    concepts_url: str = CONCEPTS_URL  # every concept on a causal link, for the pickers
    papers: list[str]
    source: ConceptRef | None
    target: ConceptRef | None
    max_length: int
    held: str
    basis: str  # "any", or "stated": only links the authors' words state
    chains: list[ChainPublic]
    capped: bool  # more than chains.MAX_PATHS paths: only the first are listed
    nearest: Nearest | None  # set when both ends are chosen and no chain joins them
    key_chains: list[KeyChains]  # shown when no question is asked: this page's papers'
    paging: ListPaging | None  # the pages of key chains, KEY_CHAIN_PAPERS_PER_PAGE papers a page (None with a question)


def _concept(snapshot: Snapshot, concept_id: str) -> ConceptRef:
    return ConceptRef.of(snapshot.concept[concept_id])


def _public(chain: chains.Chain, snapshot: Snapshot, all_papers: frozenset[str]) -> ChainPublic:
    view = urlencode({"focus": chain.nodes[0], "layers": "causal", "path": ",".join(chain.nodes)})
    return ChainPublic(
        concepts=[_concept(snapshot, n) for n in chain.nodes],
        steps=[
            StepPublic(
                source=_concept(snapshot, s.source),
                target=_concept(snapshot, s.target),
                links=[
                    LinkPublic(
                        relation=link.relation,
                        papers=list(link.papers),
                        basis=link.basis,
                        stated_in=list(link.stated_in),
                        evidence=[ClaimRef.of(snapshot.claim[c]) for c in link.evidence],
                    )
                    for link in s.links
                ],
            )
            for s in chain.steps
        ],
        held_by=chain.held_by(all_papers),
        graph_url=f"/graph?{view}",
    )


def _causal_layer(snapshot: Snapshot) -> chains.CausalLayer:
    return chains.CausalLayer(chains.causal_subgraph(graph_of(snapshot)))


# The causal layer, and the links the authors' words state, each walked by every chain query.
CAUSAL = Derived(_causal_layer)
STATED = Derived(lambda snapshot: chains.CausalLayer(chains.stated_subgraph(CAUSAL.of(snapshot).links)))


def _picker_concepts(snapshot: Snapshot) -> OptionList:
    concepts = sorted((_concept(snapshot, n) for n in CAUSAL.of(snapshot).links), key=lambda c: c.label_en.lower())
    return OptionList(concepts)


PICKERS = Derived(_picker_concepts)


def picker_concepts(snapshot: Snapshot) -> OptionList:
    """Every concept on a causal link, by English label."""
    return PICKERS.of(snapshot)


# Each paper's key chains, by basis ("any" or "stated"), made the first time they are asked for
# and kept with the snapshot (at most two lists a paper): finding them walks every path of the
# paper's causal links, two thirds of the time of a page of key chains.
KEY_CHAINS: Derived[dict[tuple[str, str], list[ChainPublic]]] = Derived(lambda snapshot: {})


def key_chains_of(snapshot: Snapshot, basis: str, paper: str, all_papers: frozenset[str]) -> list[ChainPublic]:
    found = KEY_CHAINS.of(snapshot)
    if (basis, paper) not in found:  # two requests may both make them: the same list either way
        layer = (STATED if basis == "stated" else CAUSAL).of(snapshot)
        found[basis, paper] = [_public(c, snapshot, all_papers) for c in chains.key_chains(layer, paper)]
    return found[basis, paper]


def _invalid(name: str, value: str, choices: list[str]) -> BadParameter:
    return BadParameter(name, f"choose one of {', '.join(choices)}", value=value, choices=choices, kind="literal_error")


def _check(snapshot: Snapshot, papers: list[str], ends: tuple[str | None, str | None], held: str, basis: str) -> None:
    if held not in ("any", "both", *papers):
        raise _invalid("held", held, ["any", "both", *papers])
    for concept_id in ends:
        if concept_id and concept_id not in snapshot.concept:
            raise NotFound("concept", concept_id)
    if basis not in chains.BASES:
        raise _invalid("basis", basis, list(chains.BASES))


def _nearest(snapshot: Snapshot, layer: chains.CausalLayer, source_id: str, target_id: str) -> Nearest:
    near = chains.nearest_connections(layer, source_id, target_id)
    return Nearest(
        reachable_from_source=[(_concept(snapshot, n), d) for n, d in near.reachable_from_source],
        reaching_target=[(_concept(snapshot, n), d) for n, d in near.reaching_target],
        undirected_path=[_concept(snapshot, n) for n in near.undirected_path],
    )


def chains_page(
    snapshot: Snapshot,
    source_id: str | None,
    target_id: str | None,
    max_length: int = chains.DEFAULT_LENGTH,
    held: str = "any",
    basis: str = "any",
    page: int = 1,
) -> ChainsPage:
    papers = [paper.id for paper in snapshot.papers]
    all_papers = frozenset(papers)
    _check(snapshot, papers, (source_id, target_id), held, basis)
    layer = (STATED if basis == "stated" else CAUSAL).of(snapshot)
    found: list[chains.Chain] = []
    capped = False
    nearest = None
    key: list[KeyChains] = []
    # `page` is checked with a question too: a page past the last is a 404 whatever else is asked.
    key_papers, paging = page_of(
        papers,
        page,
        KEY_CHAIN_PAPERS_PER_PAGE,
        of="the key chains",
        params={"basis": None if basis == "any" else basis},
    )
    if source_id and target_id:
        found, capped = chains.find_chains(
            layer, source_id, target_id, max_length=max_length, held=held, all_papers=all_papers
        )
        if not found and source_id != target_id:
            nearest = _nearest(snapshot, layer, source_id, target_id)
    elif not source_id and not target_id:
        key = [KeyChains(paper=paper, chains=key_chains_of(snapshot, basis, paper, all_papers)) for paper in key_papers]
    return ChainsPage(
        papers=papers,
        source=_concept(snapshot, source_id) if source_id else None,
        target=_concept(snapshot, target_id) if target_id else None,
        max_length=max_length,
        held=held,
        basis=basis,
        chains=[_public(c, snapshot, all_papers) for c in found],
        capped=capped,
        nearest=nearest,
        key_chains=key,
        paging=None if source_id or target_id else paging,
    )
