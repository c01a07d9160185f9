"""Load shedding: a bound on concurrent expensive work, so the app keeps answering.

Chain queries, graph views, exports and searches are rendered in the thread pool and can take
a good part of a second each; fifty at once would queue everything behind them (`/healthz`
past a container's health-check timeout). At most `limit` of them run at a time per process;
one more waits half a second at most for a place, then is answered 503 with `Retry-After`. The layer sits inside
the response cache, so a page already rendered for this dataset version is replayed without
counting, and everything else (`/healthz`, claim and concept pages, static files) is never
held back; nor is an export whose body is kept (a replay).
"""

from __future__ import annotations

import asyncio
from collections import deque
from functools import cache
from html import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.web.errors import json_error, wants_json
from app.web.i18n import translations
from app.web.render import request_language

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
WAIT_SECONDS = 0.5  # how long one more may wait for a place before its 503: never a queue of seconds
TITLE = "Busy"
MESSAGE = "The site is answering many demanding requests just now. Please try again in a moment."


def is_expensive(path: str) -> bool:
    return path.startswith(EXPENSIVE_PREFIXES) and not path.startswith(CHEAP_EXCEPTIONS)


# A short page, made once per language: a storm meets thousands of these, so they cost nothing.
BUSY_PAGE = (
    '<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>503 · {title}</title><link rel="stylesheet" href="/static/css/argmap.css"></head>'
    '<body><main><h1>503 · {title}</h1><p>{message}</p><p><a href="/">{home}</a></p></main></body></html>\n'
)
HEADERS = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


@cache
def _busy_page(lang: str) -> bytes:
    gettext = translations(lang).gettext
    words = {"title": gettext(TITLE), "message": gettext(MESSAGE), "home": gettext("Go to the papers")}
    return BUSY_PAGE.format(lang=lang, **{name: escape(text) for name, text in words.items()}).encode()


def busy_response(request: Request) -> Response:
    if wants_json(request.url.path):
        response: Response = json_error(503, MESSAGE, retry_after=RETRY_AFTER_SECONDS)
        response.headers.update(HEADERS)
        return response
    lang = request_language(request)
    headers = {**HEADERS, "Content-Language": lang}
    return Response(_busy_page(lang), status_code=503, media_type="text/html; charset=utf-8", headers=headers)


class LoadSheddingMiddleware:
    """`limit` expensive requests at a time per process. One more waits up to `wait` seconds for
    a place (a burst is smoothed, a client retrying at once is slowed), then gets the 503.
    Everything runs on the one event loop, so a counter and a queue of futures need no lock."""

    def __init__(self, app: ASGIApp, limit: int, wait: float = WAIT_SECONDS):
        self.app = app
        self.limit = limit
        self.wait = wait
        self.running = 0
        self.waiting: deque[asyncio.Future[None]] = deque()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_expensive(scope["path"]):
            await self.app(scope, receive, send)
            return
        if not await self._take_place():
            await busy_response(Request(scope))(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)  # a streamed export holds its place until its last byte
        finally:
            self._give_place()

    async def _take_place(self) -> bool:
        if self.running < self.limit:
            self.running += 1
            return True
        waiter = asyncio.get_running_loop().create_future()
        self.waiting.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self.wait)
            return True  # a finishing request handed its place over
        except TimeoutError:
            if waiter.done() and not waiter.cancelled():
                return True  # handed over just as the wait ran out
            waiter.cancel()
            return False

    def _give_place(self) -> None:
        while self.waiting:
            waiter = self.waiting.popleft()
            if waiter.done():
                continue
            if waiter.get_loop() is asyncio.get_running_loop():
                waiter.set_result(None)  # the place passes on: `running` stays the same
            else:  # the same app served from another event loop (tests do that)
                waiter.get_loop().call_soon_threadsafe(self._hand_over, waiter)
            return
        self.running -= 1

    def _hand_over(self, waiter: asyncio.Future[None]) -> None:
        if waiter.done():  # it stopped waiting meanwhile: the place goes to the next one
            self._give_place()
        else:
            waiter.set_result(None)
