"""/docs: the interactive API explorer, Swagger UI served from static/vendor (no CDN)."""

from fastapi import APIRouter, Request
from pydantic import BaseModel

from app.web.render import render

router = APIRouter()


class ApiDocsPage(BaseModel):
    openapi_url: str = "/openapi.json"


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request):
    page = ApiDocsPage()
    return render(request, "docs.html", page, json_url=page.openapi_url)
