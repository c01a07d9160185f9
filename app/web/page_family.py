"""One declaration per page family: the HTML page and its JSON twin under /api.

    @page_family(router, "/claims/{claim_id}", template="claim.html")
    def claim(snapshot: SnapshotDep, claim_id: str, site: SiteUrl) -> ClaimPage:
        \"\"\"The /api twin's description.\"\"\"
        return claim_page(snapshot, claim_id, site)

registers `GET /claims/{claim_id}` (the template rendered with the page's data) and
`GET /api/claims/{claim_id}` (the data as JSON, its model the function's return type), both
with the parameters the function declares, declared once. `extra(page, params)` adds what
only the HTML shows (a layout, a picker's options), from the page and the parameters (and
the request, as `params["request"]`);
`json_url(page)` names the twin when it is not the page's own address under /api.
`on_event_loop`: a page that takes a millisecond or two to render (a claim, a card) is
rendered on the event loop, not handed to a worker thread and back (which costs it a third
of its time on a small machine); the expensive families stay in the worker threads, where
load shedding bounds them (app/web/shedding.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from pydantic import BaseModel

from app.web.render import render

Build = TypeVar("Build", bound=Callable[..., BaseModel])
Extra = Callable[[Any, dict[str, Any]], dict[str, Any]]


def page_family(
    router: APIRouter,
    path: str,
    *,
    template: str,
    extra: Extra | None = None,
    api_path: str | None = None,
    json_url: Callable[[Any], str] | None = None,
    on_event_loop: bool = False,
    **api_options: Any,
) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        signature = inspect.signature(build, eval_str=True)
        router.add_api_route(
            api_path or "/api" + path,
            build,
            methods=["GET"],
            response_model=signature.return_annotation,
            tags=["pages"],
            **api_options,
        )
        html = _html_endpoint(build, signature, template, extra, json_url, on_event_loop)
        router.add_api_route(path, html, methods=["GET"], include_in_schema=False)
        return build

    return register


def _html_endpoint(
    build: Callable[..., BaseModel],
    signature: inspect.Signature,
    template: str,
    extra: Extra | None,
    json_url: Callable[[Any], str] | None,
    on_event_loop: bool,
):
    takes_request = "request" in signature.parameters

    def html(request: Request, **params: Any):
        page = build(request=request, **params) if takes_request else build(**params)
        twin = json_url(page) if json_url else None
        shown = extra(page, {**params, "request": request}) if extra else None
        return render(request, template, page, extra=shown, json_url=twin)

    async def html_on_event_loop(request: Request, **params: Any):
        return html(request, **params)

    parameters = [p for p in signature.parameters.values() if p.name != "request"]
    request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    html.__signature__ = signature.replace(  # type: ignore[attr-defined]  # FastAPI reads the parameters from it
        parameters=[request, *parameters], return_annotation=inspect.Signature.empty
    )
    html.__name__ = f"{build.__name__}_html"
    if not on_event_loop:
        return html
    html_on_event_loop.__signature__ = html.__signature__  # type: ignore[attr-defined]
    html_on_event_loop.__name__ = html.__name__
    return html_on_event_loop
