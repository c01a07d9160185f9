"""A `send` that sees one response on its way out: its start message, then its body messages,
until it lets the rest pass unchanged (the response cache's recorder and the compressor)."""

from __future__ import annotations

from starlette.types import Message, Send


class SendFilter:
    def __init__(self, send: Send):
        self.send = send
        self.start: Message | None = None  # the start message, while it is held back
        self.through = False  # from now on every message passes as it is

    async def __call__(self, message: Message) -> None:
        if self.through:
            await self.send(message)
        elif message["type"] == "http.response.start":
            await self._start(message)
        elif message["type"] == "http.response.body" and self.start is not None:
            await self._body(message)
        else:
            await self.send(message)

    async def _start(self, message: Message) -> None:
        raise NotImplementedError

    async def _body(self, message: Message) -> None:
        raise NotImplementedError
