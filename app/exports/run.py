"""Producing one export: the same chunks for the HTTP response and the CLI (same bytes),
and the ETag that names them without reading the body."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from sqlmodel import Session, select

from app.exports.context import ExportContext, build_context
from app.exports.filters import Filters, parse_filters
from app.exports.registry import ExportFormat
from app.exports.streaming import batched
from app.models import Concept, Paper


@cache
def code_revision() -> str:
    """A digest of the code that shapes the bodies: a change to it changes every ETag."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted([*here.glob("*.py"), here.parent / "graph.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def etag(version: str, filename: str, filters: Filters, base_url: str) -> str:
    key = f"{code_revision()}|{version}|{filename}|{filters.query()}|{base_url}"
    return '"' + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + '"'


def check_filters(session: Session, paper: str | None, layers: list[str] | None, concept: str | None) -> Filters:
    """Reads only the ids asked for: every export request, kept bodies' too, checks its
    filters, and reading every paper (with its source text) and concept grows with the map."""
    return parse_filters(
        paper,
        layers,
        concept,
        papers=session.exec(select(Paper.id).where(Paper.id == paper)).all() if paper else (),
        concepts=session.exec(select(Concept.id).where(Concept.id == concept)).all() if concept else (),
    )


def context_for(session: Session, fmt: ExportFormat, filters: Filters, base_url: str) -> ExportContext:
    """`base_url`: the site's public address, which the linked-data formats' ids start with."""
    return build_context(session, filters, with_sources=fmt.needs_sources, base_url=base_url)


def chunks(fmt: ExportFormat, ctx: ExportContext) -> Iterator[bytes]:
    for chunk in batched(fmt.render(ctx)):
        yield chunk.encode("utf-8")
