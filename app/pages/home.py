"""The front page, a way in: the papers with their sections, the themes the map is built
around, the tours. And the list of papers (/papers)."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.models import Paper
from app.pages.tours import TourRef, tour_summaries
from app.paper_names import paper_name

# The four themes the map is built around (the product brief names them); a theme missing
# from the data is left out.
THEMES = ("data-decision-cycle", "platform-user-relation", "capital-turnover", "patient-capital")


class SectionSummary(BaseModel):
    id: str
    title_zh: str
    title_en: str
    claims: int


class PaperSummary(BaseModel):
    id: str
    name_en: str  # "Lu & Yang": how prose names the paper (app/paper_names.py)
    name_zh: str  # "卢江、杨丽娟"
    title_zh: str
    title_en: str | None
    authors_zh: list[str] | None
    authors_en: list[str]  # romanised: the source's own spelling, or argmap's pinyin
    authors_en_transliterated: bool  # authors_en is argmap's pinyin (the source gives none)
    journal: str | None
    year: int | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    column: str | None
    keywords: list[str] | None
    body_available: bool  # False: only the abstract (the journal's landing page) is available
    claims: int
    sections: list[SectionSummary]
    url: str
    text_url: str


class Theme(BaseModel):
    id: str
    label_zh: str
    label_en: str
    definition_en: str
    claims: dict[str, int]  # paper → its claims about the theme
    url: str  # the concept
    compare_url: str  # the two papers side by side on it


class HomePage(BaseModel):
    dataset_version: str
    papers: list[PaperSummary]
    themes: list[Theme]
    concepts: int
    tours: list[TourRef]  # the guided tours


class PapersPage(BaseModel):
    papers: list[PaperSummary]


def paper_summaries(session: Session) -> list[PaperSummary]:
    claims_per_section = Counter(c.section_id for c in queries.claims(session=session))
    return [_summary(session, paper, claims_per_section) for paper in queries.papers(session=session)]


def _summary(session: Session, paper: Paper, claims_per_section: Counter[str]) -> PaperSummary:
    sections = [
        SectionSummary(id=s.id, title_zh=s.title_zh, title_en=s.title_en, claims=claims_per_section[s.id])
        for s in queries.sections(session=session, paper_id=paper.id)
    ]
    name = paper_name(paper)  # type: ignore[arg-type]  # until home reads the snapshot
    return PaperSummary(
        id=paper.id,
        name_en=name.name_en,
        name_zh=name.name_zh,
        title_zh=paper.title_zh,
        title_en=paper.title_en,
        authors_zh=paper.authors_zh,
        authors_en=name.authors_en,
        authors_en_transliterated=name.transliterated,
        journal=paper.journal,
        year=paper.year,
        volume=paper.volume,
        issue=paper.issue,
        pages=paper.pages,
        doi=paper.doi,
        column=paper.column,
        keywords=paper.keywords,
        body_available=paper.body_available,
        claims=sum(s.claims for s in sections),
        sections=sections,
        url=f"/papers/{paper.id}",
        text_url=f"/papers/{paper.id}/text",
    )


def themes(session: Session) -> list[Theme]:
    concepts = {c.id: c for c in queries.concepts(session=session)}
    paper_of = {c.id: c.paper_id for c in queries.claims(session=session)}
    claims: dict[str, Counter[str]] = {theme: Counter() for theme in THEMES}
    for mention in queries.mentions(session=session):
        if mention.concept_id in claims:
            claims[mention.concept_id][paper_of[mention.claim_id]] += 1
    return [
        Theme(
            id=theme,
            label_zh=concepts[theme].label_zh,
            label_en=concepts[theme].label_en,
            definition_en=concepts[theme].definition_en,
            claims=dict(claims[theme]),
            url=f"/concepts/{theme}",
            compare_url=f"/compare/{theme}",
        )
        for theme in THEMES
        if theme in concepts
    ]


def home_page(session: Session) -> HomePage:
    return HomePage(
        dataset_version=queries.dataset_version(session=session),
        papers=paper_summaries(session),
        themes=themes(session),
        concepts=len(queries.concepts(session=session)),
        tours=tour_summaries(session),
    )


def papers_page(session: Session) -> PapersPage:
    return PapersPage(papers=paper_summaries(session))
