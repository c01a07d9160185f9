"""oEmbed (https://oembed.com) for claim pages: LMS pages, slides and blogs that paste a
claim's address get its card in an iframe."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from pydantic import BaseModel

from app.pages.card import claim_card
from app.read.snapshot import Snapshot
from app.web.errors import NotFound

EMBEDDABLE_PATH = re.compile(r"^/claims/(?P<claim>[a-z0-9-]+)(?:/card)?/?$")


class OEmbed(BaseModel):
    version: str = "1.0"
    type: str = "rich"
    provider_name: str = "argmap"
    provider_url: str
    title: str
    author_name: str
    html: str
    width: int
    height: int
    cache_age: int = 86400


def claim_id_of(url: str, host: str) -> str:
    """The claim a URL of this site names; anything else is not ours to embed."""
    parts = urlsplit(url)
    match = EMBEDDABLE_PATH.match(parts.path)
    if parts.netloc not in ("", host) or match is None:
        raise NotFound(
            "embeddable argmap page",
            url,
            message=f"The url {url!r} is not the address of a claim on this site "
            "(a claim page /claims/… or its card /claims/…/card).",
        )
    return match["claim"]


def oembed(snapshot: Snapshot, url: str, base_url: str, maxwidth: int | None, maxheight: int | None) -> OEmbed:
    card = claim_card(snapshot, claim_id_of(url, urlsplit(base_url).netloc), base_url)
    # The oEmbed spec: the answer never exceeds maxwidth or maxheight (the card reflows to fit).
    width = min(card.width, maxwidth or card.width)
    height = min(card.height, maxheight or card.height)
    iframe = (
        f'<iframe src="{escape(card.card_url)}" width="{width}" height="{height}" '
        f'title="{escape("argmap: " + card.text_en)}" loading="lazy" style="border:0"></iframe>'
    )
    return OEmbed(
        provider_url=base_url + "/",
        title=card.text_en,
        author_name="，".join(card.authors_zh),
        html=iframe,
        width=width,
        height=height,
    )
