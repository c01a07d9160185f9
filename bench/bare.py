"""The bare ASGI app: a plain `async def app(scope, receive, send)` answering every request
with one response captured from argmap (its status, headers and body), served by uvicorn with
the settings `argmap serve` gives it (bench/serving.py `start_bare`). No framework, no
middleware: what the cached claim page is compared with (issue 15: cached ≥ 0.8× bare).

The capture is a JSON file named by BENCH_BARE_CAPTURE, written by `capture()`:
{"url": …, "status": 200, "headers": [[name, value], …], "body_base64": …}.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.request
from pathlib import Path

# uvicorn writes these itself on every response; the others are replayed as argmap sent them.
_WRITTEN_BY_THE_SERVER = {"date", "server", "connection", "keep-alive", "transfer-encoding"}


def capture(url: str, out: Path) -> dict:
    """Ask `url` (twice: the second answer is the cached one) and write its status, headers and body to `out`."""
    urllib.request.urlopen(url, timeout=60).read()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        recorded = {
            "url": url,
            "status": response.status,
            "headers": [[n.lower(), v] for n, v in response.getheaders() if n.lower() not in _WRITTEN_BY_THE_SERVER],
            "body_bytes": len(body),
            "body_base64": base64.b64encode(body).decode(),
        }
    out.write_text(json.dumps(recorded, indent=1))
    return recorded


def _load() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    path = os.environ.get("BENCH_BARE_CAPTURE")
    if not path:
        return 200, [(b"content-type", b"text/plain"), (b"content-length", b"4")], b"bare"
    recorded = json.loads(Path(path).read_text())
    headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in recorded["headers"]]
    return recorded["status"], headers, base64.b64decode(recorded["body_base64"])


STATUS, HEADERS, BODY = _load()


async def app(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": STATUS, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
