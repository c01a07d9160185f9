"""The /export page (and /api/export): every format with its description, size, the start
of the file as an example, the snippets that load it, and the filters."""

from __future__ import annotations

import threading
from collections import OrderedDict

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.dataset.schema import LAYERS
from app.exports.filters import Filters
from app.exports.header import export_header
from app.exports.registry import FORMATS, ExportFormat
from app.exports.run import chunks, code_revision, context_for

EXAMPLE_LINES = 12
EXAMPLE_WIDTH = 160
_CACHE_SIZE = 16
_cache: OrderedDict[tuple[str, str, str, str], tuple[list[int], list[str]]] = OrderedDict()
_cache_lock = threading.Lock()  # pages are built in the server's thread pool


class SnippetOut(BaseModel):
    tool: str
    language: str
    code: str


class FormatEntry(BaseModel):
    name: str
    filename: str
    title: str
    description: str
    media_type: str
    url: str  # with the current filters
    cli: str
    size_bytes: int
    example: str
    snippets: list[SnippetOut]
    filterable: bool


class Option(BaseModel):
    id: str
    label: str


class ExportFilters(BaseModel):
    paper: str | None
    layers: list[str]
    concept: str | None
    query: str


class ExportPage(BaseModel):
    dataset_version: str
    licence: str | None
    cite_as: str
    filters: ExportFilters
    papers: list[Option]
    layers: list[str]
    concepts: list[Option]
    formats: list[FormatEntry]
    schema_url: str
    citation_file: str


def _example(text_start: str) -> str:
    lines = text_start.lstrip("\ufeff").splitlines()[:EXAMPLE_LINES]
    return "\n".join(line if len(line) <= EXAMPLE_WIDTH else line[:EXAMPLE_WIDTH] + "…" for line in lines)


def _measure(session: Session, fmt: ExportFormat, filters: Filters, site: str) -> tuple[int, str]:
    """The file's size in bytes and its first lines, streamed (the body is never held whole)."""
    size = 0
    head = b""
    for chunk in chunks(fmt, context_for(session, fmt, filters, site)):
        size += len(chunk)
        if len(head) < 64 * 1024:
            head += chunk[: 64 * 1024]
    return size, _example(head.decode("utf-8", errors="ignore"))


def _measure_all(session: Session, filters: Filters, version: str, site: str) -> tuple[list[int], list[str]]:
    """Sizes and examples for one dataset version, filter and site address, measured once and remembered."""
    key = (code_revision(), version, filters.query(), site)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    measured = [_measure(session, fmt, filters, site) for fmt in FORMATS]
    with _cache_lock:
        _cache[key] = ([size for size, _ in measured], [example for _, example in measured])
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return _cache[key]


def _cli(fmt: ExportFormat, filters: Filters) -> str:
    parts = ["argmap export", f"--format {fmt.name}"]
    if filters.paper:
        parts.append(f"--paper {filters.paper}")
    if filters.layers:
        parts.append("--layers " + ",".join(filters.layers))
    if filters.concept:
        parts.append(f"--concept {filters.concept}")
    parts.append(f"-o {fmt.filename}")
    return " ".join(parts)


def export_page(session: Session, filters: Filters, site: str) -> ExportPage:
    version = queries.dataset_version(session=session)
    info = queries.dataset_info(session=session)
    sizes, examples = _measure_all(session, filters, version, site)
    formats = [
        FormatEntry(
            name=fmt.name,
            filename=fmt.filename,
            title=fmt.title,
            description=fmt.description,
            media_type=fmt.media_type,
            url=fmt.url + (filters.query() if fmt.filterable else ""),
            cli=_cli(fmt, filters),
            size_bytes=size,
            example=example,
            filterable=fmt.filterable,
            snippets=[
                SnippetOut(tool=s.tool, language=s.language, code=s.code.replace("{site}", site)) for s in fmt.snippets
            ],
        )
        for fmt, size, example in zip(FORMATS, sizes, examples, strict=True)
    ]
    return ExportPage(
        dataset_version=version,
        licence=info.get("licence"),
        cite_as=export_header(session)["cite_as"],
        filters=ExportFilters(
            paper=filters.paper, layers=list(filters.layers), concept=filters.concept, query=filters.query()
        ),
        papers=[Option(id=p.id, label=p.title_zh) for p in queries.papers(session=session)],
        layers=list(LAYERS),
        concepts=[Option(id=c.id, label=f"{c.label_en} · {c.label_zh}") for c in queries.concepts(session=session)],
        formats=formats,
        schema_url="/export/schema.json",
        citation_file="CITATION.cff",
    )
