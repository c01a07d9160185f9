"""One line per request, in the Apache/NCSA combined log format, written from one place.

    127.0.0.1 - - [30/Nov/2026:09:12:03 +0000] "GET /claims/x?lang=zh HTTP/1.1" 200 5120 "-" "curl/8.0"

Log tools (GoAccess, AWStats, `awk`) read it as is. `argmap serve` turns uvicorn's own
access log off (`access_log=False`), so each request is logged once, here.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
import time
from typing import Any

from starlette.types import Scope

log = logging.getLogger("argmap.access")


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return "\\" + char if char in '"\\' else f"\\x{ord(char):02x}"


def _quoted(value: str) -> str:
    """Quotes, backslashes and control characters escaped as Apache does: a request cannot forge a log line."""
    return _NEEDS_ESCAPE.sub(_escape, value)


_stamps: dict[int, str] = {}  # the last second's stamp: one strftime per second, not per request


def _stamp(now: float) -> str:
    second = int(now)
    stamp = _stamps.get(second)
    if stamp is None:
        stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(second))
        _stamps.clear()
        _stamps[second] = stamp
    return stamp


def combined_line(scope: Scope, status: int, size: int, now: float) -> str:
    referer = user_agent = "-"
    for name, value in scope.get("headers", []):
        if name == b"referer":
            referer = value.decode("latin-1")
        elif name == b"user-agent":
            user_agent = value.decode("latin-1")
    client = scope.get("client")
    host = client[0] if client else "-"
    target = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
    if scope.get("query_string"):
        target += "?" + scope["query_string"].decode("latin-1")
    request_line = f"{scope['method']} {target} HTTP/{scope.get('http_version', '1.1')}"
    return (
        f'{host} - - [{_stamp(now)}] "{_quoted(request_line)}" {status} {size or "-"} '
        f'"{_quoted(referer)}" "{_quoted(user_agent)}"'
    )


def log_request(scope: Scope, status: int, size: int) -> None:
    """The request's line, if the access log is on (app/web/edge.py calls it for every request)."""
    if log.isEnabledFor(logging.INFO):
        write_line(combined_line(scope, status, size, time.time()))


def write_line(line: str) -> None:
    """One request line. Under `argmap serve` (the access log's only handlers are batched
    streams, nothing propagates) it goes straight to their streams: a log record and its
    formatting cost a cached page half of the time it spends in the app. Anywhere else
    (tests' log capture, a host's own logging set-up) it goes through logging as usual."""
    handlers = log.handlers
    if not log.propagate and handlers and all(type(handler) is BatchedStreamHandler for handler in handlers):
        for handler in handlers:
            handler.write_line(line)  # type: ignore[attr-defined]
        return
    log.handle(logging.LogRecord(log.name, logging.INFO, __file__, 0, line, None, None))  # no caller lookup


class BatchedStreamHandler(logging.StreamHandler):
    """Keeps each line and writes them all to the stream a few times a second, not once a line:
    a write system call per request cost a cached page a sixth of its time, and a write to the
    stream's buffer per request still a twentieth. Lines reach the log within FLUSH_SECONDS;
    what is left is written when logging shuts down."""

    FLUSH_SECONDS = 0.2

    def __init__(self, stream: Any = None):
        super().__init__(stream)
        self._pending: list[str] = []  # lines not yet written: one write of them all, a few times a second
        self._flusher = threading.Thread(target=self._flush_now_and_then, name="argmap-log-flusher", daemon=True)
        self._flusher.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.write_line(self.format(record))
        except Exception:
            self.handleError(record)

    def write_line(self, line: str) -> None:
        self._pending.append(line)  # one step under the GIL: no lock, no stream on a request's path

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            count = len(self._pending)  # the list is never replaced: a line appended meanwhile stays for the next flush
            if count:
                lines = self._pending[:count]
                del self._pending[:count]
                self.stream.write(self.terminator.join(lines) + self.terminator)
            super().flush()

    def _flush_now_and_then(self) -> None:
        while True:
            time.sleep(self.FLUSH_SECONDS)
            self.flush()


def serve_logging_config() -> dict[str, Any]:
    """uvicorn's logging, plus the request lines on standard output."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["request"] = {"format": "%(message)s"}
    config["handlers"]["request"] = {
        "()": BatchedStreamHandler,
        "formatter": "request",
        "stream": "ext://sys.stdout",
    }
    config["loggers"]["argmap.access"] = {"handlers": ["request"], "level": "INFO", "propagate": False}
    config["loggers"]["argmap"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
