"""Long option lists (the chain pickers, the graph's search box) as resources of their own.

Such a list names every concept or node of the map, so it grows with the map while the
answer to one question does not. It is built and serialised once per snapshot (a `Derived`
value of the page that offers it), served at its own address with a strong ETag, so a browser fetches
it once and revalidates it cheaply, and written into a page only while it is short
(INLINE_MAX): on the real map a form keeps working without JavaScript; on a large one the
page stays small and a script fills the list from its address.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cached_property

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

INLINE_MAX = 500  # options written into the page; longer lists are fetched by the page's script
CACHE_CONTROL = "public, no-cache"  # may be stored, but revalidated (by ETag) on every use
NOT_MODIFIED: dict[int | str, dict[str, object]] = {304: {"description": "Not modified (If-None-Match)"}}


class OptionList:
    def __init__(self, items: Sequence[BaseModel]):
        self._count = len(items)
        # A long list is only ever sent as bytes: those are kept, not tens of thousands of
        # objects (on a large map that saves more memory than the bytes take). A short one
        # is serialised on its first request (a page that inlines it does not pay for it).
        self._items: Sequence[BaseModel] = items if self._count <= INLINE_MAX else ()
        if not self._items and items:
            self.body = _serialised(items)

    @property
    def inline(self) -> Sequence[BaseModel] | None:
        """The items to write into the page, or None when the page's script fetches them."""
        return self._items if self._count <= INLINE_MAX and len(self._items) == self._count else None

    @cached_property
    def body(self) -> bytes:
        return _serialised(self._items)

    @cached_property
    def etag(self) -> str:
        return f'"{hashlib.sha256(self.body).hexdigest()[:32]}"'


def _serialised(items: Sequence[BaseModel]) -> bytes:
    return b"[" + b",".join(item.model_dump_json().encode() for item in items) + b"]"


def _matches(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match", "")
    return any(part.strip().removeprefix("W/") in (etag, "*") for part in header.split(",") if part.strip())


def list_response(request: Request, options: OptionList) -> Response:
    """The list's bytes as they were serialised, or a 304 when the client holds them."""
    headers = {"ETag": options.etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request, options.etag):
        return Response(status_code=304, headers=headers)
    return Response(options.body, media_type="application/json", headers=headers)
