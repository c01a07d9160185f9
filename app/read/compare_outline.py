"""The comparison's outline: which papers speak of each concept (with which claims, by id)
and which cross-paper links are about it. Built once per dataset version from the whole
map, so that a page of the comparison only describes the claims it shows (no web imports here).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.dataset.schema import CROSS_PAPER_RELATIONS
from app.read.snapshot import Derived, Snapshot


@dataclass(frozen=True)
class OutlineLink:
    relation: str
    note: str
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


@dataclass(frozen=True)
class CompareOutline:
    papers: list[tuple[str, str]]  # (id, title_zh), in order
    concepts: dict[str, OutlineConcept]  # every concept, in label order
    shared: list[OutlineConcept]  # those two or more papers speak of, in label order
    single: list[OutlineConcept]  # those exactly one paper speaks of, in label order
    totals: dict[str, int]  # every cross-paper link by relation


def build_outline(snapshot: Snapshot) -> CompareOutline:
    papers = [(paper.id, paper.title_zh) for paper in snapshot.papers]
    concepts_of: dict[str, set[str]] = defaultdict(set)
    for mention in snapshot.mentions:
        concepts_of[mention.claim_id].add(mention.concept_id)
    paper_order = {paper_id: n for n, (paper_id, _) in enumerate(papers)}
    by_concept: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    for claim in sorted(snapshot.claims, key=lambda c: (paper_order[c.paper_id], c.position)):
        for concept_id in concepts_of.get(claim.id, ()):
            by_concept[concept_id].setdefault(claim.paper_id, []).append((claim.id, claim.weight))
    links_about: dict[str, list[OutlineLink]] = defaultdict(list)
    totals = dict.fromkeys(CROSS_PAPER_RELATIONS, 0)
    for cross in snapshot.cross_paper_links:
        link = OutlineLink(
            relation=cross.relation, note=cross.note, source_id=cross.source_id, target_id=cross.target_id
        )
        totals[link.relation] += 1
        for concept_id in concepts_of.get(link.source_id, set()) | concepts_of.get(link.target_id, set()):
            links_about[concept_id].append(link)
    outline = {}
    for concept in sorted(snapshot.concepts, key=lambda c: c.label_en.lower()):
        links = links_about.get(concept.id, [])
        outline[concept.id] = OutlineConcept(
            id=concept.id,
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            claims=by_concept.get(concept.id, {}),
            links=links,
            relations=_relation_counts(links),
        )
    return CompareOutline(
        papers=papers,
        concepts=outline,
        shared=[concept for concept in outline.values() if len(concept.claims) > 1],
        single=[concept for concept in outline.values() if len(concept.claims) == 1],
        totals=totals,
    )


def _relation_counts(links: list[OutlineLink]) -> dict[str, int]:
    """How many links have each relation, in the vocabulary's order, leaving out those with none."""
    counts = dict.fromkeys(CROSS_PAPER_RELATIONS, 0)
    for link in links:
        counts[link.relation] += 1
    return {relation: count for relation, count in counts.items() if count}


COMPARE_OUTLINE = Derived(build_outline)  # built once per snapshot
