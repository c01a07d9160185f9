"""Public read models shared by several pages (never table models)."""

from __future__ import annotations

from pydantic import BaseModel

from app.read.rows import ClaimRow, ConceptRow


class ClaimRef(BaseModel):
    id: str
    paper: str
    section: str
    kind: str
    weight: str
    quote_zh: str
    text_en: str
    url: str

    @classmethod
    def of(cls, claim: ClaimRow) -> ClaimRef:
        return cls(
            id=claim.id,
            paper=claim.paper_id,
            section=claim.section_id,
            kind=claim.kind,
            weight=claim.weight,
            quote_zh=claim.quote_zh,
            text_en=claim.text_en,
            url=f"/claims/{claim.id}",
        )


class ConceptRef(BaseModel):
    id: str
    label_zh: str
    label_en: str
    url: str

    @classmethod
    def of(cls, concept: ConceptRow) -> ConceptRef:
        return cls(id=concept.id, label_zh=concept.label_zh, label_en=concept.label_en, url=f"/concepts/{concept.id}")
