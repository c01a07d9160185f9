"""The JSON error every /api address answers with, described once for the OpenAPI document.

`app.web.render.json_error` writes it: `{"error": {"status": 404, "message": "…", …details}}`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")  # some errors add details (e.g. the closest items on a 410)

    status: int
    message: str


class ApiError(BaseModel):
    error: ErrorDetail


def _described(text: str) -> dict[str, Any]:
    return {"model": ApiError, "description": text}


# Declared on the app, so every operation documents them (and FastAPI's own 422 shape,
# which this app never sends, is not advertised).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _described("No item with this id"),
    414: _described("The address is too long"),
    422: _described("A parameter is not valid"),
    503: _described("The database cannot be reached just now (see Retry-After)"),
}
