from fastapi import APIRouter
from fastapi.responses import FileResponse

from app.config import settings
from app.deps import SnapshotDep
from app.page_family import page_family
from app.pages.home import HomePage, home_page

router = APIRouter()


@page_family(router, "/", template="index.html", api_path="/api")
def home(snapshot: SnapshotDep) -> HomePage:
    return home_page(snapshot)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for it at the root before reading any page; base.html names it too."""
    return FileResponse(settings.static_dir / "favicon.ico", headers={"Cache-Control": "public, max-age=86400"})
