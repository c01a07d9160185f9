"""One place that turns a refused request into an HTML page (in the reader's language) or a
JSON error (English; the same choices, suggestions and way back): a missing id (`NotFound`),
a bad parameter (`BadParameter`, or a value its declaration refuses), an address no route
has, and the unexpected."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.pages.errors import LIST_OF, ErrorPage, address_without, describe_invalid, shown_choices, suggestions
from app.web.errors import BadParameter, NotFound, json_error, wants_json
from app.web.i18n import N_, translations
from app.web.render import render, request_language
from app.web.retired_ids import retired_id_answer

log = logging.getLogger("argmap")


def answer(request: Request, page: ErrorPage, english: str) -> Response:
    """The page in the reader's language, or under /api the JSON error in English."""
    if wants_json(request.url.path):
        details: dict[str, Any] = {"choices": page.choices} if page.choices else {}
        if page.suggestions:
            details["suggestions"] = [s.model_dump() for s in page.suggestions]
        return json_error(page.status, english, **details)
    return render(request, "error.html", page, status_code=page.status)


def _gettext(request: Request):
    return translations(request_language(request)).gettext


async def _not_found_answer(request: Request, page: ErrorPage, english: str) -> Response:
    """A retired id answers 301 or 410 (app/web/retired_ids.py); anything else 404."""
    return await retired_id_answer(request) or answer(request, page, english)


async def not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotFound)
    _ = _gettext(request)
    close = suggestions(request.app.state.snapshots.current, exc.what, exc.ident)
    message = _("There is no %(what)s “%(ident)s” in the map.") % {"what": _(exc.what), "ident": exc.ident}
    page = ErrorPage(
        status=404,
        title=N_("Not found"),
        message=message if request_language(request) != "en" or type(exc) is NotFound else str(exc),
        choices=shown_choices(exc.choices),
        suggestions=close,
        back=LIST_OF.get(exc.what, "/"),
    )
    return await _not_found_answer(request, page, str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    _ = _gettext(request)
    if exc.status_code == 404:
        last = request.url.path.rstrip("/").rsplit("/", 1)[-1]  # /concept/patient-capital: the id, mistyped path
        close = suggestions(request.app.state.snapshots.current, "node", last) if last else []
        message = _("There is no page at this address.")
        page = ErrorPage(status=404, title=N_("Not found"), message=message, suggestions=close)
        return await _not_found_answer(request, page, "There is no page at this address.")
    detail = str(exc.detail)
    page = ErrorPage(status=exc.status_code, title=N_("Error"), message=_(detail))
    response = answer(request, page, detail)
    response.headers.update(exc.headers or {})  # e.g. Allow on a 405
    return response


def _refused_parameters(request: Request, errors: Sequence[Any]) -> Response:
    message, choices, names = describe_invalid(errors, _gettext(request))
    english, _choices, _names = describe_invalid(errors, str)
    page = ErrorPage(
        status=422,
        title=N_("Bad parameter"),
        message=message,
        choices=shown_choices(choices),
        back=address_without(request.url.path, request.query_params.multi_items(), names),
    )
    return answer(request, page, english)


async def bad_parameter(request: Request, exc: Exception) -> Response:
    """`BadParameter` from a page, or a value the route's declaration refused: said alike."""
    if isinstance(exc, BadParameter):
        return _refused_parameters(request, [exc.as_error()])
    assert isinstance(exc, RequestValidationError)
    return _refused_parameters(request, exc.errors())


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    _ = _gettext(request)
    page = ErrorPage(status=500, title=N_("Server error"), message=_("Something went wrong on our side."))
    return answer(request, page, "Something went wrong on our side.")


def install_error_pages(app: FastAPI) -> None:
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, bad_parameter)
    app.add_exception_handler(BadParameter, bad_parameter)
    app.add_exception_handler(Exception, unexpected)
