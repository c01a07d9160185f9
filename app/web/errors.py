"""The two ways a page refuses a request, and the JSON error the /api addresses answer with.
app/web/error_pages.py turns both into an HTML page or that JSON, in one place."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse


class NotFound(Exception):
    """An id or path that names nothing in the map. `choices`: the values that would have
    named something, when they are few (a tour's steps)."""

    def __init__(self, what: str, ident: str, *, message: str | None = None, choices: list[str] | None = None):
        super().__init__(message or f"No {what} with id {ident!r}.")
        self.what = what
        self.ident = ident
        self.choices = choices or []


class BadParameter(Exception):
    """A parameter's value the page cannot use: one that names nothing, or breaks a rule its
    declaration cannot state (two different papers, a path of at most N nodes). Answered
    like a value the declaration refused: 422, in words, with the choices and a way back."""

    def __init__(
        self,
        name: str,
        message: str,
        *,
        value: object = None,
        choices: list[str] | None = None,
        kind: str = "value_error",
    ):
        super().__init__(message)
        self.name = name
        self.value = value
        self.choices = choices or []
        self.kind = kind  # as pydantic names it: "literal_error" for a value outside a fixed set

    def as_error(self) -> dict[str, Any]:
        """In the shape of one of FastAPI's validation errors, so both are described alike."""
        error: dict[str, Any] = {"loc": ("query", self.name), "msg": str(self), "type": self.kind}
        if self.value is not None:
            error["input"] = self.value
        if self.choices:
            error["ctx"] = {"choices": self.choices}
        return error


def wants_json(path: str) -> bool:
    """Errors under these paths answer in JSON; everywhere else an HTML page."""
    return path.startswith(("/api/", "/export/")) or path in ("/api", "/oembed", "/healthz")


def json_error(status_code: int, message: str, **details: Any) -> JSONResponse:
    return JSONResponse({"error": {"status": status_code, "message": message, **details}}, status_code=status_code)
