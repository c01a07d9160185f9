"""The shape of each data file, and the vocabularies (kinds, relations) the data may use.

These pydantic models check one file at a time; checks that need the whole dataset
(references resolve, quotes are in their sources) live in the loader's steps (app/dataset/steps/).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

CLAIM_KINDS = (
    "thesis",
    "premise",
    "mechanism",
    "definition",
    "example",
    "policy",
    "authority-quote",
    "background",
)
WEIGHTS = ("main", "detail")
ARGUMENT_RELATIONS = ("supports", "elaborates", "exemplifies", "contrasts")
CAUSAL_RELATIONS = ("causes", "enables", "requires", "increases", "reduces", "prevents")
CROSS_PAPER_RELATIONS = ("agrees", "complements", "extends", "differs-in-emphasis", "contrasts")
REFERENCE_KINDS = ("reference", "footnote")
LAYERS = ("structure", "argument", "causal", "cross-paper", "mentions", "cites")

ClaimKind = Literal[
    "thesis",
    "premise",
    "mechanism",
    "definition",
    "example",
    "policy",
    "authority-quote",
    "background",
]
Weight = Literal["main", "detail"]
ArgumentRelation = Literal["supports", "elaborates", "exemplifies", "contrasts"]
CausalRelation = Literal["causes", "enables", "requires", "increases", "reduces", "prevents"]
# Whose a causal assertion is: the quoted words state it, or it is argmap's reading of them.
CAUSAL_BASES = ("stated", "inferred")
CausalBasis = Literal["stated", "inferred"]
CrossPaperRelation = Literal["agrees", "complements", "extends", "differs-in-emphasis", "contrasts"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SectionEntry(Strict):
    id: Slug
    title_zh: Text
    title_en: Text
    anchor: Text


class ReferenceEntry(Strict):
    id: Slug
    label: Text
    kind: Literal["reference", "footnote"]
    text: Text


class PaperFile(Strict):
    id: Slug
    title_zh: Text
    title_en: Text | None = None
    authors_zh: list[Text] | None = None
    authors_en: list[Text] | None = None
    affiliation: Text | None = None
    journal: Text | None = None
    year: int | None = None
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None
    doi: Text | None = None
    published_online: Text | None = None
    column: Text | None = None
    keywords: list[Text] | None = None
    body_available: bool = True
    sections: list[SectionEntry] = Field(min_length=1)
    references: list[ReferenceEntry] = Field(default_factory=list)


class ArgumentLinkEntry(Strict):
    relation: ArgumentRelation
    to: Slug


class CausalEntry(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source: Slug = Field(alias="from")
    relation: CausalRelation
    to: Slug
    basis: CausalBasis
    reason: Text


class CiteEntry(Strict):
    ref: Slug
    locator: Text | None = None


class ClaimEntry(Strict):
    id: Slug
    kind: ClaimKind
    weight: Weight
    quote_zh: Text
    occurrence: int | None = Field(default=None, ge=1)
    text_en: Text
    official_en: Text | None = None
    concepts: list[Slug] = Field(default_factory=list)
    links: list[ArgumentLinkEntry] = Field(default_factory=list)
    causal: list[CausalEntry] = Field(default_factory=list)
    cites: list[CiteEntry] = Field(default_factory=list)


class ClaimFile(Strict):
    section: Slug
    claims: list[ClaimEntry]


class ConceptEntry(Strict):
    id: Slug
    label_zh: Text
    label_en: Text
    definition_en: Text
    definition_zh: Text
    aliases: list[Text] = Field(default_factory=list)


class ConceptFile(Strict):
    concepts: list[ConceptEntry]


class CrossPaperEntry(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source: Slug = Field(alias="from")
    relation: CrossPaperRelation
    to: Slug
    note: Text
    note_zh: Text | None = None  # the note in Chinese, for the Chinese interface


class CrossPaperFile(Strict):
    links: list[CrossPaperEntry]


class DatasetFile(Strict):
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    licence: Text
