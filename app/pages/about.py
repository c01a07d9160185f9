"""About argmap: method, dataset version, licences, how to cite."""

from __future__ import annotations

from pydantic import BaseModel

from app.pages.guides import GuideRef, guides_page
from app.read.snapshot import Snapshot


class AboutPage(BaseModel):
    dataset_version: str
    licence: str | None
    counts: dict[str, int]
    cite_as: str
    guides: list[GuideRef]


def about_page(snapshot: Snapshot) -> AboutPage:
    version = snapshot.version
    return AboutPage(
        dataset_version=version,
        licence=snapshot.info.get("licence"),
        counts={
            "claims": len(snapshot.claims),
            "concepts": len(snapshot.concepts),
            "argument links": len(snapshot.argument_links),
            "causal links": len(snapshot.causal_links),
            "cross-paper links": len(snapshot.cross_paper_links),
        },
        cite_as=f"argmap: a source-anchored argument map of two Chinese political-economy papers. "
        f"Dataset version {version}.",
        guides=guides_page().guides,
    )
