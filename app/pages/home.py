"""The front page, a way in: the papers with their sections, the themes the map is built
around, the tours. And the list of papers (/papers)."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from app.pages.paging import PAPERS_PER_PAGE, SECTIONS_PER_PAGE, ListPaging, paper_pages, sized_page_of
from app.pages.tours import TourRef, tour_summaries
from app.read.paper_names import PAPER_NAMES
from app.read.rows import PaperRow
from app.read.snapshot import Snapshot

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
    name_en: str  # "Lu & Yang": how prose names the paper (app/read/paper_names.py)
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
    papers: list[PaperSummary]  # the first page of /papers
    papers_total: int  # more than `papers` on a map of many papers: /papers lists them all
    themes: list[Theme]
    concepts: int
    tours: list[TourRef]  # the guided tours


class PapersPage(BaseModel):
    papers: list[PaperSummary]  # this page's
    paging: ListPaging


PAPER_PAGES = paper_pages(lambda snapshot: snapshot.sections_of, SECTIONS_PER_PAGE)


def paper_summaries(snapshot: Snapshot, page: int = 1) -> tuple[list[PaperSummary], ListPaging]:
    shown, paging = sized_page_of(
        snapshot.papers, PAPER_PAGES.of(snapshot), page, PAPERS_PER_PAGE, of="the list of papers"
    )
    return [_summary(snapshot, paper) for paper in shown], paging


def _summary(snapshot: Snapshot, paper: PaperRow) -> PaperSummary:
    sections = [
        SectionSummary(id=s.id, title_zh=s.title_zh, title_en=s.title_en, claims=len(snapshot.claims_in.get(s.id, ())))
        for s in snapshot.sections_of.get(paper.id, ())
    ]
    name = PAPER_NAMES.of(snapshot)[paper.id]
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


def themes(snapshot: Snapshot) -> list[Theme]:
    return [_theme(snapshot, theme) for theme in THEMES if theme in snapshot.concept]


def _theme(snapshot: Snapshot, theme: str) -> Theme:
    concept = snapshot.concept[theme]
    claims = Counter(snapshot.claim[m.claim_id].paper_id for m in snapshot.mentions_of.get(theme, ()))
    return Theme(
        id=theme,
        label_zh=concept.label_zh,
        label_en=concept.label_en,
        definition_en=concept.definition_en,
        claims=dict(claims),
        url=f"/concepts/{theme}",
        compare_url=f"/compare/{theme}",
    )


def home_page(snapshot: Snapshot) -> HomePage:
    papers, paging = paper_summaries(snapshot)
    return HomePage(
        dataset_version=snapshot.version,
        papers=papers,
        papers_total=paging.total,
        themes=themes(snapshot),
        concepts=len(snapshot.concepts),
        tours=tour_summaries(snapshot),
    )


def papers_page(snapshot: Snapshot, page: int = 1) -> PapersPage:
    papers, paging = paper_summaries(snapshot, page)
    return PapersPage(papers=papers, paging=paging)
