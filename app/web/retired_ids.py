"""Answer requests for retired ids: 301 to the successor, or 410 Gone.

Any path whose segment after one of PREFIXES is a retired id is answered, keeping the
rest of the path and the query string: /claims/<old>/card → /claims/<new>/card. The app's
not-found handler asks `retired_id_answer` (app/main.py), so it only looks when the app itself
found nothing and live pages pay nothing for it. The retired ids are the snapshot's
(`snapshot.redirect`): no query per request.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.pages.gone import gone_page
from app.read.snapshot import Snapshot
from app.web.errors import json_error
from app.web.render import render

# path prefix → the kind of id that follows it (None: either kind)
PREFIXES: dict[str, str | None] = {
    "/claims/": "claim",
    "/api/claims/": "claim",
    "/concepts/": "concept",
    "/api/concepts/": "concept",
    "/compare/": None,
    "/api/compare/": None,
}


def split_path(path: str) -> tuple[str, str | None, str, str] | None:
    """(prefix, kind, id, rest of the path) when the path names an item by id."""
    for prefix, kind in PREFIXES.items():
        if path.startswith(prefix):
            ident, slash, rest = path.removeprefix(prefix).partition("/")
            if ident:
                return prefix, kind, ident, slash + rest
    return None


async def retired_id_answer(request: Request) -> Response | None:
    """301 to the successor or 410 Gone when the path names a retired id; None otherwise."""
    if not (parts := split_path(request.url.path)):
        return None
    prefix, kind, ident, rest = parts
    snapshot: Snapshot = request.app.state.snapshots.current
    redirect = snapshot.redirect.get(ident)
    if redirect is None or (kind and redirect.kind != kind):
        return None
    if redirect.target_id:
        url = prefix + quote(redirect.target_id) + rest
        if request.url.query:
            url += "?" + request.url.query
        return RedirectResponse(url, status_code=301)
    page = gone_page(snapshot, redirect)
    message = f"The {redirect.kind} {ident!r} was removed in dataset version {redirect.version}: {redirect.reason}"
    if request.url.path.startswith("/api/"):
        return json_error(410, message, **page.model_dump())
    return render(request, "gone.html", page, status_code=410)
