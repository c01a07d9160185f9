from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from app.config import settings
from app.deps import SnapshotDep
from app.pages.home import HomePage, home_page
from app.web import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home_html(request: Request, snapshot: SnapshotDep):
    return render(request, "index.html", home_page(snapshot))


@router.get("/api", response_model=HomePage, tags=["pages"])
def home_api(snapshot: SnapshotDep) -> HomePage:
    return home_page(snapshot)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for it at the root before reading any page; base.html names it too."""
    return FileResponse(settings.static_dir / "favicon.ico", headers={"Cache-Control": "public, max-age=86400"})
