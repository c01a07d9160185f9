"""The /export page (and /api/export): every format with its description, size, the start
of the file as an example, the snippets that load it, and the filters."""

from __future__ import annotations

from pydantic import BaseModel

from app.dataset.schema import LAYERS
from app.exports.filters import Filters
from app.exports.header import export_header
from app.exports.registry import FORMATS, ExportFormat
from app.exports.run import chunks, context_for
from app.read.snapshot import Snapshot

EXAMPLE_LINES = 12
EXAMPLE_WIDTH = 160


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


def _measure(snapshot: Snapshot, fmt: ExportFormat, filters: Filters, site: str) -> tuple[int, str]:
    """The file's size in bytes and its first lines, streamed (the body is never held whole)."""
    size = 0
    head = b""
    for chunk in chunks(fmt, context_for(snapshot, fmt, filters, site)):
        size += len(chunk)
        if len(head) < 64 * 1024:
            head += chunk[: 64 * 1024]
    return size, _example(head.decode("utf-8", errors="ignore"))


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


def export_page(snapshot: Snapshot, filters: Filters, site: str) -> ExportPage:
    """Every format is rendered to measure it: the page itself is kept by the response cache."""
    measured = [_measure(snapshot, fmt, filters, site) for fmt in FORMATS]
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
        for fmt, (size, example) in zip(FORMATS, measured, strict=True)
    ]
    return ExportPage(
        dataset_version=snapshot.version,
        licence=snapshot.info.get("licence"),
        cite_as=export_header(snapshot)["cite_as"],
        filters=ExportFilters(
            paper=filters.paper, layers=list(filters.layers), concept=filters.concept, query=filters.query()
        ),
        papers=[Option(id=p.id, label=p.title_zh) for p in snapshot.papers],
        layers=list(LAYERS),
        concepts=[Option(id=c.id, label=f"{c.label_en} · {c.label_zh}") for c in snapshot.concepts],
        formats=formats,
        schema_url="/export/schema.json",
        citation_file="CITATION.cff",
    )
