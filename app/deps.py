"""Request dependencies, defined once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BeforeValidator
from sqlmodel import Session


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _blank_as_none(value: object) -> object:
    return None if value == "" else value


# A form's "any" option submits an empty value (`?relation=`): read it as no filter, not a bad value.
BlankAsNone = BeforeValidator(_blank_as_none)
