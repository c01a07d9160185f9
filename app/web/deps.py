"""Request dependencies, defined once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BeforeValidator
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from app.read.snapshot import Snapshot

log = logging.getLogger("argmap")


def get_session(request: Request) -> Iterator[Session]:
    """One session per request. Closing it rolls back, which fails when the server went away
    mid-request (a PostgreSQL fast shutdown): the answer is made by then, so the failure is
    logged and the connection dropped instead of breaking the reply off."""
    session = Session(request.app.state.engine)
    try:
        yield session
    finally:
        try:
            session.close()
        except DBAPIError as error:
            log.warning("closing a database session failed (%s); its connection is dropped", type(error).__name__)
            session.invalidate()


SessionDep = Annotated[Session, Depends(get_session)]


def _blank_as_none(value: object) -> object:
    return None if value == "" else value


async def current_snapshot(request: Request) -> Snapshot:
    """The snapshot this request reads, taken once (a swap during the request is not seen).
    Async, so FastAPI calls it in the event loop instead of a worker thread."""
    return request.app.state.snapshots.current


SnapshotDep = Annotated[Snapshot, Depends(current_snapshot)]


async def site_url(request: Request) -> str:
    """Scheme and host the reader used, for links meant to be copied or embedded elsewhere."""
    return str(request.base_url).rstrip("/")


SiteUrl = Annotated[str, Depends(site_url)]


# A form's "any" option submits an empty value (`?relation=`): read it as no filter, not a bad value.
BlankAsNone = BeforeValidator(_blank_as_none)
