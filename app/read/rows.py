"""The rows of a snapshot: one frozen, slotted dataclass per table (app/database/models.py), with the
same fields. Pages read these, never ORM objects: they are light (a large map holds hundreds of
thousands) and cannot be changed or lazily loaded behind a reader's back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PaperRow:
    id: str
    position: int
    title_zh: str
    title_en: str | None
    authors_zh: list[str] | None
    authors_en: list[str] | None
    affiliation: str | None
    journal: str | None
    year: int | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    published_online: str | None
    column: str | None
    keywords: list[str] | None
    body_available: bool
    source_text: str


@dataclass(frozen=True, slots=True)
class SectionRow:
    id: str
    paper_id: str
    position: int
    title_zh: str
    title_en: str
    span_start: int
    span_end: int


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: str
    paper_id: str
    section_id: str
    position: int
    kind: str
    weight: str
    quote_zh: str
    text_en: str
    official_en: str | None
    span_start: int
    span_end: int


@dataclass(frozen=True, slots=True)
class ConceptRow:
    id: str
    label_zh: str
    label_en: str
    definition_en: str
    definition_zh: str | None
    aliases: list[str]
    label_in: list[str]


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    id: str
    paper_id: str
    position: int
    label: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ArgumentLinkRow:
    row: int
    source_id: str
    target_id: str
    relation: str


@dataclass(frozen=True, slots=True)
class CausalLinkRow:
    id: str
    source_id: str
    target_id: str
    relation: str


@dataclass(frozen=True, slots=True)
class CausalEvidenceRow:
    row: int
    causal_id: str
    claim_id: str
    basis: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class CrossPaperLinkRow:
    row: int
    source_id: str
    target_id: str
    relation: str
    note: str
    note_zh: str | None


@dataclass(frozen=True, slots=True)
class MentionRow:
    row: int
    claim_id: str
    concept_id: str


@dataclass(frozen=True, slots=True)
class CitationRow:
    row: int
    claim_id: str
    reference_id: str
    locator: str | None


@dataclass(frozen=True, slots=True)
class TourRow:
    id: str
    position: int
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str | None
    papers: list[str]


@dataclass(frozen=True, slots=True)
class TourStepRow:
    row: int
    tour_id: str
    position: int
    kind: str
    title_en: str
    title_zh: str | None
    note_en: str
    note_zh: str | None
    claim_id: str | None
    concept_id: str | None
    chain_from: str | None
    chain_to: str | None
    chain_length: int | None
    chain_held: str | None
    focus: str | None
    depth: int | None
    layers: list[str] | None


@dataclass(frozen=True, slots=True)
class DatasetVersionRow:
    version: str
    position: int
    date: str
    content_hash: str
    changes: list[str]
    changes_zh: list[str] | None
    added: list[str]
    retired: list[str]


@dataclass(frozen=True, slots=True)
class RedirectRow:
    id: str
    kind: str
    target_id: str | None
    reason: str
    note: str | None
    version: str
    see_also: list[str]
