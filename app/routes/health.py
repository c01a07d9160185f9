from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.availability import DATABASE_ERRORS, health_unavailable
from app.deps import SessionDep

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(request: Request, session: SessionDep) -> JSONResponse:
    try:
        session.exec(text("select 1"))  # type: ignore[call-overload]
    except DATABASE_ERRORS as error:
        return health_unavailable(error)
    state = request.app.state
    return JSONResponse(
        {
            "status": "ok",
            "database": "ok",
            "dataset_version": state.dataset_version,
            "last_load_problems": len(state.load_problems),
        }
    )
