"""Producing one export: the same chunks for the HTTP response and the CLI (same bytes),
and the ETag that names them without reading the body."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from app.exports.context import ExportContext, build_context
from app.exports.filters import Filters, parse_filters
from app.exports.registry import ExportFormat
from app.exports.streaming import batched
from app.read.snapshot import Snapshot


@cache
def code_revision() -> str:
    """A digest of the code that shapes the bodies: a change to it changes every ETag."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), here.parent / "read" / "graph.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def etag(version: str, filename: str, filters: Filters, base_url: str) -> str:
    key = f"{code_revision()}|{version}|{filename}|{filters.query()}|{base_url}"
    return '"' + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + '"'


def check_filters(snapshot: Snapshot, paper: str | None, layers: list[str] | None, concept: str | None) -> Filters:
    """Looks up only the ids asked for: every export request, kept bodies' too, checks its filters."""
    return parse_filters(
        paper,
        layers,
        concept,
        papers=[paper] if paper in snapshot.paper else (),
        concepts=[concept] if concept in snapshot.concept else (),
    )


def context_for(snapshot: Snapshot, fmt: ExportFormat, filters: Filters, base_url: str) -> ExportContext:
    """`base_url`: the site's public address, which the linked-data formats' ids start with."""
    return build_context(snapshot, filters, with_sources=fmt.needs_sources, base_url=base_url)


def chunks(fmt: ExportFormat, ctx: ExportContext) -> Iterator[bytes]:
    for chunk in batched(fmt.render(ctx)):
        yield chunk.encode("utf-8")
