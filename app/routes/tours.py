"""Guided tours: /tours, /tours/{tour}, /tours/{tour}/{n}, each with its /api twin."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.pages.tours import TourPage, ToursPage, TourStepPage, tour_page, tour_step_page, tours_page
from app.web.deps import SnapshotDep
from app.web.page_family import page_family

router = APIRouter()
StepNumber = Annotated[int, Path(description="The step's number in the tour, from 1")]


@page_family(router, "/tours", template="tours.html")
def tours(snapshot: SnapshotDep) -> ToursPage:
    return tours_page(snapshot)


@page_family(router, "/tours/{tour_id}", template="tour.html")
def tour(tour_id: str, snapshot: SnapshotDep) -> TourPage:
    return tour_page(snapshot, tour_id)


@page_family(router, "/tours/{tour_id}/{n}", template="tour_step.html")
def tour_step(tour_id: str, n: StepNumber, snapshot: SnapshotDep) -> TourStepPage:
    return tour_step_page(snapshot, tour_id, n)
