"""The exports: /export (the list, JSON twin /api/export), /export/<file> for every format,
and the cleaned source texts the Web Annotations point at (/export/sources/<paper>.txt).

Bodies are streamed, and kept per dataset version, file and filters while they are small
enough (app/export_cache.py): a repeated request replays the same chunks. Every response
names the dataset version (`X-Dataset-Version`) and carries an `ETag` computed from the
version, the format and the filters (never from the body), so a client revalidating with
`If-None-Match` gets a 304 without any rendering.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse

from app.deps import SnapshotDep
from app.export_cache import ExportCache, replay
from app.exports import registry
from app.exports.filters import FilterError, Filters, parse_filters
from app.exports.registry import ExportFormat
from app.exports.run import check_filters, chunks, context_for, etag
from app.pages.export import ExportPage, export_page
from app.web import NotFound, render, site_url

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


def filters_or_error(snapshot, paper: str | None, layers: list[str] | None, concept: str | None) -> Filters:
    try:
        return check_filters(snapshot, paper, layers, concept)
    except FilterError as error:
        if error.status == 404:
            raise NotFound(error.parameter, error.value) from None
        raise RequestValidationError(
            [{"loc": ("query", error.parameter), "msg": str(error), "type": "value_error", "input": error.value}]
        ) from None


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
    request: Request, snapshot, fmt: ExportFormat, paper: str | None, layers: list[str] | None, concept: str | None
) -> Response:
    filters = filters_or_error(snapshot, paper, layers, concept)
    version = snapshot.version
    base_url = site_url(request)
    tag = etag(version, fmt.filename, filters, base_url)
    headers = _headers(version, tag, fmt.filename)
    if _matches(request, tag):
        return Response(status_code=304, headers=headers)
    state = request.app.state
    cache: ExportCache = state.export_cache
    key = (version, fmt.filename, filters.query(), base_url)
    kept = cache.get(key)
    if kept is not None:
        return StreamingResponse(replay(kept), media_type=fmt.media_type, headers=headers)
    ctx = context_for(snapshot, fmt, filters, base_url)
    body = cache.keeping(key, chunks(fmt, ctx), still_current=lambda: state.dataset_version == version)
    return StreamingResponse(body, media_type=fmt.media_type, headers=headers)


BY_URL = {fmt.url: fmt for fmt in registry.FORMATS}


def is_kept(request: Request) -> bool:
    """Whether this export's body is kept for the current dataset version, so answering costs
    a replay, not a render: the load shedding (app/shedding.py) lets it through. The filters
    are read as given; an id that names nothing simply finds nothing kept."""
    fmt = BY_URL.get(request.url.path)
    if fmt is None:
        return False
    params = request.query_params
    paper, concept = params.get("paper") or None, params.get("concept") or None
    try:
        filters = parse_filters(
            paper, params.getlist("layers"), concept, papers=[paper or ""], concepts=[concept or ""]
        )
    except FilterError:
        return False
    state = request.app.state
    key = (state.dataset_version, fmt.filename, filters.query(), site_url(request))
    return state.export_cache.get(key) is not None


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


@router.get("/export", include_in_schema=False)
def export_html(
    request: Request,
    snapshot: SnapshotDep,
    paper: PaperQuery = None,
    layers: LayersQuery = None,
    concept: ConceptQuery = None,
):
    filters = filters_or_error(snapshot, paper, layers, concept)
    return render(request, "export.html", export_page(snapshot, filters, site_url(request)))


@router.get("/api/export", response_model=ExportPage, tags=["pages"])
def export_api(
    request: Request,
    snapshot: SnapshotDep,
    paper: PaperQuery = None,
    layers: LayersQuery = None,
    concept: ConceptQuery = None,
) -> ExportPage:
    filters = filters_or_error(snapshot, paper, layers, concept)
    return export_page(snapshot, filters, site_url(request))
