"""Each paper's bibliography, with the claims that cite each entry."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.pages.common import ClaimRef


class CitingClaim(BaseModel):
    locator: str | None
    claim: ClaimRef


class ReferenceEntryPublic(BaseModel):
    id: str
    label: str
    kind: str
    text: str
    cited_by: list[CitingClaim]


class Bibliography(BaseModel):
    paper: str
    title_zh: str
    entries: list[ReferenceEntryPublic]


class ReferencesPage(BaseModel):
    papers: list[Bibliography]


def references_page(session: Session) -> ReferencesPage:
    claims = {c.id: c for c in queries.claims(session=session)}
    citing: dict[str, list[CitingClaim]] = {}
    for citation in queries.citations(session=session):
        citing.setdefault(citation.reference_id, []).append(
            CitingClaim(locator=citation.locator, claim=ClaimRef.of(claims[citation.claim_id]))
        )
    refs = queries.references(session=session)
    return ReferencesPage(
        papers=[
            Bibliography(
                paper=paper.id,
                title_zh=paper.title_zh,
                entries=[
                    ReferenceEntryPublic(
                        id=r.id,
                        label=r.label,
                        kind=r.kind,
                        text=r.text,
                        cited_by=sorted(citing.get(r.id, []), key=lambda c: claims[c.claim.id].position),
                    )
                    for r in refs
                    if r.paper_id == paper.id
                ],
            )
            for paper in queries.papers(session=session)
        ]
    )
