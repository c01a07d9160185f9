"""Assembles the application: database, data load, routers, static files, error pages."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api_errors import ERROR_RESPONSES
from app.availability import DatabaseAvailabilityMiddleware, DatabaseGate
from app.cache import ResponseCache, ResponseCacheMiddleware
from app.config import settings
from app.dataset.load_lock import load_lock
from app.dataset.loader import LoadError, data_changed, load_if_changed
from app.dataset.yaml_lines import Problem
from app.db import create_tables, is_read_only, make_engine, set_aside_if_damaged
from app.edge import EdgeMiddleware, public_origin
from app.export_cache import ExportCache
from app.i18n import N_, translations
from app.pages.errors import LIST_OF, ErrorPage, address_without, describe_invalid, shown_choices, suggestions
from app.pages.guides import GUIDE_SCREENSHOTS
from app.read.holder import SnapshotHolder
from app.read.snapshot import Snapshot
from app.redirect_routes import retired_id_answer
from app.request_log import RequestLogMiddleware
from app.routes import (
    about,
    api_docs,
    chains,
    changes,
    claims,
    compare,
    concepts,
    exports,
    graph_view,
    guides,
    health,
    home,
    oembed,
    papers,
    search,
    tours,
)
from app.shedding import LoadSheddingMiddleware
from app.static_files import OptionalStaticFiles
from app.web import BadParameter, NotFound, json_error, render, request_language, wants_json

log = logging.getLogger("argmap")
SWITCH_INTERVAL_SECONDS = 0.001


def refresh_data(app: FastAPI) -> None:
    """Load the data files if they changed; on failure keep serving the last good data."""
    engine = app.state.engine
    data_dir: Path = app.state.data_dir
    app.state.load_problems = []
    try:
        if not is_read_only(engine):
            load_if_changed(engine, data_dir)
        elif data_changed(engine, data_dir):
            raise LoadError([Problem(str(data_dir), 1, "the data changed, but the database is read-only: not loaded")])
    except LoadError as error:
        app.state.load_problems = [str(p) for p in error.problems]
        log.error("data not loaded; still serving the last good data:\n%s", error)
    app.state.snapshots.refresh()  # the version the database now holds, read and prepared before it serves


def _swapped(app: FastAPI, snapshot: Snapshot) -> None:
    """A new snapshot serves: what was rendered from the old one goes."""
    app.state.dataset_version = snapshot.version
    app.state.response_cache.clear()  # keyed by version too; clearing frees the old pages
    app.state.export_cache.clear()  # likewise the export bodies


def create_app(database_url: str | None = None, data_dir: Path | None = None, base_url: str | None = None) -> FastAPI:
    """`base_url`: the site's public address (default: ARGMAP_BASE_URL; unset, the Host asked for)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The expensive renders are Python in worker threads; a shorter GIL switch interval
        # (default 5 ms) lets /healthz and cached pages in between them (app/shedding.py).
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        gate.try_prepare()  # if the database is down, the first request that reaches it prepares it
        app.state.snapshots.watch(settings.snapshot_watch_seconds)  # another process's load, picked up
        yield
        app.state.snapshots.stop()
        app.state.engine.dispose()

    app = FastAPI(
        title="argmap",
        description="A source-anchored argument map of two Chinese political-economy papers. "
        "Every HTML page has a JSON twin under /api.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by app/routes/api_docs.py with a vendored Swagger UI (works offline)
        redoc_url=None,
        responses=ERROR_RESPONSES,
        telemetry={"tracing": False, "metrics": False, "logs": False},  # none is used: no per-request check
    )
    app.state.engine = make_engine(database_url or settings.resolved_database_url())
    app.state.data_dir = data_dir or settings.data_dir
    app.state.dataset_version = "not loaded"
    app.state.load_problems = []
    app.state.response_cache = ResponseCache()
    app.state.export_cache = ExportCache()
    app.state.snapshots = SnapshotHolder(app.state.engine, on_swap=lambda snapshot: _swapped(app, snapshot))

    def prepare_database() -> None:
        with load_lock(app.state.engine):  # several workers: one loads, the others find it done
            set_aside_if_damaged(app.state.engine)  # a damaged SQLite file is rebuilt: it is derived data
            create_tables(app.state.engine)
            refresh_data(app)

    gate = DatabaseGate(prepare_database)
    # Every layer is pure ASGI; listed from the innermost out.
    app.add_middleware(DatabaseAvailabilityMiddleware, gate=gate)  # database errors → 503
    # beyond the bound → 503; a kept export is a replay, not a render
    app.add_middleware(LoadSheddingMiddleware, limit=settings.max_expensive_requests, cheap=exports.is_kept)
    app.add_middleware(ResponseCacheMiddleware)  # a hit replays the headers the inner layers added
    # HEAD, over-long addresses → 414, security headers, the public base address
    base_url = settings.base_url if base_url is None else base_url
    public_origin(base_url)  # a malformed address stops the start here, with its reason
    app.add_middleware(EdgeMiddleware, base_url=base_url)
    app.add_middleware(RequestLogMiddleware)  # outermost: sees every response as sent, cached or not
    app.mount("/static", StaticFiles(directory=str(settings.static_dir)), name="static")
    app.mount(
        "/guides/screenshots",
        OptionalStaticFiles(directory=str(GUIDE_SCREENSHOTS), check_dir=False),
        name="guide-screenshots",
    )
    for module in (
        home,
        papers,
        claims,
        concepts,
        compare,
        chains,
        graph_view,
        search,
        about,
        guides,
        api_docs,
        exports,
        oembed,
        health,
        changes,
        tours,
    ):
        app.include_router(module.router)
    _install_error_pages(app)
    return app


