"""The database tables: papers, sections, claims, concepts and the links between them.

Ids are readable slugs from the data files, never database integers. Link tables have a
surrogate integer key only because a row needs one; it is never shown.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel


class Paper(SQLModel, table=True):
    id: str = Field(primary_key=True)
    position: int
    title_zh: str
    title_en: str | None = None
    authors_zh: list[str] | None = Field(default=None, sa_column=Column(JSON))
    authors_en: list[str] | None = Field(default=None, sa_column=Column(JSON))
    affiliation: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    published_online: str | None = None
    column: str | None = None
    keywords: list[str] | None = Field(default=None, sa_column=Column(JSON))
    body_available: bool = True
    source_text: str = Field(sa_column=Column(Text, nullable=False))


class Section(SQLModel, table=True):
    id: str = Field(primary_key=True)
    paper_id: str = Field(foreign_key="paper.id", index=True)
    position: int
    title_zh: str
    title_en: str
    span_start: int
    span_end: int


class Claim(SQLModel, table=True):
    id: str = Field(primary_key=True)
    paper_id: str = Field(foreign_key="paper.id", index=True)
    section_id: str = Field(foreign_key="section.id", index=True)
    position: int  # reading order within the paper (by span)
    kind: str
    weight: str
    quote_zh: str = Field(sa_column=Column(Text, nullable=False))
    text_en: str = Field(sa_column=Column(Text, nullable=False))
    official_en: str | None = Field(default=None, sa_column=Column(Text))
    span_start: int
    span_end: int


class Concept(SQLModel, table=True):
    id: str = Field(primary_key=True)
    label_zh: str
    label_en: str
    definition_en: str = Field(sa_column=Column(Text, nullable=False))
    definition_zh: str | None = Field(default=None, sa_column=Column(Text))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    # The papers whose source uses label_zh itself; none: a label argmap coined (derived on load)
    label_in: list[str] = Field(default_factory=list, sa_column=Column(JSON))


class Reference(SQLModel, table=True):
    id: str = Field(primary_key=True)
    paper_id: str = Field(foreign_key="paper.id", index=True)
    position: int
    label: str
    kind: str
    text: str = Field(sa_column=Column(Text, nullable=False))


class ArgumentLink(SQLModel, table=True):
    row: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(foreign_key="claim.id", index=True)
    target_id: str = Field(foreign_key="claim.id", index=True)
    relation: str


class CausalLink(SQLModel, table=True):
    id: str = Field(primary_key=True)  # "<from>--<relation>--<to>"
    source_id: str = Field(foreign_key="concept.id", index=True)
    target_id: str = Field(foreign_key="concept.id", index=True)
    relation: str


class CausalEvidence(SQLModel, table=True):
    row: int | None = Field(default=None, primary_key=True)
    causal_id: str = Field(foreign_key="causallink.id", index=True)
    claim_id: str = Field(foreign_key="claim.id", index=True)
    basis: str | None = None  # stated | inferred: whether this claim's quoted words assert the link
    reason: str | None = Field(default=None, sa_column=Column(Text))


class CrossPaperLink(SQLModel, table=True):
    row: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(foreign_key="claim.id", index=True)
    target_id: str = Field(foreign_key="claim.id", index=True)
    relation: str
    note: str = Field(sa_column=Column(Text, nullable=False))
    note_zh: str | None = Field(default=None, sa_column=Column(Text))


class Mention(SQLModel, table=True):
    row: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(foreign_key="claim.id", index=True)
    concept_id: str = Field(foreign_key="concept.id", index=True)


class Citation(SQLModel, table=True):
    row: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(foreign_key="claim.id", index=True)
    reference_id: str = Field(foreign_key="reference.id", index=True)
    locator: str | None = None


class Tour(SQLModel, table=True):
    """A guided tour (data/tours/<id>.yaml): ordered steps through the map, for teaching."""

    id: str = Field(primary_key=True)
    position: int
    title_en: str
    title_zh: str
    summary_en: str = Field(sa_column=Column(Text, nullable=False))
    summary_zh: str | None = Field(default=None, sa_column=Column(Text))
    papers: list[str] = Field(default_factory=list, sa_column=Column(JSON))


class TourStep(SQLModel, table=True):
    """One step of a tour: what it shows (`kind` and its target) and the project's teaching note."""

    row: int | None = Field(default=None, primary_key=True)
    tour_id: str = Field(foreign_key="tour.id", index=True)
    position: int  # 1-based: the step's number in its address
    kind: str  # claim | concept | chain | graph
    title_en: str
    title_zh: str | None = None
    note_en: str = Field(sa_column=Column(Text, nullable=False))
    note_zh: str | None = Field(default=None, sa_column=Column(Text))
    claim_id: str | None = Field(default=None, foreign_key="claim.id")
    concept_id: str | None = Field(default=None, foreign_key="concept.id")
    chain_from: str | None = Field(default=None, foreign_key="concept.id")
    chain_to: str | None = Field(default=None, foreign_key="concept.id")
    chain_length: int | None = None
    chain_held: str | None = None  # any | both | a paper id, as on /chains
    focus: str | None = None  # a graph node id: paper, section, claim, concept or reference
    depth: int | None = None
    layers: list[str] | None = Field(default=None, sa_column=Column(JSON))


class DatasetInfo(SQLModel, table=True):
    """Key/value facts about the loaded dataset: version, content hash."""

    key: str = Field(primary_key=True)
    value: str


class DatasetVersion(SQLModel, table=True):
    """One recorded version of the dataset (data/versions.yaml); position 0 is the newest."""

    version: str = Field(primary_key=True)
    position: int
    date: str
    content_hash: str
    changes: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    changes_zh: list[str] | None = Field(default=None, sa_column=Column(JSON))  # line for line, in Chinese
    added: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    retired: list[str] = Field(default_factory=list, sa_column=Column(JSON))


class Redirect(SQLModel, table=True):
    """A retired claim or concept id (data/redirects.yaml): moved to `target_id`, or gone if None."""

    id: str = Field(primary_key=True)
    kind: str  # claim | concept
    target_id: str | None = None  # no foreign key: the target is a claim or a concept
    reason: str
    note: str | None = Field(default=None, sa_column=Column(Text))
    version: str
    see_also: list[str] = Field(default_factory=list, sa_column=Column(JSON))


# Tables in the order they are filled (parents before children).
TABLES: list[Any] = [
    Paper,
    Section,
    Concept,
    Reference,
    Claim,
    ArgumentLink,
    CausalLink,
    CausalEvidence,
    CrossPaperLink,
    Mention,
    Citation,
    Tour,
    TourStep,
    DatasetInfo,
    DatasetVersion,
    Redirect,
]
