"""A paper: its metadata and its argument as an outline; and its source text with highlights."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.models import Claim, Paper
from app.pages.common import ClaimRef
from app.web import NotFound


class OutlineNode(BaseModel):
    claim: ClaimRef
    relation: str | None  # how it serves its parent
    children: list[OutlineNode]


class OutlineSection(BaseModel):
    id: str
    title_zh: str
    title_en: str
    text_url: str
    claims: list[OutlineNode]


class PaperMeta(BaseModel):
    id: str
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


class PaperPage(BaseModel):
    paper: PaperMeta
    url: str
    text_url: str
    claims: int
    outline: list[OutlineSection]


def get_paper(session: Session, paper_id: str) -> Paper:
    paper = session.get(Paper, paper_id)
    if paper is None:
        raise NotFound("paper", paper_id)
    return paper


def paper_page(session: Session, paper_id: str) -> PaperPage:
    paper = get_paper(session, paper_id)
    claims = queries.claims(session=session, paper_id=paper_id)
    by_id = {c.id: c for c in claims}
    parent: dict[str, tuple[str, str]] = {}
    for link in queries.argument_links(session=session):
        if link.source_id in by_id and link.source_id not in parent:
            parent[link.source_id] = (link.target_id, link.relation)  # first link: the main line
    children: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        up = parent.get(claim.id)
        if up and by_id[up[0]].section_id == claim.section_id:
            children[up[0]].append(claim)

    def node(claim: Claim) -> OutlineNode:
        return OutlineNode(
            claim=ClaimRef.of(claim),
            relation=parent[claim.id][1] if claim.id in parent else None,
            children=[node(child) for child in children[claim.id]],
        )

    outline = []
    for section in queries.sections(session=session, paper_id=paper_id):
        roots = [
            c
            for c in claims
            if c.section_id == section.id and not (c.id in parent and by_id[parent[c.id][0]].section_id == section.id)
        ]
        if roots:
            outline.append(
                OutlineSection(
                    id=section.id,
                    title_zh=section.title_zh,
                    title_en=section.title_en,
                    text_url=f"/papers/{paper_id}/text#{section.id}",
                    claims=[node(c) for c in roots],
                )
            )
    return PaperPage(
        paper=PaperMeta.model_validate(paper, from_attributes=True),
        url=f"/papers/{paper_id}",
        text_url=f"/papers/{paper_id}/text",
        claims=len(claims),
        outline=outline,
    )


class TextSegment(BaseModel):
    text: str
    claim: str | None  # the innermost claim covering this stretch
    text_en: str | None
    anchors: list[str]  # claims that start here (link targets #claim-id)


class TextParagraph(BaseModel):
    section: str | None  # set on the first paragraph of a section (anchor #section-id)
    segments: list[TextSegment]


class PaperTextPage(BaseModel):
    paper: PaperMeta
    url: str
    body_available: bool
    paragraphs: list[TextParagraph]


def paper_text_page(session: Session, paper_id: str) -> PaperTextPage:
    paper = get_paper(session, paper_id)
    text = paper.source_text
    claims = queries.claims(session=session, paper_id=paper_id)
    section_starts = {s.span_start: s.id for s in queries.sections(session=session, paper_id=paper_id)}
    cuts = {0, len(text)} | set(section_starts)
    cuts |= {c.span_start for c in claims} | {c.span_end for c in claims}
    start = 0
    while (at := text.find("\n\n", start)) != -1:
        cuts |= {at, at + 2}
        start = at + 2
    starts_at: dict[int, list[str]] = defaultdict(list)
    for claim in claims:
        starts_at[claim.span_start].append(claim.id)
    paragraphs: list[TextParagraph] = []
    current: TextParagraph | None = None
    ordered = sorted(cuts)
    for begin, end in zip(ordered, ordered[1:], strict=False):
        piece = text[begin:end]
        if begin in section_starts or current is None:
            current = TextParagraph(section=section_starts.get(begin), segments=[])
            paragraphs.append(current)
        if piece.strip("\n") == "":
            if current.segments:
                current = TextParagraph(section=None, segments=[])
                paragraphs.append(current)
            continue
        covering = [c for c in claims if c.span_start <= begin and end <= c.span_end]
        inner = min(covering, key=lambda c: c.span_end - c.span_start) if covering else None
        current.segments.append(
            TextSegment(
                text=piece,
                claim=inner.id if inner else None,
                text_en=inner.text_en if inner else None,
                anchors=starts_at.get(begin, []),
            )
        )
    return PaperTextPage(
        paper=PaperMeta.model_validate(paper, from_attributes=True),
        url=f"/papers/{paper_id}/text",
        body_available=paper.body_available,
        paragraphs=[p for p in paragraphs if p.segments],
    )
