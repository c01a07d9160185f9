"""The front page: what argmap is, the two papers with their sections."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.pages.tours import TourRef, tour_summaries


class SectionSummary(BaseModel):
    id: str
    title_zh: str
    title_en: str
    claims: int


class PaperSummary(BaseModel):
    id: str
    title_zh: str
    title_en: str | None
    authors_zh: list[str] | None
    journal: str | None
    year: int | None
    body_available: bool
    claims: int
    sections: list[SectionSummary]
    url: str


class HomePage(BaseModel):
    dataset_version: str
    papers: list[PaperSummary]
    concepts: int
    tours: list[TourRef]  # the guided tours, an entry point for instructors


def home_page(session: Session) -> HomePage:
    claims_per_section = Counter(c.section_id for c in queries.claims(session=session))
    summaries = []
    for paper in queries.papers(session=session):
        sections = [
            SectionSummary(id=s.id, title_zh=s.title_zh, title_en=s.title_en, claims=claims_per_section[s.id])
            for s in queries.sections(session=session, paper_id=paper.id)
        ]
        summaries.append(
            PaperSummary(
                id=paper.id,
                title_zh=paper.title_zh,
                title_en=paper.title_en,
                authors_zh=paper.authors_zh,
                journal=paper.journal,
                year=paper.year,
                body_available=paper.body_available,
                claims=sum(s.claims for s in sections),
                sections=sections,
                url=f"/papers/{paper.id}",
            )
        )
    return HomePage(
        dataset_version=queries.dataset_version(session=session),
        papers=summaries,
        concepts=len(queries.concepts(session=session)),
        tours=tour_summaries(session),
    )
