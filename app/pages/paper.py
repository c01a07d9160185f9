"""A paper: its metadata and its argument as an outline; and its source text with highlights."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from app.pages.common import ClaimRef
from app.read.rows import ClaimRow, PaperRow
from app.read.snapshot import Snapshot
from app.web.errors import NotFound


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


def get_paper(snapshot: Snapshot, paper_id: str) -> PaperRow:
    paper = snapshot.paper.get(paper_id)
    if paper is None:
        raise NotFound("paper", paper_id)
    return paper


def paper_meta(paper: PaperRow) -> PaperMeta:
    return PaperMeta.model_validate(paper, from_attributes=True)


class _Outline:
    """A paper's claims as trees: each claim under the claim its first argument link serves
    (the main line), when that claim is in the same section; the others are a section's roots."""

    def __init__(self, snapshot: Snapshot, claims: tuple[ClaimRow, ...]):
        by_id = {c.id: c for c in claims}
        self.parent: dict[str, tuple[str, str]] = {}
        self.children: dict[str, list[ClaimRow]] = defaultdict(list)
        self.roots: dict[str, list[ClaimRow]] = defaultdict(list)
        for claim in claims:
            if links := snapshot.links_from.get(claim.id):
                self.parent[claim.id] = (links[0].target_id, links[0].relation)  # first link: the main line
            up = self.parent.get(claim.id)
            if up and by_id[up[0]].section_id == claim.section_id:
                self.children[up[0]].append(claim)
            else:
                self.roots[claim.section_id].append(claim)

    def node(self, claim: ClaimRow) -> OutlineNode:
        return OutlineNode(
            claim=ClaimRef.of(claim),
            relation=self.parent[claim.id][1] if claim.id in self.parent else None,
            children=[self.node(child) for child in self.children[claim.id]],
        )


def paper_page(snapshot: Snapshot, paper_id: str) -> PaperPage:
    paper = get_paper(snapshot, paper_id)
    claims = snapshot.claims_of.get(paper_id, ())
    tree = _Outline(snapshot, claims)
    outline = [
        OutlineSection(
            id=section.id,
            title_zh=section.title_zh,
            title_en=section.title_en,
            text_url=f"/papers/{paper_id}/text#{section.id}",
            claims=[tree.node(c) for c in tree.roots[section.id]],
        )
        for section in snapshot.sections_of.get(paper_id, ())
        if tree.roots[section.id]
    ]
    return PaperPage(
        paper=paper_meta(paper),
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


def paper_text_page(snapshot: Snapshot, paper_id: str) -> PaperTextPage:
    paper = get_paper(snapshot, paper_id)
    text = paper.source_text
    claims = snapshot.claims_of.get(paper_id, ())
    section_starts = {s.span_start: s.id for s in snapshot.sections_of.get(paper_id, ())}
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
        paper=paper_meta(paper),
        url=f"/papers/{paper_id}/text",
        body_available=paper.body_available,
        paragraphs=[p for p in paragraphs if p.segments],
    )
