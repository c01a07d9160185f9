"""The header every export carries: dataset version, sources, licence, filters, how to cite."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app import queries
from app.exports.filters import Filters


def export_header(session: Session, filters: Filters | None = None) -> dict[str, Any]:
    info = queries.dataset_info(session=session)
    version = queries.dataset_version(session=session)
    return {
        "name": "argmap",
        "dataset_version": version,  # semantic version + the first 12 digits of the content hash
        "version": info.get("version"),
        "content_hash": info.get("content_hash"),
        "licence": info.get("licence"),
        "filters": (filters or Filters()).as_dict(),
        # The content hash covers these files; /export/sources/<paper>.txt serves each one.
        "sources": [
            {"paper": p.id, "title_zh": p.title_zh, "source": f"data/sources/{p.id}.txt"}
            for p in queries.papers(session=session)
        ],
        "cite_as": "argmap: a source-anchored argument map of two Chinese political-economy papers, "
        f"dataset version {version}.",
    }
