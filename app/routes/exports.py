"""The exports: /export (the list, JSON twin /api/export), /export/<file> for every format,
and the cleaned source texts the Web Annotations point at (/export/sources/<paper>.txt).

Bodies are streamed from the snapshot; the response cache (app/web/response_cache.py) keeps those small
enough, like any page, so a repeated request replays the same bytes. Every response
names the dataset version (`X-Dataset-Version`) and carries an `ETag` computed from the
version, the format and the filters (never from the body), so a client revalidating with
`If-None-Match` gets a 304 without any rendering.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from app.exports import registry
from app.exports.filters import Filters
from app.exports.registry import ExportFormat
from app.exports.run import check_filters, chunks, context_for, etag
from app.pages.export import CONCEPTS_URL, ExportPage, Option, concept_options, export_page
from app.pages.option_lists import NOT_MODIFIED, list_response
from app.read.snapshot import Snapshot
from app.web.deps import SiteUrl, SnapshotDep
from app.web.errors import NotFound
from app.web.page_family import page_family
from app.web.render import site_url

router = APIRouter()
CACHE_CONTROL = "public, no-cache"  # may be stored, but revalidated (cheaply, by ETag) on every use

LayersQuery = Annotated[
    list[str] | None,
    Query(
        description="Layers to keep, comma-separated or repeated: structure, argument, causal, cross-paper, "
        "mentions, cites."
    ),
]
PaperQuery = Annotated[
    str | None, Query(description="Keep one paper: its sections, claims, references and the concepts it mentions.")
]
ConceptQuery = Annotated[
    str | None,
    Query(
        description="Keep a concept's neighbourhood: the concept, its causal neighbours, the claims mentioning it, "
        "their sections and papers."
    ),
]


def _matches(request: Request, tag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    candidates = {part.strip().removeprefix("W/") for part in header.split(",")}
    return "*" in candidates or tag in candidates


def _headers(version: str, tag: str, filename: str) -> dict[str, str]:
    return {
        "ETag": tag,
        "Cache-Control": CACHE_CONTROL,
        "X-Dataset-Version": version,
        "Content-Disposition": f'inline; filename="{filename}"',
        # Public data: a researcher's own page (Cytoscape.js, a notebook) may fetch it.
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag, X-Dataset-Version",
    }


def export_response(
    request: Request,
    snapshot: Snapshot,
    fmt: ExportFormat,
    paper: str | None,
    layers: list[str] | None,
    concept: str | None,
) -> Response:
    filters = check_filters(snapshot, paper, layers, concept)
    base_url = site_url(request)
    tag = etag(snapshot.version, fmt.filename, filters, base_url)
    headers = _headers(snapshot.version, tag, fmt.filename)
    if _matches(request, tag):
        return Response(status_code=304, headers=headers)
    ctx = context_for(snapshot, fmt, filters, base_url)  # everything read now from the snapshot
    return StreamingResponse(chunks(fmt, ctx), media_type=fmt.media_type, headers=headers)


def _route(fmt: ExportFormat):
    def export(
        request: Request,
        snapshot: SnapshotDep,
        paper: PaperQuery = None,
        layers: LayersQuery = None,
        concept: ConceptQuery = None,
    ) -> Response:
        return export_response(request, snapshot, fmt, paper, layers, concept)

    export.__name__ = "export_" + fmt.name.replace("-", "_")
    return export


for _fmt in registry.FORMATS:
    router.add_api_route(
        _fmt.url,
        _route(_fmt),
        methods=["GET"],
        tags=["exports"],
        summary=_fmt.title,
        description=_fmt.description,
        response_class=Response,
        responses={
            200: {"content": {_fmt.media_type.split(";")[0]: {}}},
            304: {"description": "Not modified (If-None-Match)"},
        },
    )


@router.get(
    "/export/sources/{paper_id}.txt",
    tags=["exports"],
    response_class=Response,
    summary="A paper's cleaned source text (what the Web Annotations anchor in)",
)
def source_text(request: Request, paper_id: str, snapshot: SnapshotDep) -> Response:
    paper = snapshot.paper.get(paper_id)
    if paper is None:
        raise NotFound("paper", paper_id)
    version = snapshot.version
    tag = etag(version, f"sources/{paper_id}.txt", Filters(), "")  # plain text: no address in it
    headers = _headers(version, tag, f"{paper_id}.txt")
    if _matches(request, tag):
        return Response(status_code=304, headers=headers)
    return Response(paper.source_text, media_type="text/plain; charset=utf-8", headers=headers)


@page_family(router, "/export", template="export.html")
def export(
    snapshot: SnapshotDep,
    site: SiteUrl,
    paper: PaperQuery = None,
    layers: LayersQuery = None,
    concept: ConceptQuery = None,
) -> ExportPage:
    """Every export format with its address, size and how to load it, for the filters given."""
    return export_page(snapshot, check_filters(snapshot, paper, layers, concept), site)


@router.get(CONCEPTS_URL, response_model=list[Option], tags=["pages"], responses=NOT_MODIFIED)
def export_concepts_api(request: Request, snapshot: SnapshotDep) -> Response:
    """Every concept, for the concept filter of /export: serialised once per dataset version,
    with an ETag (`If-None-Match` gets a 304)."""
    return list_response(request, concept_options(snapshot))
