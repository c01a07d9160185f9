"""The framework's floor: a FastAPI app answering one constant response, served by the same
uvicorn settings as `argmap serve`. Every figure in bench/ is a ratio to this app's
requests per second measured in the same run."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()
BODY = "<!doctype html><title>floor</title><p>constant</p>"


@app.get("/", response_class=HTMLResponse)
def constant() -> str:
    return BODY
