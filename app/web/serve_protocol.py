"""uvicorn's HTTP/1.1 protocol with a request-header timeout (used by `argmap serve`).

uvicorn closes an idle keep-alive connection, but a client that sends its request line and
headers a byte at a time (slowloris) holds its connection for as long as it likes. Here a
connection whose request line and headers have not all arrived `header_timeout` seconds
after it opened, or after its previous answer, is closed. Connections at once are bounded by
uvicorn's `limit_concurrency` (503 beyond it), set from `ARGMAP_MAX_CONNECTIONS`.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from app.config import settings


class HeaderTimeoutProtocol(H11Protocol):
    def __init__(self, config: Config, server_state: ServerState, app_state: dict, _loop=None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.header_timeout = settings.header_timeout
        self.header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are in
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()  # the next request's headers get the same time

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self.header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _headers_too_slow(self) -> None:
        self.header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
