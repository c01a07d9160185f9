from fastapi import APIRouter

from app.pages.card import ClaimCard, claim_card
from app.pages.claim import ClaimPage, claim_page
from app.pages.neighbourhood import claim_neighbourhood
from app.pages.neighbourhood_svg import neighbourhood_svg
from app.web.deps import SiteUrl, SnapshotDep
from app.web.page_family import page_family
from app.web.render import interface_words

router = APIRouter()


@page_family(
    router,
    "/claims/{claim_id}",
    template="claim.html",
    on_event_loop=True,
    extra=lambda page, params: {
        "neighbourhood": neighbourhood_svg(claim_neighbourhood(page), *interface_words(params["request"]))
    },
)
def claim(snapshot: SnapshotDep, claim_id: str, site: SiteUrl) -> ClaimPage:
    return claim_page(snapshot, claim_id, site)


# Small and self-contained, allowed in other sites' iframes (see app/web/security.py).
@page_family(router, "/claims/{claim_id}/card", template="card.html", on_event_loop=True)
def claim_card_family(snapshot: SnapshotDep, claim_id: str, site: SiteUrl) -> ClaimCard:
    return claim_card(snapshot, claim_id, site)
