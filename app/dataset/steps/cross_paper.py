"""Step: data/cross-paper.yaml → the links between claims of two different papers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.database.models import CrossPaperLink
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import CrossPaperEntry, CrossPaperFile


def read_cross_paper(reader: Reader, data_dir: Path, rows: dict[type, list[Any]], paper_of: dict[str, str]) -> None:
    """`paper_of`: claim id → paper id, for every claim read."""
    cross_path = data_dir / "cross-paper.yaml"
    if not cross_path.exists():
        return
    cross, raw = reader.parse(cross_path, CrossPaperFile)
    seen: set[tuple[str, str]] = set()
    for index, link in enumerate(cross.links if cross else []):
        origin = Origin(reader.shown(cross_path), raw, ("links", index))
        problem = _problem(link, paper_of, seen)
        if problem:
            reader.problems.append(origin.problem(*problem))
            continue
        seen.add((link.source, link.to))
        rows[CrossPaperLink].append(
            build_row(
                CrossPaperLink,
                origin,
                source_id=link.source,
                target_id=link.to,
                relation=link.relation,
                note=link.note,
                note_zh=link.note_zh,
            )
        )


def _problem(link: CrossPaperEntry, paper_of: dict[str, str], seen: set[tuple[str, str]]) -> tuple[str, ...] | None:
    """(message, the field it is about, if one) when the link cannot be kept."""
    unknown = [c for c in (link.source, link.to) if c not in paper_of]
    if unknown:
        return f"unknown claim {unknown[0]!r}", "from" if unknown[0] == link.source else "to"
    if paper_of[link.source] == paper_of[link.to]:
        return ("a cross-paper link must join claims of two different papers",)
    if (link.source, link.to) in seen:
        return (f"duplicate cross-paper link {link.source} → {link.to}",)
    return None
