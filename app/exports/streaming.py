"""Writing a body as a stream of text chunks, so a large map is never held whole in memory.

Every format yields pieces; `batched` joins them into chunks of about 64 KiB for the HTTP
response and the CLI alike (both therefore write the same bytes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

CHUNK = 64 * 1024


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON with Chinese kept as text: the same data, the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Items:
    """Marks a value of `json_object` as an array to stream one item per line."""

    def __init__(self, items: Iterable[Any]):
        self.items = items


class Entries:
    """Marks a value of `json_object` as an object to stream one `key: value` per line, in
    the order given (for objects keyed by id, like Argdown's `statements`)."""

    def __init__(self, pairs: Iterable[tuple[str, Any]]):
        self.pairs = pairs


def _stream(value: Any) -> Iterator[str]:
    if isinstance(value, Entries):
        yield "{"
        first = True
        for key, item in value.pairs:
            yield ("\n" if first else ",\n") + dumps(key) + ":"
            yield from _stream(item)
            first = False
        yield "\n}" if not first else "}"
    elif isinstance(value, Items):
        yield "["
        first = True
        for item in value.items:
            yield ("\n" if first else ",\n")
            yield from _stream(item)
            first = False
        yield "\n]" if not first else "]"
    elif isinstance(value, dict) and any(isinstance(v, Items | Entries | dict) for v in value.values()):
        yield from json_object(value)
    else:
        yield dumps(value)


def json_object(fields: dict[str, Any]) -> Iterator[str]:
    """A JSON object with sorted keys whose `Items` values (at any depth) are streamed."""
    yield "{"
    for index, key in enumerate(sorted(fields)):
        yield ("," if index else "") + dumps(key) + ":"
        yield from _stream(fields[key])
    yield "}"


def json_document(fields: dict[str, Any]) -> Iterator[str]:
    yield from json_object(fields)
    yield "\n"


def batched(pieces: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)
