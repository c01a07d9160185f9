from pydantic import BaseModel


class ErrorPage(BaseModel):
    status: int
    title: str
    message: str
