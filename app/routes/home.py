from fastapi import APIRouter
from fastapi.responses import FileResponse, PlainTextResponse

from app.config import settings
from app.pages.home import HomePage, home_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()
KEPT_A_DAY = {"Cache-Control": "public, max-age=86400"}  # the site's own files at the root, not the pages


@page_family(router, "/", template="index.html", api_path="/api")
def home(snapshot: SnapshotDep) -> HomePage:
    return home_page(snapshot)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for it at the root before reading any page; base.html names it too."""
    return FileResponse(settings.static_dir / "favicon.ico", headers=KEPT_A_DAY)


# Crawlers may read every page of the map, but not the JSON twins (the same data again), the
# downloads, or the endless space of graph views, chain questions and searches: each is a new
# address, rendered afresh, and every claim and concept they show has its own page. Plain
# prefixes only, read alike by every crawler (a rule ending in "?" is not: Python's parser drops it).
ROBOTS_TXT = """User-agent: *
Disallow: /api/
Disallow: /export/
Disallow: /graph
Disallow: /chains
Disallow: /search
Disallow: /compare/map
Disallow: /oembed
"""


@router.get("/robots.txt", include_in_schema=False)
def robots() -> PlainTextResponse:
    return PlainTextResponse(ROBOTS_TXT, headers=KEPT_A_DAY)
