"""The two-author map (/compare/map): each paper's argument as a tree in its own column
(thesis → main line → supporting claims) and the cross-paper links between them.

Any two papers (`left`, `right`; the first two by default). Only their claims, the argument
links among them, their mentions and the cross-paper links between them are looked at, so a
map of two papers costs the same on a large corpus as on the real one. The drawing (where each
row and connector goes) is app/pages/compare_map_layout.py's.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from pydantic import BaseModel

from app.dataset.schema import CROSS_PAPER_RELATIONS
from app.pages.common import ClaimRef, ConceptRef
from app.read.rows import ClaimRow, ConceptRow, PaperRow
from app.read.snapshot import Snapshot
from app.web.errors import BadParameter, NotFound

DEFAULT_DEPTH = 2  # levels open at first: the thesis and the main line under it
MIN_DEPTH, MAX_DEPTH = 1, 8


class MapPaper(BaseModel):
    id: str
    title_zh: str
    title_en: str | None
    url: str


class NodeLink(BaseModel):
    id: str  # the connector's anchor on the page ("link-3"), where its note is
    relation: str


class MapCausal(BaseModel):
    """A causal link the claim asserts, and whether its words state it or argmap infers it."""

    source: ConceptRef
    relation: str
    target: ConceptRef
    basis: str | None  # stated | inferred (every causal entry has one; the column allows none)


class MapNode(BaseModel):
    claim: ClaimRef
    relation: str | None  # how it serves its parent (supports, elaborates, ...)
    depth: int  # 0 for the thesis
    open: bool  # its supporting claims are shown at first
    mentions_concept: bool  # it mentions the concept chosen as a filter
    links: list[NodeLink]  # the shown cross-paper links at this claim
    causal: list[MapCausal]  # the causal links the claim asserts
    children: list[MapNode]


class MapColumn(BaseModel):
    side: str  # left | right
    paper: MapPaper
    claims: int
    roots: list[MapNode]  # the thesis first


class MapLink(BaseModel):
    id: str  # stable for the two papers whatever the filters: "link-<n>" in the links' order
    relation: str
    note: str
    note_zh: str | None  # the note in Chinese, where the data give it
    left: ClaimRef
    right: ClaimRef
    direction: str  # "left-to-right" when the link was written from the left paper's claim


class CompareMapPage(BaseModel):
    left: MapColumn
    right: MapColumn
    links: list[MapLink]  # those the filters keep
    relation: str | None
    concept: ConceptRef | None
    depth: int
    totals: dict[str, int]  # links between the two papers by relation, before filtering
    relations: list[str]
    concepts: list[ConceptRef]  # those the links' claims mention: the concept filter's choices
    papers: list[MapPaper]
    min_depth: int
    max_depth: int
    url: str  # this view's address, filters in a fixed order
    svg_url: str


def compare_map_page(
    snapshot: Snapshot,
    left: str | None = None,
    right: str | None = None,
    relation: str | None = None,
    concept: str | None = None,
    depth: int = DEFAULT_DEPTH,
) -> CompareMapPage:
    papers = [_paper(p) for p in snapshot.papers]
    by_id = {p.id: p for p in papers}
    left_id = left or papers[0].id
    right_id = right or next((p.id for p in papers if p.id != left_id), left_id)
    for paper_id in (left_id, right_id):
        if paper_id not in by_id:
            raise NotFound("paper", paper_id)
    if left_id == right_id:
        raise BadParameter("right", "choose two different papers")
    chosen = _concept(snapshot, concept) if concept else None
    claims = {
        side: list(snapshot.claims_of.get(paper_id, ())) for side, paper_id in (("left", left_id), ("right", right_id))
    }
    every = {claim.id: claim for side_claims in claims.values() for claim in side_claims}
    mentions = _mentions(snapshot, every)
    all_links = _links(snapshot, claims["left"], claims["right"])
    shown = [
        link
        for link in all_links
        if relation in (None, link.relation)
        and (chosen is None or chosen.id in mentions[link.left.id] | mentions[link.right.id])
    ]
    at_claim: dict[str, list[NodeLink]] = defaultdict(list)
    for link in shown:
        for end in (link.left.id, link.right.id):
            at_claim[end].append(NodeLink(id=link.id, relation=link.relation))
    marks = (at_claim, _asserted(snapshot, every))
    concept_ids = {c for link in all_links for end in (link.left.id, link.right.id) for c in mentions[end]}
    query = {"left": left, "right": right, "relation": relation, "concept": concept}
    query |= {"depth": str(depth) if depth != DEFAULT_DEPTH else None}
    return CompareMapPage(
        left=_column(snapshot, "left", by_id[left_id], claims["left"], marks, mentions, chosen, depth),
        right=_column(snapshot, "right", by_id[right_id], claims["right"], marks, mentions, chosen, depth),
        links=shown,
        relation=relation,
        concept=ConceptRef.of(chosen) if chosen else None,
        depth=depth,
        totals={r: sum(1 for link in all_links if link.relation == r) for r in CROSS_PAPER_RELATIONS},
        relations=list(CROSS_PAPER_RELATIONS),
        concepts=_concept_refs(snapshot, concept_ids),
        papers=papers,
        min_depth=MIN_DEPTH,
        max_depth=MAX_DEPTH,
        url=_address("/compare/map", query),
        svg_url=_address("/compare/map.svg", query),
    )


def _address(path: str, query: dict[str, str | None]) -> str:
    params = [(key, value) for key, value in query.items() if value]
    return path + ("?" + urlencode(params) if params else "")


def _paper(paper: PaperRow) -> MapPaper:
    return MapPaper(id=paper.id, title_zh=paper.title_zh, title_en=paper.title_en, url=f"/papers/{paper.id}")


def _concept(snapshot: Snapshot, concept_id: str) -> ConceptRow:
    found = snapshot.concept.get(concept_id)
    if found is None:
        raise NotFound("concept", concept_id)
    return found


def _concept_refs(snapshot: Snapshot, ids: set[str]) -> list[ConceptRef]:
    return sorted((ConceptRef.of(snapshot.concept[c]) for c in sorted(ids)), key=lambda c: c.label_en.lower())


def _mentions(snapshot: Snapshot, claims: dict[str, ClaimRow]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for claim_id in claims:
        for mention in snapshot.mentions_in.get(claim_id, ()):
            found[claim_id].add(mention.concept_id)
    return found


def _links(snapshot: Snapshot, left: list[ClaimRow], right: list[ClaimRow]) -> list[MapLink]:
    """Every cross-paper link between the two papers, in the data's order, left end first."""
    lefts = {c.id: c for c in left}
    rights = {c.id: c for c in right}
    between = [
        link
        for ends, others in ((lefts, rights), (rights, lefts))
        for claim_id in ends
        for link in snapshot.cross_from.get(claim_id, ())
        if link.target_id in others
    ]
    links: list[MapLink] = []
    for link in sorted(between, key=lambda link: link.row):
        if link.source_id in lefts:
            pair, direction = (lefts[link.source_id], rights[link.target_id]), "left-to-right"
        else:
            pair, direction = (lefts[link.target_id], rights[link.source_id]), "right-to-left"
        links.append(
            MapLink(
                id=f"link-{len(links) + 1}",
                relation=link.relation,
                note=link.note,
                note_zh=link.note_zh,
                left=ClaimRef.of(pair[0]),
                right=ClaimRef.of(pair[1]),
                direction=direction,
            )
        )
    return links


