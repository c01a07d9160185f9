"""Security headers on every response."""

from __future__ import annotations

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Embed cards are made to be shown inside other sites (LMS pages, slides): any ancestor,
# including a page opened from disk (`*` alone matches network schemes only, not file:).
EMBEDDABLE_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors * file: data: blob:")


def is_embeddable(path: str) -> bool:
    return path.startswith("/claims/") and path.endswith("/card")


class SecurityHeadersMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        path = request.url.path
        embeddable = is_embeddable(path)
        policy = EMBEDDABLE_CSP if embeddable else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if not embeddable:
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
