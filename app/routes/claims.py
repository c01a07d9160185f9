from fastapi import APIRouter, Request

from app.deps import SessionDep
from app.pages.claim import ClaimPage, claim_page
from app.web import render

router = APIRouter()


@router.get("/claims/{claim_id}", include_in_schema=False)
def claim_html(request: Request, claim_id: str, session: SessionDep):
    return render(request, "claim.html", claim_page(session, claim_id))


@router.get("/api/claims/{claim_id}", response_model=ClaimPage, tags=["pages"])
def claim_api(claim_id: str, session: SessionDep) -> ClaimPage:
    return claim_page(session, claim_id)
