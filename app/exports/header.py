"""The header every export carries: dataset version, sources, licence, how to cite."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app import queries


def export_header(session: Session) -> dict[str, Any]:
    info = queries.dataset_info(session=session)
    version = queries.dataset_version(session=session)
    return {
        "name": "argmap",
        "dataset_version": version,
        "content_hash": info.get("content_hash"),
        "licence": info.get("licence"),
        "sources": [
            {"paper": p.id, "title_zh": p.title_zh, "source": f"data/sources/{p.id}.txt"}
            for p in queries.papers(session=session)
        ],
        "cite_as": "argmap: a source-anchored argument map of two Chinese political-economy papers, "
                   f"dataset version {version}.",
    }