def _asserted(snapshot: Snapshot, claims: dict[str, ClaimRow]) -> dict[str, list[MapCausal]]:
    """Each claim's causal assertions with their basis, by the causal links' ids."""
    asserted: dict[str, list[MapCausal]] = defaultdict(list)
    for claim_id in claims:
        for item in sorted(snapshot.evidence_in.get(claim_id, ()), key=lambda item: item.causal_id):
            link = snapshot.causal_link[item.causal_id]
            asserted[claim_id].append(
                MapCausal(
                    source=ConceptRef.of(snapshot.concept[link.source_id]),
                    relation=link.relation,
                    target=ConceptRef.of(snapshot.concept[link.target_id]),
                    basis=item.basis,
                )
            )
    return asserted


def _parents(snapshot: Snapshot, by_id: dict[str, ClaimRow]) -> dict[str, tuple[str, str]]:
    """Each claim's place in its paper's tree: the first argument link to another of its claims."""
    parent: dict[str, tuple[str, str]] = {}
    for claim_id in by_id:
        link = next((link for link in snapshot.links_from.get(claim_id, ()) if link.target_id in by_id), None)
        if link is not None:
            parent[claim_id] = (link.target_id, link.relation)
    return parent


def _column(
    snapshot: Snapshot,
    side: str,
    paper: MapPaper,
    claims: list[ClaimRow],
    marks: tuple[dict[str, list[NodeLink]], dict[str, list[MapCausal]]],
    mentions: dict[str, set[str]],
    chosen: ConceptRow | None,
    depth: int,
) -> MapColumn:
    at_claim, asserted = marks  # the cross-paper links shown at each claim; the causal links it asserts
    parent = _parents(snapshot, {c.id: c for c in claims})
    children: dict[str | None, list[ClaimRow]] = defaultdict(list)
    for claim in claims:
        children[parent[claim.id][0] if claim.id in parent else None].append(claim)
    placed: set[str] = set()

    def node(claim: ClaimRow, level: int) -> MapNode:
        placed.add(claim.id)
        kids = [node(child, level + 1) for child in children[claim.id] if child.id not in placed]
        wanted = any(kid.open or kid.links or kid.mentions_concept for kid in kids)
        return MapNode(
            claim=ClaimRef.of(claim),
            relation=parent[claim.id][1] if claim.id in parent else None,
            depth=level,
            open=bool(kids) and (level + 1 < depth or wanted),
            mentions_concept=chosen is not None and chosen.id in mentions[claim.id],
            links=at_claim.get(claim.id, []),
            causal=asserted.get(claim.id, []),
            children=kids,
        )

    roots = sorted(children[None], key=lambda c: (c.kind != "thesis", c.position))
    trees = [node(root, 0) for root in roots]
    # A claim whose first argument link goes round in a circle has no way up to a root: it
    # is shown as a root of its own rather than dropped.
    trees += [node(claim, 0) for claim in claims if claim.id not in placed]
    return MapColumn(side=side, paper=paper, claims=len(claims), roots=trees)
