"""The comparison's outline: which papers speak of each concept (with which claims, by id)
and which cross-paper links are about it, and how the shared concepts fall into pages. Built
once per dataset version from the whole map, or, for two papers chosen (a map of many papers
compares two at a time), from their claims alone when first asked for; so that a page of the
comparison only describes the claims it shows, and takes the same time on a map of any size
(no web imports here).

A page of shared concepts holds at most SHARED_PER_PAGE of them and, after its first concept,
no more than SHOWN_PER_PAGE claims and links in all: on a large map the concepts with the most
links would otherwise make page 1 several times longer than the whole real comparison.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.dataset.schema import CROSS_PAPER_RELATIONS
from app.read.page_starts import page_starts
from app.read.rows import ClaimRow, ConceptRow, CrossPaperLinkRow, PaperRow
from app.read.snapshot import Derived, Snapshot

CLAIMS_PER_COLUMN = 4  # a paper's claims shown for a concept on the overview; /compare/{concept} shows them all
# Per page: more than the real map has (18 shared concepts, 221 claims and links shown; 44 used
# by one paper), so its page 1 is the whole comparison.
SHARED_PER_PAGE = 25
SHOWN_PER_PAGE = 250
ONE_PAPER_PER_PAGE = 50


@dataclass(frozen=True)
class OutlineLink:
    relation: str
    note: str
    note_zh: str | None
    source_id: str
    target_id: str


@dataclass(frozen=True)
class OutlineConcept:
    id: str
    label_zh: str
    label_en: str
    claims: dict[str, list[tuple[str, str]]]  # paper → its (claim id, weight) about it, in reading order
    links: list[OutlineLink]  # the cross-paper links about it (either claim mentions it), in their order
    relations: dict[str, int]  # how many of those links have each relation

    def count(self, relation: str | None) -> int:
        """Its links with this relation (all of them for None)."""
        return len(self.links) if relation is None else self.relations.get(relation, 0)

    def shown(self, relation: str | None) -> int:
        """How many claims and links the overview shows for it, under this filter."""
        return self.count(relation) + sum(min(len(claims), CLAIMS_PER_COLUMN) for claims in self.claims.values())


@dataclass(frozen=True)
class SharedPages:
    """The shared concepts under one filter (those with a link of the relation), most links
    first, and where each page of them starts."""

    ranked: list[OutlineConcept]
    starts: list[int]  # page n holds ranked[starts[n - 1] : starts[n]] (the last runs to the end)

    def page(self, n: int) -> list[OutlineConcept]:
        if n > len(self.starts):
            return []
        end = self.starts[n] if n < len(self.starts) else len(self.ranked)
        return self.ranked[self.starts[n - 1] : end]


def shared_pages(shared: list[OutlineConcept], relation: str | None) -> SharedPages:
    ranked = [concept for concept in shared if relation is None or concept.count(relation)]
    ranked.sort(key=lambda concept: (-concept.count(relation), concept.label_en.lower()))
    starts = list(page_starts((concept.shown(relation) for concept in ranked), SHARED_PER_PAGE, SHOWN_PER_PAGE))
    return SharedPages(ranked=ranked, starts=starts)


@dataclass(frozen=True)
class CompareOutline:
    papers: list[tuple[str, str]]  # (id, title_zh), in order
    concepts: dict[str, OutlineConcept]  # every concept, in label order
    shared: list[OutlineConcept]  # those two or more papers speak of, in label order
    single: list[OutlineConcept]  # those exactly one paper speaks of, in label order
    totals: dict[str, int]  # every cross-paper link by relation
    pages: dict[str | None, SharedPages]  # the shared concepts' pages, unfiltered (None) and by relation


def build_outline(snapshot: Snapshot) -> CompareOutline:
    """The whole map's comparison."""
    return _outline(snapshot, snapshot.papers, snapshot.claims, snapshot.cross_paper_links, snapshot.concepts)


def _pair_outline(snapshot: Snapshot, pair: tuple[str, str]) -> CompareOutline:
    """Two papers' comparison: their claims, the concepts those mention and the links between
    them, read through the snapshot's indexes (the same work on a map of any size)."""
    claims = [claim for paper in pair for claim in snapshot.claims_of.get(paper, ())]
    ends = {claim.id for claim in claims}
    links = [link for claim in claims for link in snapshot.cross_from.get(claim.id, ()) if link.target_id in ends]
    mentioned = {mention.concept_id for claim in claims for mention in snapshot.mentions_in.get(claim.id, ())}
    papers = [snapshot.paper[paper] for paper in pair]
    return _outline(snapshot, papers, claims, links, [snapshot.concept[c] for c in mentioned])


