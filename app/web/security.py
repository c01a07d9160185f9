"""Security headers on every response (added by app/web/edge.py)."""

from __future__ import annotations

from starlette.types import Message

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Embed cards are made to be shown inside other sites (LMS pages, slides): any ancestor,
# including a page opened from disk (`*` alone matches network schemes only, not file:).
EMBEDDABLE_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors * file: data: blob:")


def is_embeddable(path: str) -> bool:
    return path.startswith("/claims/") and path.endswith("/card")


def _policy(embeddable: bool) -> tuple[tuple[bytes, bytes], ...]:
    headers = {
        b"content-security-policy": EMBEDDABLE_CSP if embeddable else CSP,
        b"x-content-type-options": "nosniff",
        b"referrer-policy": "strict-origin-when-cross-origin",
    }
    if not embeddable:
        headers[b"x-frame-options"] = "DENY"
    return tuple((name, value.encode("latin-1")) for name, value in headers.items())


POLICIES = {embeddable: _policy(embeddable) for embeddable in (False, True)}


# A start message whose headers already hold the policy (a response cache replay) says so.
SECURED = "argmap.secured"


def secured_headers(headers: list[tuple[bytes, bytes]], path: str) -> list[tuple[bytes, bytes]]:
    """The headers with the policy for `path`, where the response did not set its own."""
    present = {bytes(name).lower() for name, _ in headers}
    return headers + [header for header in POLICIES[is_embeddable(path)] if header[0] not in present]


def add_security_headers(message: Message, path: str) -> None:
    """The policy for `path` on a response's start message (unless it holds it already)."""
    if not message.get(SECURED):
        message["headers"] = secured_headers(list(message.get("headers", [])), path)
