"""Assembles the application: database, data load, routers, static files, error pages."""

from __future__ import annotations

import logging
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import settings
from app.database.engine import create_tables, is_read_only, make_engine, set_aside_if_damaged
from app.dataset.load_lock import load_lock
from app.dataset.loader import LoadError, data_changed, load_if_changed
from app.dataset.yaml_lines import Problem
from app.pages.guides import GUIDE_SCREENSHOTS
from app.read.holder import SnapshotHolder
from app.read.snapshot import Snapshot
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
from app.web.api_errors import ERROR_RESPONSES
from app.web.availability import DatabaseAvailabilityMiddleware, DatabaseGate
from app.web.edge import EdgeMiddleware, public_origin
from app.web.error_pages import install_error_pages
from app.web.response_cache import ResponseCache, ResponseCacheMiddleware
from app.web.shedding import LoadSheddingMiddleware
from app.web.static_files import STATIC_PATH, OptionalStaticFiles

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


class ArgmapApp(FastAPI):
    """FastAPI, with the layers every request meets in front of Starlette's own: the edge (the
    request log, public base address, HEAD, refused addresses, security headers) and the
    response cache, so a cache hit passes through nothing else. `front` is set by create_app."""

    front: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        scope["app"] = self
        await self.front(scope, receive, send)

    async def behind_the_front(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


def create_app(database_url: str | None = None, data_dir: Path | None = None, base_url: str | None = None) -> FastAPI:
    """`base_url`: the site's public address (default: ARGMAP_BASE_URL; unset, the Host asked for)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # The expensive renders are Python in worker threads; a shorter GIL switch interval
        # (default 5 ms) lets /healthz and cached pages in between them (app/web/shedding.py).
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
        gate.try_prepare()  # if the database is down, the first request that reaches it prepares it
        app.state.snapshots.watch(settings.snapshot_watch_seconds)  # another process's load, picked up
        yield
        app.state.snapshots.stop()
        app.state.engine.dispose()

    app = ArgmapApp(
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
    app.state.snapshots = SnapshotHolder(app.state.engine, on_swap=lambda snapshot: _swapped(app, snapshot))

    def prepare_database() -> None:
        with load_lock(app.state.engine):  # several workers: one loads, the others find it done
            set_aside_if_damaged(app.state.engine)  # a damaged SQLite file is rebuilt: it is derived data
            create_tables(app.state.engine)
            refresh_data(app)

    gate = DatabaseGate(prepare_database)
    # Every layer is pure ASGI; listed from the innermost out.
    app.add_middleware(DatabaseAvailabilityMiddleware, gate=gate)  # database errors → 503
    # beyond the bound → 503 (a cached answer never gets this far)
    app.add_middleware(LoadSheddingMiddleware, limit=settings.max_expensive_requests)
    # In front of Starlette's own layers, from the outside in: the edge (the request log, which
    # sees every response as sent, cached or not; HEAD, over-long addresses → 414, security
    # headers, the public base address); the response cache, which also compresses for the
    # clients that take gzip (app/web/compression.py).
    base_url = settings.base_url if base_url is None else base_url
    public_origin(base_url)  # a malformed address stops the start here, with its reason
    app.front = EdgeMiddleware(ResponseCacheMiddleware(app.behind_the_front), base_url=base_url)
    app.mount(STATIC_PATH, StaticFiles(directory=str(settings.static_dir)), name="static")
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
    install_error_pages(app)
    return app


app = create_app()