# Each pair's outline, made when first asked for and kept with the snapshot: the last PAIRS_KEPT.
PAIRS_KEPT = 32
PAIR_OUTLINES: Derived[dict[tuple[str, str], CompareOutline]] = Derived(lambda snapshot: {})


_KEEPING = threading.Lock()  # pages are built in several threads: one evicts at a time


def pair_outline(snapshot: Snapshot, pair: tuple[str, str]) -> CompareOutline:
    kept = PAIR_OUTLINES.of(snapshot)
    outline = kept.get(pair)
    if outline is None:  # two requests may both make it: the same outline either way
        outline = _pair_outline(snapshot, pair)
        with _KEEPING:
            while len(kept) >= PAIRS_KEPT:
                del kept[next(iter(kept))]
            kept[pair] = outline
    return outline


def _most_linked_pair(snapshot: Snapshot) -> tuple[str, str]:
    """The two papers the most cross-paper links join (the first two on a map without any)."""
    order = {paper.id: n for n, paper in enumerate(snapshot.papers)}
    joined: Counter[tuple[str, str]] = Counter()
    for link in snapshot.cross_paper_links:
        ends = sorted(
            (snapshot.claim[link.source_id].paper_id, snapshot.claim[link.target_id].paper_id), key=order.__getitem__
        )
        joined[ends[0], ends[1]] += 1
    if not joined:
        return snapshot.papers[0].id, snapshot.papers[1].id
    return min(joined, key=lambda pair: (-joined[pair], order[pair[0]], order[pair[1]]))


MOST_LINKED_PAIR = Derived(_most_linked_pair)


def _outline(
    snapshot: Snapshot,
    papers_in: Sequence[PaperRow],
    claims_in: Iterable[ClaimRow],
    cross_links: Iterable[CrossPaperLinkRow],
    concepts: Iterable[ConceptRow],
) -> CompareOutline:
    papers = [(paper.id, paper.title_zh) for paper in papers_in]
    concepts_of: dict[str, set[str]] = defaultdict(set)
    claims = list(claims_in)
    for claim in claims:
        concepts_of[claim.id].update(mention.concept_id for mention in snapshot.mentions_in.get(claim.id, ()))
    paper_order = {paper_id: n for n, (paper_id, _) in enumerate(papers)}
    by_concept: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    for claim in sorted(claims, key=lambda c: (paper_order[c.paper_id], c.position)):
        for concept_id in concepts_of.get(claim.id, ()):
            by_concept[concept_id].setdefault(claim.paper_id, []).append((claim.id, claim.weight))
    links_about: dict[str, list[OutlineLink]] = defaultdict(list)
    totals = dict.fromkeys(CROSS_PAPER_RELATIONS, 0)
    for cross in cross_links:
        link = OutlineLink(
            relation=cross.relation,
            note=cross.note,
            note_zh=cross.note_zh,
            source_id=cross.source_id,
            target_id=cross.target_id,
        )
        totals[link.relation] += 1
        for concept_id in concepts_of.get(link.source_id, set()) | concepts_of.get(link.target_id, set()):
            links_about[concept_id].append(link)
    outline = {}
    for concept in sorted(concepts, key=lambda c: c.label_en.lower()):
        links = links_about.get(concept.id, [])
        outline[concept.id] = OutlineConcept(
            id=concept.id,
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            claims=by_concept.get(concept.id, {}),
            links=links,
            relations=_relation_counts(links),
        )
    shared = [concept for concept in outline.values() if len(concept.claims) > 1]
    return CompareOutline(
        papers=papers,
        concepts=outline,
        shared=shared,
        single=[concept for concept in outline.values() if len(concept.claims) == 1],
        totals=totals,
        pages={relation: shared_pages(shared, relation) for relation in (None, *CROSS_PAPER_RELATIONS)},
    )


def _relation_counts(links: list[OutlineLink]) -> dict[str, int]:
    """How many links have each relation, in the vocabulary's order, leaving out those with none."""
    counts = dict.fromkeys(CROSS_PAPER_RELATIONS, 0)
    for link in links:
        counts[link.relation] += 1
    return {relation: count for relation, count in counts.items() if count}


COMPARE_OUTLINE = Derived(build_outline)  # built once per snapshot
