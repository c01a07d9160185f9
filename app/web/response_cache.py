"""A response cache for pages and their /api twins (pure ASGI middleware).

A page depends only on its path, the parameters its route reads, the interface language and
the dataset version, so a rendered 200 response is kept under that key and replayed until
the data change (a new snapshot clears it). A parameter no route reads (`?utm_source=…`) is
left out of the key, so it neither misses the page nor makes a new entry; a response is
kept only when every parameter of its request is one its route reads (or `lang`). Every
stored response gets a strong ETag (the one the app set, as an export does from its version,
format and filters; otherwise a digest of its body), and a request whose `If-None-Match`
names it gets a 304 without any rendering. Exports are kept too, up to MAX_ENTRY_BYTES each:
this is the one cache of rendered bytes. A stored text response keeps its gzip encoding
too, made once when it is stored, for the clients that take gzip; what this layer does not
replay from the cache it compresses on the way out for them (app/web/compression.py).

What is never stored: anything but a 200 to a GET, a body larger than MAX_ENTRY_BYTES, and
a response that sets any cookie other than the language cookie. The language cookie is the
one exception because it is fully determined by the key: `?lang=zh` (part of the key) is
what makes the page set it, so replaying it is exactly what a fresh render would do.

The cache stands in front of Starlette's own layers (app/main.py `ArgmapApp`), behind only
the request log and the edge (which adds the security headers to every response, replayed
ones included), so a hit pays for nothing else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import settings
from app.web.compression import Headers, compressing, gzip_encoding, request_takes_gzip, takes_gzip
from app.web.i18n import pick_language
from app.web.lru import SizedLRU
from app.web.render import LANG_COOKIE
from app.web.route_parameters import app_parameters, route_parameters
from app.web.security import SECURED, secured_headers
from app.web.send_filter import SendFilter

MAX_ENTRIES = 2048
MAX_BYTES = 64 * 1024 * 1024  # the whole cache
MAX_ENTRY_BYTES = 8 * 1024 * 1024  # one response (a whole export); larger ones are streamed through uncached
# Paths with their own caching (the long option lists: serialised once per snapshot, with
# their ETag) or none worth having.
UNCACHED_PREFIXES = (
    "/static/",
    "/api/chains/concepts",
    "/api/graph/nodes",
    "/guides/screenshots/",
    "/docs",
    "/openapi.json",
    "/healthz",
)
VARY = "Accept-Language, Cookie"


@dataclass(frozen=True)
class CachedResponse:
    headers: Headers  # as the app sent them, plus ETag and Vary
    body: bytes
    etag: bytes
    gzip: tuple[Headers, bytes] | None = None  # the gzip encoding's headers and body, for a text response

    def with_gzip(self) -> CachedResponse:
        return CachedResponse(self.headers, self.body, self.etag, gzip_encoding(self.headers, self.body))

    @property
    def size(self) -> int:
        return len(self.body) + (len(self.gzip[1]) if self.gzip else 0)


class ResponseCache(SizedLRU[str, CachedResponse]):
    """Least recently used entries go first once MAX_ENTRIES or MAX_BYTES is exceeded."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        super().__init__(lambda entry: entry.size, max_bytes=max_bytes, max_entries=max_entries)


def cache_key(scope: Scope, version: str, read: frozenset[str]) -> tuple[str, bytes, bool]:
    """The key, the request's `If-None-Match` and whether it takes gzip, read straight from
    the ASGI scope (a hit must cost next to nothing): scheme and host (pages print absolute permalinks), path, the
    parameters some route reads (`read`) in a canonical order (a repeated parameter's values
    keep theirs: the app reads the last, so `q=a&q=b` and `q=b&q=a` are different pages), the
    language the page will be shown in (as app/web/render.py's `request_language` picks it), and the
    dataset version."""
    headers = dict(scope["headers"])  # ASGI header names are lower case; the last one wins
    query_string = scope["query_string"]
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True) if query_string else []
    asked = next((value for name, value in reversed(pairs) if name == "lang"), None)
    cookie = headers.get(b"cookie")
    remembered = cookie_parser(cookie.decode("latin-1")).get(LANG_COOKIE) if cookie else None
    accepted = headers.get(b"accept-language", b"").decode("latin-1")
    query = urlencode(sorted((pair for pair in pairs if pair[0] in read), key=lambda pair: pair[0])) if pairs else ""
    host = headers.get(b"host", b"").decode("latin-1")
    key = "\n".join((scope["scheme"], host, scope.get("root_path", ""), scope["path"], query,
                     pick_language(asked, remembered, accepted), version))  # fmt: skip
    return key, headers.get(b"if-none-match", b""), takes_gzip(headers.get(b"accept-encoding", b""))


def _reads_all(scope: Scope) -> bool:
    """Whether the route that answered reads every parameter the request gave."""
    route = scope.get("route")
    if route is None:
        return False
    read = route_parameters(route)
    query = scope["query_string"].decode("latin-1")
    return all(name in read for name, _ in parse_qsl(query, keep_blank_values=True))


def is_cacheable_request(scope: Scope) -> bool:
    return scope["type"] == "http" and scope["method"] == "GET" and not scope["path"].startswith(UNCACHED_PREFIXES)


def _etag(body: bytes) -> bytes:
    return b'"' + hashlib.sha256(body).hexdigest()[:32].encode() + b'"'


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    if not if_none_match:
        return False
    return any(part.strip().removeprefix(b"W/") in (etag, b"*") for part in if_none_match.split(b","))  # weakly


