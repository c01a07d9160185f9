"""Request dependencies, defined once: the snapshot a request reads, the site's address, blank form values."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from pydantic import BeforeValidator

from app.read.snapshot import Snapshot


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
