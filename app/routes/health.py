"""`/healthz`: what a load balancer or container health check asks.

It reads data, not `select 1`: the dataset's version row and one claim, so a database whose
file is damaged or whose tables are gone answers 503. `ok`: serving the current data;
`degraded`: serving the last good data after a failed load (`last_load_problems` says how
many problems the data files have); 503 `error`/`unavailable` when the database cannot be read.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from app.database.engine import is_damage
from app.database.models import Claim, DatasetInfo
from app.web.availability import DATABASE_ERRORS, RETRY_AFTER_SECONDS, health_unavailable

router = APIRouter()


def read_data(engine: Engine) -> bool:
    """True if the dataset's version row and a claim can be read."""
    with Session(engine) as session:
        version = session.get(DatasetInfo, "version")
        return version is not None and session.exec(select(Claim.id).limit(1)).first() is not None


@router.get("/healthz", tags=["health"])
async def healthz(request: Request) -> JSONResponse:
    # One trip to a worker thread (a session dependency and a plain endpoint would take two):
    # the health check is what must stay fast while the threads are busy (app/web/shedding.py).
    state = request.app.state
    try:
        readable = await run_in_threadpool(read_data, state.engine)
    except DATABASE_ERRORS as error:
        if is_damage(error):
            raise  # the availability middleware answers, and has the damaged file rebuilt
        return health_unavailable(error)
    if not readable:  # the tables are there, the data are not
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
