"""Security headers on every response (added by app/edge.py)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Embed cards are made to be shown inside other sites (LMS pages, slides): any ancestor,
# including a page opened from disk (`*` alone matches network schemes only, not file:).
EMBEDDABLE_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors * file: data: blob:")


def is_embeddable(path: str) -> bool:
    return path.startswith("/claims/") and path.endswith("/card")


def add_security_headers(headers: MutableHeaders, path: str) -> None:
    """The policy for `path`, unless the response set its own."""
    embeddable = is_embeddable(path)
    headers.setdefault("Content-Security-Policy", EMBEDDABLE_CSP if embeddable else CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if not embeddable:
        headers.setdefault("X-Frame-Options", "DENY")
