"""Guided tours: /tours (every tour), /tours/{tour} (its steps with their notes) and
/tours/{tour}/{n} (one step: the note beside what it points at, with previous and next).

A step points at a claim, a concept, a causal chain or a graph view; its address
(`target_url`) is the page that shows that target on its own, so a tour is also a list of
permanent links an instructor can hand out.
"""

from __future__ import annotations

from urllib.parse import urlencode

from pydantic import BaseModel

from app.pages.chains import ChainPublic, chains_page
from app.pages.common import ClaimRef, ConceptRef
from app.pages.graph_view import graph_page, view_url
from app.read import chains
from app.read.graph_views import DEFAULT_DEPTH, GraphQuery
from app.read.rows import TourRow, TourStepRow
from app.read.snapshot import Snapshot
from app.web.errors import NotFound


class TourRef(BaseModel):
    id: str
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str | None
    papers: list[str]
    steps: int
    url: str


class StepRef(BaseModel):
    n: int  # 1-based, as in the address
    kind: str  # claim | concept | chain | graph
    title_en: str
    title_zh: str | None
    note_en: str  # the project's teaching note, not a quotation
    note_zh: str | None
    url: str  # this step inside the tour
    target_url: str  # the claim, concept, chain or graph view on its own page
    target_label_en: str
    target_label_zh: str


class ToursPage(BaseModel):
    tours: list[TourRef]


class TourPage(BaseModel):
    tour: TourRef
    steps: list[StepRef]


class ClaimShown(BaseModel):
    claim: ClaimRef
    official_en: str | None  # the paper's own English, where it has one


class ConceptShown(BaseModel):
    concept: ConceptRef
    definition_en: str  # argmap's definition, as definition_zh
    definition_zh: str | None
    compare_url: str


class GraphNodeShown(BaseModel):
    id: str
    type: str
    label: str
    label_zh: str
    url: str


class GraphShown(BaseModel):
    url: str
    focus: str
    depth: int
    layers: list[str]
    nodes: list[GraphNodeShown]  # the view's nodes, listed for readers without JavaScript
    edges: int


class TourStepPage(BaseModel):
    tour: TourRef
    step: StepRef
    total: int
    previous: StepRef | None
    next: StepRef | None
    papers: list[str]  # every paper of the map (chains name who holds them)
    claim: ClaimShown | None = None
    concept: ConceptShown | None = None
    chains: list[ChainPublic] | None = None
    graph: GraphShown | None = None


class StepNotFound(NotFound):
    def __init__(self, tour_id: str, n: int, total: int):
        super().__init__(
            "step",
            str(n),
            message=f"Tour {tour_id!r} has {total} steps; there is no step {n}.",
            choices=[str(step) for step in range(1, total + 1)],
        )


def _tour_ref(tour: TourRow, steps: int) -> TourRef:
    return TourRef(
        id=tour.id,
        title_en=tour.title_en,
        title_zh=tour.title_zh,
        summary_en=tour.summary_en,
        summary_zh=tour.summary_zh,
        papers=list(tour.papers),
        steps=steps,
        url=f"/tours/{tour.id}",
    )


def tour_summaries(snapshot: Snapshot) -> list[TourRef]:
    """Every tour with its step count (also shown on the home page)."""
    return [_tour_ref(tour, len(snapshot.steps_of.get(tour.id, ()))) for tour in snapshot.tours]


def tours_page(snapshot: Snapshot) -> ToursPage:
    return ToursPage(tours=tour_summaries(snapshot))


def _labels(snapshot: Snapshot, node: str) -> tuple[str, str]:
    """(English, Chinese) label of what a step points at: a claim, a concept, a reference,
    a section or a paper."""
    if claim := snapshot.claim.get(node):
        return claim.text_en, claim.quote_zh
    if concept := snapshot.concept.get(node):
        return concept.label_en, concept.label_zh
    if reference := snapshot.reference.get(node):
        return reference.label, reference.label
    if section := snapshot.section.get(node):
        return section.title_en, section.title_zh
    if paper := snapshot.paper.get(node):
        return paper.title_en or paper.title_zh, paper.title_zh
    return node, node


def _chain_url(step: TourStepRow) -> str:
    params = [("from", step.chain_from), ("to", step.chain_to)]
    if step.chain_length:
        params.append(("length", str(step.chain_length)))
    if step.chain_held:
        params.append(("held", step.chain_held))
    params.append(("basis", "stated"))  # a tour teaches only the chains the authors state
    return "/chains?" + urlencode(params)


