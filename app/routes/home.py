from fastapi import APIRouter, Request

from app.deps import SessionDep
from app.pages.home import HomePage, home_page
from app.web import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home_html(request: Request, session: SessionDep):
    return render(request, "index.html", home_page(session))


@router.get("/api", response_model=HomePage, tags=["pages"])
def home_api(session: SessionDep) -> HomePage:
    return home_page(session)
