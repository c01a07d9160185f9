"""Assembles the application: database, data load, routers, static files, error pages."""

from __future__ import annotations

import logging
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import per_dataset, queries
from app.api_errors import ERROR_RESPONSES
from app.availability import DatabaseAvailabilityMiddleware, DatabaseGate
from app.cache import ResponseCache, ResponseCacheMiddleware
from app.config import settings
from app.db import create_tables, is_read_only, make_engine, set_aside_if_damaged
from app.edge import EdgeMiddleware, public_origin
from app.export_cache import ExportCache
from app.load import LoadError, data_changed, load_if_changed
from app.load_lock import load_lock
from app.pages.errors import ErrorPage
from app.pages.guides import GUIDE_SCREENSHOTS
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
from app.web import NotFound, json_error, render, wants_json
from app.yamlfile import Problem

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
    with Session(engine) as session:
        app.state.dataset_version = queries.dataset_version(session=session)
        per_dataset.build_all(session)  # the search index and the comparison's outline, before any reader asks
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
        yield
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
    )
    app.state.engine = make_engine(database_url or settings.resolved_database_url())
    app.state.data_dir = data_dir or settings.data_dir
    app.state.dataset_version = "not loaded"
    app.state.load_problems = []
    app.state.response_cache = ResponseCache()
    app.state.export_cache = ExportCache()

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
    def error(request: Request, status: int, title: str, message: str):
        if wants_json(request.url.path):
            return json_error(status, message)
        return render(request, "error.html", ErrorPage(status=status, title=title, message=message), status_code=status)

    async def not_found_answer(request: Request, message: str):
        """A retired id answers 301 or 410 (app/redirect_routes.py); anything else 404."""
        return await retired_id_answer(request) or error(request, 404, "Not found", message)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return await not_found_answer(request, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return await not_found_answer(request, "There is no page at this address.")
        response = error(request, exc.status_code, "Error", str(exc.detail))
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return error(request, 422, "Bad parameter", problems)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error(request, 500, "Server error", "Something went wrong on our side.")


app = create_app()