def _install_error_pages(app: FastAPI) -> None:
    """One place that turns a refused request into an HTML page (in the reader's language)
    or a JSON error (English; the same choices, suggestions and way back)."""

    def error(request: Request, page: ErrorPage, english: str):
        if wants_json(request.url.path):
            details: dict[str, Any] = {"choices": page.choices} if page.choices else {}
            if page.suggestions:
                details["suggestions"] = [s.model_dump() for s in page.suggestions]
            return json_error(page.status, english, **details)
        return render(request, "error.html", page, status_code=page.status)

    def gettext_for(request: Request):
        return translations(request_language(request)).gettext

    async def not_found_answer(request: Request, page: ErrorPage, english: str):
        """A retired id answers 301 or 410 (app/redirect_routes.py); anything else 404."""
        return await retired_id_answer(request) or error(request, page, english)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        _ = gettext_for(request)
        close = suggestions(app.state.snapshots.current, exc.what, exc.ident)
        message = _("There is no %(what)s “%(ident)s” in the map.") % {"what": _(exc.what), "ident": exc.ident}
        page = ErrorPage(
            status=404,
            title=N_("Not found"),
            message=message if request_language(request) != "en" or type(exc) is NotFound else str(exc),
            choices=shown_choices(exc.choices),
            suggestions=close,
            back=LIST_OF.get(exc.what, "/"),
        )
        return await not_found_answer(request, page, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        _ = gettext_for(request)
        if exc.status_code == 404:
            last = request.url.path.rstrip("/").rsplit("/", 1)[-1]  # /concept/patient-capital: the id, mistyped path
            close = suggestions(app.state.snapshots.current, "node", last) if last else []
            message = _("There is no page at this address.")
            page = ErrorPage(status=404, title=N_("Not found"), message=message, suggestions=close)
            return await not_found_answer(request, page, "There is no page at this address.")
        detail = str(exc.detail)
        page = ErrorPage(status=exc.status_code, title=N_("Error"), message=_(detail))
        response = error(request, page, detail)
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    def refused_parameters(request: Request, errors: Sequence[Any]):
        message, choices, names = describe_invalid(errors, gettext_for(request))
        english, _choices, _names = describe_invalid(errors, str)
        page = ErrorPage(
            status=422,
            title=N_("Bad parameter"),
            message=message,
            choices=shown_choices(choices),
            back=address_without(request.url.path, request.query_params.multi_items(), names),
        )
        return error(request, page, english)

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(request: Request, exc: RequestValidationError):
        return refused_parameters(request, exc.errors())

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter):
        return refused_parameters(request, [exc.as_error()])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        _ = gettext_for(request)
        page = ErrorPage(status=500, title=N_("Server error"), message=_("Something went wrong on our side."))
        return error(request, page, "Something went wrong on our side.")


app = create_app()
