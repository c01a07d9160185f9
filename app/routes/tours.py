"""Guided tours: /tours, /tours/{tour}, /tours/{tour}/{n}, each with its /api twin."""

from typing import Annotated

from fastapi import APIRouter, Path, Request

from app.deps import SnapshotDep
from app.pages.tours import TourPage, ToursPage, TourStepPage, tour_page, tour_step_page, tours_page
from app.web import render

router = APIRouter()
StepNumber = Annotated[int, Path(description="The step's number in the tour, from 1")]


@router.get("/tours", include_in_schema=False)
def tours_html(request: Request, snapshot: SnapshotDep):
    return render(request, "tours.html", tours_page(snapshot))


@router.get("/api/tours", response_model=ToursPage, tags=["pages"])
def tours_api(snapshot: SnapshotDep) -> ToursPage:
    return tours_page(snapshot)


@router.get("/tours/{tour_id}", include_in_schema=False)
def tour_html(request: Request, tour_id: str, snapshot: SnapshotDep):
    return render(request, "tour.html", tour_page(snapshot, tour_id))


@router.get("/api/tours/{tour_id}", response_model=TourPage, tags=["pages"])
def tour_api(tour_id: str, snapshot: SnapshotDep) -> TourPage:
    return tour_page(snapshot, tour_id)


@router.get("/tours/{tour_id}/{n}", include_in_schema=False)
def tour_step_html(request: Request, tour_id: str, n: StepNumber, snapshot: SnapshotDep):
    return render(request, "tour_step.html", tour_step_page(snapshot, tour_id, n))


@router.get("/api/tours/{tour_id}/{n}", response_model=TourStepPage, tags=["pages"])
def tour_step_api(tour_id: str, n: StepNumber, snapshot: SnapshotDep) -> TourStepPage:
    return tour_step_page(snapshot, tour_id, n)
