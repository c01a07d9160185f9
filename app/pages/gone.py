"""The 410 page of a claim or concept removed without a successor."""

from __future__ import annotations

from pydantic import BaseModel

from app.pages.common import ClaimRef, ConceptRef
from app.read.rows import RedirectRow
from app.read.snapshot import Snapshot


class GonePage(BaseModel):
    id: str
    kind: str  # claim | concept
    reason: str
    retired_in: str  # the dataset version that removed it
    changes_url: str
    claims: list[ClaimRef]  # the closest items the record names
    concepts: list[ConceptRef]


def gone_page(snapshot: Snapshot, redirect: RedirectRow) -> GonePage:
    claims, concepts = [], []
    for ident in redirect.see_also:
        if claim := snapshot.claim.get(ident):
            claims.append(ClaimRef.of(claim))
        elif concept := snapshot.concept.get(ident):
            concepts.append(ConceptRef.of(concept))
    return GonePage(
        id=redirect.id,
        kind=redirect.kind,
        reason=redirect.reason,
        retired_in=redirect.version,
        changes_url=f"/changes#v{redirect.version}",
        claims=claims,
        concepts=concepts,
    )
