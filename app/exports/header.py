"""The header every export carries: dataset version, sources, licence, filters, how to cite."""

from __future__ import annotations

from typing import Any

from app.exports.filters import Filters
from app.read.snapshot import Snapshot


def export_header(snapshot: Snapshot, filters: Filters | None = None) -> dict[str, Any]:
    info = snapshot.info
    version = snapshot.version
    return {
        "name": "argmap",
        "dataset_version": version,  # semantic version + the first 12 digits of the content hash
        "version": info.get("version"),
        "content_hash": info.get("content_hash"),
        "licence": info.get("licence"),
        "filters": (filters or Filters()).as_dict(),
        # The content hash covers these files; /export/sources/<paper>.txt serves each one.
        "sources": [
            {"paper": p.id, "title_zh": p.title_zh, "source": f"data/sources/{p.id}.txt"} for p in snapshot.papers
        ],
        "cite_as": "argmap: a source-anchored argument map of two Chinese political-economy papers, "
        f"dataset version {version}.",
    }
