"""`/healthz`: what a load balancer or container health check asks.

It reads data, not `select 1`: the dataset's version row and one claim, so a database whose
file is damaged or whose tables are gone answers 503. `ok`: serving the current data;
`degraded`: serving the last good data after a failed load (`last_load_problems` says how
many problems the data files have); 503 `error`/`unavailable` when the database cannot be read.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlmodel import select

from app.availability import DATABASE_ERRORS, RETRY_AFTER_SECONDS, health_unavailable
from app.deps import SessionDep
from app.models import Claim, DatasetInfo

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(request: Request, session: SessionDep) -> JSONResponse:
    try:
        version = session.get(DatasetInfo, "version")
        a_claim = session.exec(select(Claim.id).limit(1)).first()
    except DATABASE_ERRORS as error:
        return health_unavailable(error)
    state = request.app.state
    if version is None or a_claim is None:  # the tables are there, the data are not
        body = {"status": "error", "database": "empty", "dataset_version": state.dataset_version}
        return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    problems = len(state.load_problems)
    return JSONResponse(
        {
            "status": "degraded" if problems else "ok",
            "database": "ok",
            "dataset_version": state.dataset_version,
            "last_load_problems": problems,
        }
    )