def _graph_query(step: TourStepRow) -> GraphQuery:
    return GraphQuery(
        focus=step.focus,
        depth=step.depth or DEFAULT_DEPTH,
        layers=tuple(step.layers) if step.layers is not None else None,
    )


def _step_ref(snapshot: Snapshot, step: TourStepRow) -> StepRef:
    if step.kind == "claim":
        assert step.claim_id is not None
        target_url = f"/claims/{step.claim_id}"
        label_en, label_zh = _labels(snapshot, step.claim_id)
    elif step.kind == "concept":
        assert step.concept_id is not None
        target_url = f"/concepts/{step.concept_id}"
        label_en, label_zh = _labels(snapshot, step.concept_id)
    elif step.kind == "chain":
        assert step.chain_from is not None and step.chain_to is not None
        target_url = _chain_url(step)
        (from_en, from_zh), (to_en, to_zh) = _labels(snapshot, step.chain_from), _labels(snapshot, step.chain_to)
        label_en, label_zh = f"{from_en} → {to_en}", f"{from_zh} → {to_zh}"
    else:
        assert step.focus is not None
        target_url = view_url("/graph", _graph_query(step))
        label_en, label_zh = _labels(snapshot, step.focus)
    return StepRef(
        n=step.position,
        kind=step.kind,
        title_en=step.title_en,
        title_zh=step.title_zh,
        note_en=step.note_en,
        note_zh=step.note_zh,
        url=f"/tours/{step.tour_id}/{step.position}",
        target_url=target_url,
        target_label_en=label_en,
        target_label_zh=label_zh,
    )


def _tour(snapshot: Snapshot, tour_id: str) -> tuple[TourRow, tuple[TourStepRow, ...]]:
    tour = snapshot.tour.get(tour_id)
    if tour is None:
        raise NotFound("tour", tour_id)
    return tour, snapshot.steps_of.get(tour_id, ())


def tour_page(snapshot: Snapshot, tour_id: str) -> TourPage:
    tour, steps = _tour(snapshot, tour_id)
    return TourPage(tour=_tour_ref(tour, len(steps)), steps=[_step_ref(snapshot, s) for s in steps])


def _step_chains(snapshot: Snapshot, step: TourStepRow) -> list[ChainPublic]:
    assert step.chain_from is not None and step.chain_to is not None
    page = chains_page(
        snapshot,
        step.chain_from,
        step.chain_to,
        step.chain_length or chains.DEFAULT_LENGTH,
        step.chain_held or "any",
        basis="stated",
    )
    return page.chains


def _step_graph(snapshot: Snapshot, step: TourStepRow) -> GraphShown:
    assert step.focus is not None
    view = graph_page(snapshot, _graph_query(step))
    return GraphShown(
        url=view.view.url,
        focus=step.focus,
        depth=view.view.depth,
        layers=view.view.layers,
        nodes=[
            GraphNodeShown(
                id=node.data.id,
                type=node.data.type,
                label=node.data.label,
                label_zh=node.data.label_zh,
                url=node.data.url,
            )
            for node in view.nodes
        ],
        edges=view.view.counts.edges,
    )


def _show_target(snapshot: Snapshot, step: TourStepRow, page: TourStepPage) -> None:
    """What the step points at, shown beside its note."""
    if step.kind == "claim" and step.claim_id:
        claim = snapshot.claim[step.claim_id]
        page.claim = ClaimShown(claim=ClaimRef.of(claim), official_en=claim.official_en)
    elif step.kind == "concept" and step.concept_id:
        concept = snapshot.concept[step.concept_id]
        page.concept = ConceptShown(
            concept=ConceptRef.of(concept),
            definition_en=concept.definition_en,
            definition_zh=concept.definition_zh,
            compare_url=f"/compare/{concept.id}",
        )
    elif step.kind == "chain" and step.chain_from and step.chain_to:
        page.chains = _step_chains(snapshot, step)
    elif step.kind == "graph" and step.focus:
        page.graph = _step_graph(snapshot, step)


def tour_step_page(snapshot: Snapshot, tour_id: str, n: int) -> TourStepPage:
    tour, steps = _tour(snapshot, tour_id)
    if not 1 <= n <= len(steps):
        raise StepNotFound(tour_id, n, len(steps))
    step = steps[n - 1]
    page = TourStepPage(
        tour=_tour_ref(tour, len(steps)),
        step=_step_ref(snapshot, step),
        total=len(steps),
        previous=_step_ref(snapshot, steps[n - 2]) if n > 1 else None,
        next=_step_ref(snapshot, steps[n]) if n < len(steps) else None,
        papers=[p.id for p in snapshot.papers],
    )
    _show_target(snapshot, step, page)
    return page
