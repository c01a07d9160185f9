"""Producing one export: the same chunks for the HTTP response and the CLI (same bytes),
and the ETag that names them without reading the body."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from sqlmodel import Session

from app import queries
from app.exports.context import ExportContext, build_context
from app.exports.filters import Filters, parse_filters
from app.exports.registry import ExportFormat
from app.exports.streaming import batched


@cache
def code_revision() -> str:
    """A digest of the code that shapes the bodies: a change to it changes every ETag."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), here.parent / "graph.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def etag(version: str, filename: str, filters: Filters) -> str:
    key = f"{code_revision()}|{version}|{filename}|{filters.query()}"
    return '"' + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + '"'


def check_filters(session: Session, paper: str | None, layers: list[str] | None, concept: str | None) -> Filters:
    return parse_filters(
        paper,
        layers,
        concept,
        papers=[p.id for p in queries.papers(session=session)],
        concepts=[c.id for c in queries.concepts(session=session)],
    )


def context_for(session: Session, fmt: ExportFormat, filters: Filters) -> ExportContext:
    return build_context(session, filters, with_sources=fmt.needs_sources)


def chunks(fmt: ExportFormat, ctx: ExportContext) -> Iterator[bytes]:
    for chunk in batched(fmt.render(ctx)):
        yield chunk.encode("utf-8")
