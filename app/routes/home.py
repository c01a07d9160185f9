from fastapi import APIRouter
from fastapi.responses import FileResponse

from app.config import settings
from app.pages.home import HomePage, home_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()


@page_family(router, "/", template="index.html", api_path="/api")
def home(snapshot: SnapshotDep) -> HomePage:
    return home_page(snapshot)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for it at the root before reading any page; base.html names it too."""
    return FileResponse(settings.static_dir / "favicon.ico", headers={"Cache-Control": "public, max-age=86400"})
