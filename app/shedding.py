"""Load shedding: a bound on concurrent expensive work, so the app keeps answering.

Chain queries, graph views, exports and searches are rendered in the thread pool and can take
a good part of a second each; fifty at once would queue everything behind them (`/healthz`
past a container's health-check timeout). At most `limit` of them run at a time per process;
one more is answered at once with 503 and `Retry-After`, never queued. The layer sits inside
the response cache, so a page already rendered for this dataset version is replayed without
counting, and everything else (`/healthz`, claim and concept pages, static files) is never
held back.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.i18n import translations
from app.pages.errors import ErrorPage
from app.web import json_error, render, request_language, wants_json

EXPENSIVE_PREFIXES = (
    "/chains",
    "/api/chains",
    "/graph",
    "/api/graph",
    "/export",
    "/api/export",
    "/search",
    "/api/search",
)
# Served once per dataset version (ETag), cheap after the first time.
CHEAP_EXCEPTIONS = ("/api/chains/concepts", "/api/graph/nodes", "/export/sources/")
RETRY_AFTER_SECONDS = 2
TITLE = "Busy"
MESSAGE = "The site is answering many demanding requests just now. Please try again in a moment."


def is_expensive(path: str) -> bool:
    return path.startswith(EXPENSIVE_PREFIXES) and not path.startswith(CHEAP_EXCEPTIONS)


def busy_response(request: Request) -> Response:
    if wants_json(request.url.path):
        response: Response = json_error(503, MESSAGE, retry_after=RETRY_AFTER_SECONDS)
    else:
        gettext = translations(request_language(request)).gettext
        response = render(
            request, "error.html", ErrorPage(status=503, title=TITLE, message=gettext(MESSAGE)), status_code=503
        )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


class LoadSheddingMiddleware:
    """`limit` expensive requests at a time (one event loop per process: a plain counter)."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit
        self.running = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_expensive(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.running >= self.limit:
            await busy_response(Request(scope))(scope, receive, send)
            return
        self.running += 1
        try:
            await self.app(scope, receive, send)  # a streamed export holds its place until its last byte
        finally:
            self.running -= 1
