from fastapi import APIRouter, Request

from app.deps import SnapshotDep
from app.pages.card import ClaimCard, claim_card
from app.pages.claim import ClaimPage, claim_page
from app.pages.neighbourhood import claim_neighbourhood
from app.web import render, site_url

router = APIRouter()


@router.get("/claims/{claim_id}", include_in_schema=False)
def claim_html(request: Request, claim_id: str, snapshot: SnapshotDep):
    page = claim_page(snapshot, claim_id, site_url(request))
    return render(request, "claim.html", page, extra={"neighbourhood": claim_neighbourhood(page)})


@router.get("/api/claims/{claim_id}", response_model=ClaimPage, tags=["pages"])
def claim_api(request: Request, claim_id: str, snapshot: SnapshotDep) -> ClaimPage:
    return claim_page(snapshot, claim_id, site_url(request))


@router.get("/claims/{claim_id}/card", include_in_schema=False)
def claim_card_html(request: Request, claim_id: str, snapshot: SnapshotDep):
    """Small and self-contained, allowed in other sites' iframes (see app/security.py)."""
    return render(request, "card.html", claim_card(snapshot, claim_id, site_url(request)))


@router.get("/api/claims/{claim_id}/card", response_model=ClaimCard, tags=["pages"])
def claim_card_api(request: Request, claim_id: str, snapshot: SnapshotDep) -> ClaimCard:
    return claim_card(snapshot, claim_id, site_url(request))
