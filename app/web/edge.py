"""The app's edge (pure ASGI middleware, one layer): what every request and response gets.

- With a public base address (`ARGMAP_BASE_URL`), the request's scheme and Host are that
  address's, so every absolute URL the app makes (canonical links, permalinks, oEmbed,
  JSON-LD ids, redirects, script tags) comes from it, whatever Host the client sent.
- `HEAD` is answered as `GET` without the body (RFC 9110), cached pages included.
- Over-long addresses, and addresses holding a NUL, are refused before any route sees them
  (app/web/limits.py).
- Security headers go on every response (app/web/security.py), replayed cache hits included.
- Every request gets its line in the access log (app/web/request_log.py), with the status and
  the bytes that went out (the outermost layer: it sees an error that escaped every handler).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.limits import holds_nul, no_such_address, url_too_long, url_too_long_for
from app.web.request_log import log_request
from app.web.security import add_security_headers


def public_origin(base_url: str) -> tuple[str, str] | None:
    """(scheme, host[:port]) of the public base address, or None when none is set."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise ValueError(
            f"ARGMAP_BASE_URL must be a scheme and host (and port), e.g. https://argmap.example.org, not {base_url!r}"
        )
    return parts.scheme, parts.netloc


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, base_url: str = ""):
        self.app = app
        self.origin = public_origin(base_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = scope  # as the client asked: what the request's log line says
        scope = self._as_public(scope)
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        path = scope["path"]
        status = 500  # unless a response starts: an error escaped every handler
        size = 0

        async def finish(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                add_security_headers(message, path)
                status = message["status"]
            elif message["type"] == "http.response.body":
                if head:
                    if message.get("more_body", False):
                        return  # a HEAD answer has no body: the rest is dropped
                    message = {"type": "http.response.body", "body": b""}
                size += len(message.get("body", b""))
            await send(message)

        try:
            if url_too_long_for(scope):
                await url_too_long(Request(scope))(scope, receive, finish)
            elif holds_nul(scope):
                await no_such_address(Request(scope))(scope, receive, finish)
            else:
                await self.app(scope, receive, finish)
        finally:
            log_request(asked, status, size)

    def _as_public(self, scope: Scope) -> Scope:
        if self.origin is None:
            return scope
        scheme, host = self.origin
        headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
        headers.append((b"host", host.encode("latin-1")))
        return {**scope, "scheme": scheme, "headers": headers}
