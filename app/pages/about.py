"""About argmap: method, dataset version, licences, how to cite."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session

from app import queries
from app.pages.guides import GuideRef, guides_page


class AboutPage(BaseModel):
    dataset_version: str
    licence: str | None
    counts: dict[str, int]
    cite_as: str
    guides: list[GuideRef]


def about_page(session: Session) -> AboutPage:
    version = queries.dataset_version(session=session)
    return AboutPage(
        dataset_version=version,
        licence=queries.dataset_info(session=session).get("licence"),
        counts={
            "claims": len(queries.claims(session=session)),
            "concepts": len(queries.concepts(session=session)),
            "argument links": len(queries.argument_links(session=session)),
            "causal links": len(queries.causal_links(session=session)),
            "cross-paper links": len(queries.cross_paper_links(session=session)),
        },
        cite_as=f"argmap: a source-anchored argument map of two Chinese political-economy papers. "
        f"Dataset version {version}.",
        guides=guides_page().guides,
    )
