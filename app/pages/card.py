"""The embeddable card of one claim: quote, English, where it comes from, a link back."""

from __future__ import annotations

from pydantic import BaseModel

from app.read.snapshot import Snapshot
from app.web.errors import NotFound

CARD_WIDTH = 480
CARD_HEIGHT = 260


class ClaimCard(BaseModel):
    id: str
    permalink: str
    card_url: str
    quote_zh: str
    text_en: str
    official_en: str | None
    paper_title_zh: str
    paper_title_en: str | None
    authors_zh: list[str]
    year: int | None
    section_title_zh: str
    section_title_en: str
    width: int = CARD_WIDTH
    height: int = CARD_HEIGHT


def claim_card(snapshot: Snapshot, claim_id: str, base_url: str) -> ClaimCard:
    claim = snapshot.claim.get(claim_id)
    if claim is None:
        raise NotFound("claim", claim_id)
    paper = snapshot.paper[claim.paper_id]
    section = snapshot.section[claim.section_id]
    return ClaimCard(
        id=claim.id,
        permalink=f"{base_url}/claims/{claim.id}",
        card_url=f"{base_url}/claims/{claim.id}/card",
        quote_zh=claim.quote_zh,
        text_en=claim.text_en,
        official_en=claim.official_en,
        paper_title_zh=paper.title_zh,
        paper_title_en=paper.title_en,
        authors_zh=list(paper.authors_zh or []),
        year=paper.year,
        section_title_zh=section.title_zh,
        section_title_en=section.title_en,
    )
