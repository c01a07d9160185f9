from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.deps import SessionDep

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(request: Request, session: SessionDep) -> JSONResponse:
    try:
        session.exec(text("select 1"))  # type: ignore[call-overload]
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JSONResponse({"status": "unavailable", "database": type(error).__name__}, status_code=503)
    state = request.app.state
    return JSONResponse(
        {
            "status": "ok",
            "dataset_version": state.dataset_version,
            "last_load_problems": len(state.load_problems),
        }
    )
