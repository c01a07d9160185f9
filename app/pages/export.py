"""The /export page (and /api/export): every format with its description, size, the start
of the file as an example, the snippets that load it, and the filters."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from pydantic import BaseModel

from app.dataset.schema import LAYERS
from app.exports.context import ExportContext, build_context
from app.exports.filters import Filters
from app.exports.header import export_header
from app.exports.registry import FORMATS, ExportFormat
from app.exports.run import chunks
from app.pages.option_lists import OptionList
from app.read.snapshot import Derived, Snapshot

EXAMPLE_LINES = 12
EXAMPLE_WIDTH = 160
# The page renders every format to give its size: a part of the map with more nodes than this
# (about four times the real map's whole graph) is not rendered for the page, which then shows
# the start of one paper's part as the example. Its files are made when they are downloaded.
MEASURED_NODES_MAX = 1500


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
    size_bytes: int | None  # None: the part chosen is too large to render just to measure it
    example: str  # the start of the file, or of example_of's part of it when the part chosen is too large
    example_of: str | None  # the paper whose part the example shows, when it is not the part chosen
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


CONCEPTS_URL = "/api/export/concepts"


class ExportPage(BaseModel):
    dataset_version: str
    licence: str | None
    cite_as: str
    filters: ExportFilters
    papers: list[Option]
    layers: list[str]
    concepts: list[Option] | None  # None on a map of many concepts: the list is at concepts_url
    concepts_url: str = CONCEPTS_URL  # every concept, for the concept filter (its own resource)
    formats: list[FormatEntry]
    schema_url: str
    citation_file: str


def _example(text_start: str) -> str:
    lines = text_start.lstrip("\ufeff").splitlines()[:EXAMPLE_LINES]
    return "\n".join(line if len(line) <= EXAMPLE_WIDTH else line[:EXAMPLE_WIDTH] + "…" for line in lines)


def _measure(fmt: ExportFormat, ctx: ExportContext) -> tuple[int, str]:
    """The file's size in bytes and its first lines, streamed (the body is never held whole)."""
    size = 0
    head = b""
    for chunk in chunks(fmt, ctx):
        size += len(chunk)
        if len(head) < 64 * 1024:
            head += chunk[: 64 * 1024]
    return size, _example(head.decode("utf-8", errors="ignore"))


def _measured(snapshot: Snapshot, filters: Filters, site: str) -> tuple[list[tuple[int | None, str]], str | None]:
    """Each format's size and example for the part chosen; when that part is too large, no
    size, and the example of the first paper's part (of the part chosen) instead, if that is
    small enough."""
    ctx = build_context(snapshot, filters, with_sources=True, base_url=site)  # one graph, every format
    if ctx.graph.number_of_nodes() <= MEASURED_NODES_MAX:
        return [_measure(fmt, ctx) for fmt in FORMATS], None
    if filters.paper:  # one paper's part is the part chosen, and too large already
        return [(None, "") for _ in FORMATS], None
    example_of = snapshot.papers[0].id
    ctx = build_context(snapshot, replace(filters, paper=example_of), with_sources=True, base_url=site)
    if ctx.graph.number_of_nodes() > MEASURED_NODES_MAX:
        return [(None, "") for _ in FORMATS], None
    return [(None, _measure(fmt, ctx)[1]) for fmt in FORMATS], example_of


def _concept_options(snapshot: Snapshot) -> OptionList:
    return OptionList([Option(id=c.id, label=f"{c.label_en} · {c.label_zh}") for c in snapshot.concepts])


CONCEPT_OPTIONS = Derived(_concept_options)


def concept_options(snapshot: Snapshot) -> OptionList:
    """The concept filter's choices, written into the page while the list is short."""
    return CONCEPT_OPTIONS.of(snapshot)


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
    """Every format is rendered to measure it (on a map of ordinary size): the page itself is
    kept by the response cache."""
    measured, example_of = _measured(snapshot, filters, site)
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
            example_of=example_of,
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
        concepts=cast("list[Option] | None", concept_options(snapshot).inline),  # _concept_options's Options
        formats=formats,
        schema_url="/export/schema.json",
        citation_file="CITATION.cff",
    )
