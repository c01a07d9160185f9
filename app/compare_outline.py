"""The comparison's outline: which papers speak of each concept (with which claims, by id)
and which cross-paper links are about it. Built once per dataset version from the whole
map, so that a page of the comparison only reads the claims it shows (no web imports here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.dataset.schema import CROSS_PAPER_RELATIONS
from app.models import Claim, Concept, CrossPaperLink, Mention, Paper
from app.per_dataset import PerDataset


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


def _rows(session: Session, *columns: Any, order: Any) -> Sequence[Any]:
    """Plain rows of a few columns, unpacked like tuples (no ORM objects: a large map has tens
    of thousands of rows)."""
    query = select(*(col(c) for c in columns)).order_by(col(order))
    return session.connection().execute(query).all()  # Core rows: no ORM bookkeeping per row


def build_outline(session: Session) -> CompareOutline:
    papers = [(paper_id, title) for paper_id, title in _rows(session, Paper.id, Paper.title_zh, order=Paper.position)]
    concepts_of: dict[str, set[str]] = defaultdict(set)
    for claim_id, concept_id in _rows(session, Mention.claim_id, Mention.concept_id, order=Mention.row):
        concepts_of[claim_id].add(concept_id)
    paper_order = {paper_id: n for n, (paper_id, _) in enumerate(papers)}
    claims = _rows(session, Claim.id, Claim.paper_id, Claim.position, Claim.weight, order=Claim.position)
    by_concept: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    for claim_id, paper_id, _, weight in sorted(claims, key=lambda c: (paper_order[c[1]], c[2])):
        for concept_id in concepts_of.get(claim_id, ()):
            by_concept[concept_id].setdefault(paper_id, []).append((claim_id, weight))
    links_about: dict[str, list[OutlineLink]] = defaultdict(list)
    totals = dict.fromkeys(CROSS_PAPER_RELATIONS, 0)
    columns = (CrossPaperLink.relation, CrossPaperLink.note, CrossPaperLink.source_id, CrossPaperLink.target_id)
    for relation, note, source_id, target_id in _rows(session, *columns, order=CrossPaperLink.row):
        link = OutlineLink(relation=relation, note=note, source_id=source_id, target_id=target_id)
        totals[relation] += 1
        for concept_id in concepts_of.get(source_id, set()) | concepts_of.get(target_id, set()):
            links_about[concept_id].append(link)
    concepts = _rows(session, Concept.id, Concept.label_zh, Concept.label_en, order=Concept.id)
    outline = {}
    for concept_id, label_zh, label_en in sorted(concepts, key=lambda c: c[2].lower()):
        links = links_about.get(concept_id, [])
        outline[concept_id] = OutlineConcept(
            id=concept_id,
            label_zh=label_zh,
            label_en=label_en,
            claims=by_concept.get(concept_id, {}),
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


COMPARE_OUTLINE = PerDataset(build_outline)  # rebuilt when the data is reloaded
