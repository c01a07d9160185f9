"""The database may go away (restart, network); the app says so and comes back by itself.

Any database error that reaches the edge of the app becomes a 503 page (JSON under /api)
with `Retry-After`, never a 500. Nothing is restarted: PostgreSQL connections are checked
before use (`pool_pre_ping`), so the first request after the database is back succeeds.
If the database is unreachable when the app starts, the tables and data are prepared on
the first request that finds it reachable again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.database.engine import is_damage
from app.pages.errors import ErrorPage
from app.web.errors import json_error, wants_json
from app.web.i18n import N_, translations
from app.web.render import render, request_language

log = logging.getLogger("argmap")

DATABASE_ERRORS = (DBAPIError, PoolTimeout)
RETRY_AFTER_SECONDS = 10
TITLE = N_("Database unavailable")
MESSAGE = N_("The database cannot be reached just now, so this page cannot be shown. Please try again in a moment.")


class DatabaseGate:
    """Runs the start-up preparation once it succeeds; until then every request retries it."""

    def __init__(self, prepare: Callable[[], None]):
        self._prepare = prepare
        self._lock = threading.Lock()
        self.ready = False
        self.last_error: Exception | None = None

    def damaged(self, error: Exception) -> None:
        """A request met a damaged database file: the next request prepares it again (rebuilds it)."""
        with self._lock:
            self.ready = False
            self.last_error = error

    def try_prepare(self) -> bool:
        with self._lock:
            if not self.ready:
                try:
                    self._prepare()
                except DATABASE_ERRORS as error:
                    log.error("database unreachable, the app answers 503 until it is back: %s", first_line(error))
                    self.last_error = error
                    return False
                self.ready = True
        return True


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def health_unavailable(error: Exception) -> JSONResponse:
    """What /healthz answers while the database cannot be read: `unreachable` (the server is
    away) or `unreadable` (the database file is damaged: it is being rebuilt)."""
    if is_damage(error):
        body = {"status": "error", "database": "unreadable", "error": type(error).__name__}
    else:
        body = {"status": "unavailable", "database": "unreachable", "error": type(error).__name__}
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def unavailable_response(request: Request, error: Exception) -> Response:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.url.path == "/healthz":
        return health_unavailable(error)
    if wants_json(request.url.path):
        response: Response = json_error(503, MESSAGE, database="unreachable")
    else:
        gettext = translations(request_language(request)).gettext
        page = ErrorPage(status=503, title=TITLE, message=gettext(MESSAGE))
        response = render(request, "error.html", page, status_code=503)
    response.headers.update(headers)
    return response


class DatabaseAvailabilityMiddleware:
    def __init__(self, app: ASGIApp, gate: DatabaseGate):
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        needs_database = not scope["path"].startswith("/static/")
        if needs_database and not self.gate.ready and not await run_in_threadpool(self.gate.try_prepare):
            error = self.gate.last_error or ConnectionError()
            await unavailable_response(Request(scope), error)(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except DATABASE_ERRORS as error:
            if started:
                raise  # a streamed body broke off half-way: nothing better to send
            log.warning("database error on %s: %s", scope["path"], first_line(error))
            if is_damage(error):
                self.gate.damaged(error)
            await unavailable_response(Request(scope), error)(scope, receive, send)
