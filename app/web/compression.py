"""Compressed answers for the clients that take them.

A page of the map is text that compresses five to ten times (the whole comparison: 266 KB,
about 30 KB in gzip), which counts on a phone's connection. A client whose `Accept-Encoding`
takes gzip gets gzip:

- a page, `/api` twin or export the response cache keeps is compressed once, when it is
  kept, and replayed compressed (app/web/response_cache.py);
- anything else (static files, error pages, a response the cache does not keep, every
  response when the cache is off) is compressed on its way out by `compressing`; a long
  export streams out compressed, chunk by chunk.

The response cache's layer decides which (app/web/response_cache.py): compression has no layer
of its own, so that a cache hit pays for nothing more than one look at a header it reads anyway.

Only text (HTML, JSON, CSS, JavaScript, SVG, XML, CSV, plain text) of at least MIN_SIZE bytes
is compressed. A compressed answer's ETag is weak (`W/"…"`, as nginx and Django make it): both
encodings are the same page, and every `If-None-Match` here is compared weakly, so either tag
revalidates either encoding. A compressed answer says `Vary: Accept-Encoding`. The gzip header
carries no time, so the same page always compresses to the same bytes.
"""

from __future__ import annotations

import zlib

from starlette.types import Message, Scope, Send

from app.web.send_filter import SendFilter

MIN_SIZE = 1024  # smaller bodies gain less than the header costs
# A body the cache keeps is compressed once, as well as zlib's default level does (most of
# level 9's gain at a third of its time); one compressed on every request, as fast as zlib
# can (nginx's default: 2.2 times faster, 15-30% larger; the whole comparison in 2.8 ms, 53 KB).
KEPT_LEVEL = 6
PASSING_LEVEL = 1
GZIP_WINDOW = 31  # zlib's window bits for a gzip wrapper (16 + 15), written without a time
TEXT_TYPES = {b"application/json", b"application/javascript", b"application/xml"}

Headers = list[tuple[bytes, bytes]]


def takes_gzip(accept_encoding: bytes) -> bool:
    """Whether an Accept-Encoding value takes gzip: named (or `*`) with a q above 0."""
    wildcard = False
    for item in accept_encoding.lower().split(b","):
        coding, *params = item.split(b";")
        q = next((param.strip()[2:] for param in params if param.strip().startswith(b"q=")), b"1")
        try:
            accepted = float(q) > 0
        except ValueError:
            accepted = False
        coding = coding.strip()
        if coding in (b"gzip", b"x-gzip"):
            return accepted
        if coding == b"*":
            wildcard = accepted
    return wildcard


def request_takes_gzip(scope: Scope) -> bool:
    return any(name == b"accept-encoding" and takes_gzip(value) for name, value in scope["headers"])


def is_text(headers: Headers) -> bool:
    """Whether a response is text worth compressing and not encoded already."""
    media = None
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-encoding":
            return False
        if lowered == b"content-type":
            media = value.split(b";")[0].strip().lower()
    if media is None:
        return False
    return media.startswith(b"text/") or media in TEXT_TYPES or media.endswith((b"+json", b"+xml"))


def gzipped(body: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, GZIP_WINDOW)
    return compressor.compress(body) + compressor.flush()


def weak(etag: bytes) -> bytes:
    return etag if etag.startswith(b"W/") else b"W/" + etag


def compressed_headers(headers: Headers, length: int | None) -> Headers:
    """The headers of the gzip encoding: the coding, Vary, a weak ETag, and its length where
    the response gave one (None: streamed, so none; a streamed export gives none either)."""
    kept: Headers = []
    vary = b""
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-length":
            if length is not None:
                kept.append((name, str(length).encode()))
        elif lowered == b"vary":
            vary = value
        else:
            kept.append((name, weak(value) if lowered == b"etag" else value))
    kept.append((b"content-encoding", b"gzip"))
    kept.append((b"vary", vary + b", Accept-Encoding" if vary else b"Accept-Encoding"))
    return kept


def gzip_encoding(headers: Headers, body: bytes, level: int = KEPT_LEVEL) -> tuple[Headers, bytes] | None:
    """A whole response's gzip encoding (headers and body), or None when it is not worth one."""
    if len(body) < MIN_SIZE or not is_text(headers):
        return None
    compressed = gzipped(body, level)
    return compressed_headers(headers, len(compressed)), compressed


def compressing(send: Send, gzip: bool) -> Send:
    """`send`, compressing what is worth it on the way when the client takes gzip."""
    return _Compressor(send) if gzip else send


class _Compressor(SendFilter):
    """Compresses one response on its way out: its start is held until its first body message
    says how big it is, then it is sent whole (a body in one message) or streamed (in several)."""

    def __init__(self, send: Send):
        super().__init__(send)
        self.stream: zlib._Compress | None = None

    async def _start(self, message: Message) -> None:
        headers = list(message.get("headers", []))
        if message["status"] == 304:  # it stands for what a 200 would be: perhaps compressed
            message = {**message, "headers": [(n, weak(v) if n.lower() == b"etag" else v) for n, v in headers]}
        elif message["status"] >= 200 and message["status"] != 204 and is_text(headers) and not _short(headers):
            self.start = message
            return
        self.through = True
        await self.send(message)

    async def _body(self, message: Message) -> None:
        assert self.start is not None
        body = message.get("body", b"")
        more = message.get("more_body", False)
        headers = list(self.start.get("headers", []))
        if self.stream is None and not more:  # the whole body at once
            encoded = gzip_encoding(headers, body, PASSING_LEVEL)
            if encoded is None:
                self.through = True
                await self.send(self.start)
                await self.send(message)
                return
            await self.send({**self.start, "headers": encoded[0]})
            await self.send({"type": "http.response.body", "body": encoded[1]})
            self.through = True
            return
        if self.stream is None:
            self.stream = zlib.compressobj(PASSING_LEVEL, zlib.DEFLATED, GZIP_WINDOW)
            await self.send({**self.start, "headers": compressed_headers(headers, None)})
        out = self.stream.compress(body)
        if not more:
            out += self.stream.flush()
            self.through = True
        if out or not more:
            await self.send({"type": "http.response.body", "body": out, "more_body": more})


def _short(headers: Headers) -> bool:
    """A body its Content-Length says is under MIN_SIZE."""
    length = next((value for name, value in headers if name.lower() == b"content-length"), None)
    return length is not None and length.isdigit() and int(length) < MIN_SIZE
