"""Addresses refused before any route sees them: an over-long one gets 414 with a clear page
(JSON under /api), never a 500 from deep inside; one with a NUL character (which no id
holds, and which PostgreSQL cannot even compare) gets the 404 page. Each parameter's own
length limit is declared on its route (`Query(max_length=…)` → 422)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from app.pages.errors import ErrorPage
from app.web.errors import json_error, wants_json
from app.web.i18n import N_, translations
from app.web.render import render, request_language

# Below the 8 KB that common proxies accept, above any address the app itself makes
# (a graph path of many nodes, a search for 500 Chinese characters percent-encoded).
MAX_URL_BYTES = 8000
TITLE = N_("Address too long")
MESSAGE = N_("This address is longer than the site accepts. Shorten it, or start again from the home page.")


def url_too_long(request: Request) -> Response:
    if wants_json(request.url.path):
        return json_error(414, MESSAGE, limit_bytes=MAX_URL_BYTES)
    gettext = translations(request_language(request)).gettext
    return render(request, "error.html", ErrorPage(status=414, title=TITLE, message=gettext(MESSAGE)), status_code=414)


def url_too_long_for(scope: Scope) -> bool:
    length = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
    return length > MAX_URL_BYTES


def holds_nul(scope: Scope) -> bool:
    query = scope.get("query_string", b"")
    return "\x00" in scope["path"] or b"\x00" in query or b"%00" in query


def no_such_address(request: Request) -> Response:
    message = "There is no page at this address."
    if wants_json(request.url.path):
        return json_error(404, message)
    return render(request, "error.html", ErrorPage(status=404, title="Not found", message=message), status_code=404)
