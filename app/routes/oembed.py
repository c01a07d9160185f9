from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from app.pages.oembed import OEmbed, oembed
from app.web.api_errors import ApiError
from app.web.deps import SnapshotDep
from app.web.i18n import N_
from app.web.render import site_url

router = APIRouter()


@router.get(
    "/oembed",
    response_model=OEmbed,
    tags=["embed"],
    responses={501: {"model": ApiError, "description": "Only format=json is offered (the oEmbed spec's answer)"}},
)
def oembed_json(
    request: Request,
    snapshot: SnapshotDep,
    url: Annotated[str, Query(min_length=1, max_length=500, description="Address of a claim page or card")],
    format: Annotated[str, Query(max_length=10)] = "json",
    maxwidth: Annotated[int | None, Query(ge=1, le=10000)] = None,
    maxheight: Annotated[int | None, Query(ge=1, le=10000)] = None,
) -> OEmbed:
    if format != "json":
        # The oEmbed spec's answer for a format the provider does not offer.
        raise HTTPException(status_code=501, detail=N_("Only format=json is offered."))
    return oembed(snapshot, url, site_url(request), maxwidth, maxheight)