def _storable_headers(headers: list[tuple[bytes, bytes]]) -> bool:
    """No cookie but the language cookie (see the module's docstring)."""
    prefix = LANG_COOKIE.encode() + b"="
    return all(value.startswith(prefix) for name, value in headers if name.lower() == b"set-cookie")


def _with_validators(headers: list[tuple[bytes, bytes]], etag: bytes) -> list[tuple[bytes, bytes]]:
    kept = [(n, v) for n, v in headers if n.lower() not in (b"etag", b"vary")]
    kept += [(b"etag", etag), (b"vary", VARY.encode())]
    if not any(n.lower() == b"cache-control" for n, _ in kept):
        kept.append((b"cache-control", b"no-cache"))  # may be kept, but revalidated (cheaply, by ETag)
    return kept


def _not_modified_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [(n, v) for n, v in headers if n.lower() not in (b"content-length", b"content-type")]


async def _replay(entry: CachedResponse, if_none_match: bytes, gzip: bool, send: Send) -> None:
    """The entry, in gzip if the client takes it and the entry has it; a 304 if the client's
    copy is current."""
    headers, body = entry.gzip if gzip and entry.gzip else (entry.headers, entry.body)
    if _matches(if_none_match, entry.etag):
        headers = _not_modified_headers(headers)
        await send({"type": "http.response.start", "status": 304, "headers": headers, SECURED: True})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": headers, SECURED: True})
    await send({"type": "http.response.body", "body": body})


class ResponseCacheMiddleware:
    """Finds the cache at `app.state.response_cache` and the version at `app.state.dataset_version`."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self._read: frozenset[str] | None = None  # known once the app's routes are all added

    def _parameters(self, scope: Scope) -> frozenset[str]:
        if self._read is None:
            self._read = app_parameters(scope["app"].router.routes)
        return self._read

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_cacheable_request(scope):
            gzip = scope["type"] == "http" and request_takes_gzip(scope)
            await self.app(scope, receive, compressing(send, gzip))
            return
        state = scope["app"].state
        cache: ResponseCache = state.response_cache
        version: str = state.dataset_version
        key, if_none_match, gzip = cache_key(scope, version, self._parameters(scope))
        entry = cache.get(key)
        if entry is not None:
            await _replay(entry, if_none_match, gzip, send)
            return

        def keeps() -> bool:
            # Kept unless switched off (ARGMAP_RESPONSE_CACHE=0), if the data did not change
            # under us and the route reads every parameter given
            return settings.response_cache and scope["app"].state.dataset_version == version and _reads_all(scope)

        def store(entry: CachedResponse) -> None:
            cache.put(key, entry)

        recorder = _Recorder(compressing(send, gzip), keeps, store, if_none_match, gzip, scope["path"])
        await self.app(scope, receive, recorder)


class _Recorder(SendFilter):
    """Passes a response on and keeps a copy for the cache. A page (no ETag of its own) is held
    until its last byte, since its ETag is a digest of the body; a response with its own ETag
    (an export) goes out as it is rendered, copied on the way. Anything but a storable 200,
    and a body over MAX_ENTRY_BYTES, just passes through."""

    def __init__(
        self,
        send: Send,
        keeps: Callable[[], bool],
        store: Callable[[CachedResponse], None],
        if_none_match: bytes,
        gzip: bool,
        path: str,
    ):
        super().__init__(send)
        self.path = path  # for the security policy, kept in a stored response's headers
        self.keeps = keeps
        self.store = store
        self.if_none_match = if_none_match
        self.gzip = gzip  # the client takes gzip
        self.headers: list[tuple[bytes, bytes]] = []
        self.own_etag: bytes | None = None
        self.parts: list[bytes] | None = []  # None once the body is too big to keep
        self.size = 0

    async def _start(self, message: Message) -> None:
        headers = list(message.get("headers", []))
        if message["status"] != 200 or not _storable_headers(headers):
            self.through = True
            await self.send(message)
            return
        self.start = message
        self.own_etag = next((v for n, v in headers if n.lower() == b"etag"), None)
        if self.own_etag is not None:
            self.headers = secured_headers(_with_validators(headers, self.own_etag), self.path)
            await self.send({**message, "headers": self.headers, SECURED: True})

    def _keep(self, chunk: bytes) -> None:
        if self.parts is not None:
            self.parts.append(chunk)
            self.size += len(chunk)
            if self.size > MAX_ENTRY_BYTES:
                self.parts = None

    async def _body(self, message: Message) -> None:
        assert self.start is not None
        held = self.parts
        self._keep(message.get("body", b""))
        last = not message.get("more_body", False)
        if self.own_etag is not None:  # already under way: on it goes
            await self.send(message)
            if last and self.parts is not None and self.keeps():
                entry = CachedResponse(headers=self.headers, body=b"".join(self.parts), etag=self.own_etag)
                self.store(entry.with_gzip())
            return
        if self.parts is None:  # too big to keep: what was held (this chunk too) goes, then the rest as it comes
            self.through = True
            await self.send(self.start)
            await self.send({"type": "http.response.body", "body": b"".join(held or []), "more_body": not last})
            return
        if last:
            body = b"".join(self.parts)
            etag = _etag(body)
            headers = secured_headers(_with_validators(list(self.start.get("headers", [])), etag), self.path)
            entry = CachedResponse(headers=headers, body=body, etag=etag)
            if self.keeps():
                entry = entry.with_gzip()
                self.store(entry)
            # Not kept, the entry has no gzip: app/web/compression.py compresses it on the way out.
            await _replay(entry, self.if_none_match, self.gzip, self.send)
