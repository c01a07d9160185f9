"""Step: each paper's paper.yaml and source text → the paper, its sections and references."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.database.models import Paper, Reference, Section
from app.dataset.reader import Origin, Reader, build_row, cannot_read
from app.dataset.schema import PaperFile
from app.dataset.yaml_lines import Problem


@dataclass
class PaperTexts:
    """What the later steps check against: each paper's source text, each section's span in
    it, and the reference ids."""

    sources: dict[str, str] = field(default_factory=dict)
    section_spans: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # id → (paper, start, end)
    reference_ids: set[str] = field(default_factory=set)


def read_papers(reader: Reader, data_dir: Path, rows: dict[type, list[Any]]) -> PaperTexts:
    papers_dir = data_dir / "papers"
    paper_dirs = sorted(p for p in papers_dir.iterdir() if p.is_dir()) if papers_dir.is_dir() else []
    texts = PaperTexts()
    for position, paper_dir in enumerate(paper_dirs):
        read = _read_paper(reader, data_dir, paper_dir)
        if read is None:
            continue
        paper, top, text = read
        texts.sources[paper.id] = text
        rows[Paper].append(
            build_row(
                Paper, top, position=position, source_text=text, **paper.model_dump(exclude={"sections", "references"})
            )
        )
        rows[Section] += _sections(reader, paper, top, text, texts)
        rows[Reference] += _references(reader, paper, top, text, texts)
    return texts


def _read_paper(reader: Reader, data_dir: Path, paper_dir: Path) -> tuple[PaperFile, Origin, str] | None:
    """The paper's file and its source text, or None if either cannot be used."""
    paper, raw = reader.parse(paper_dir / "paper.yaml", PaperFile)
    if paper is None:
        return None
    top = Origin(reader.shown(paper_dir / "paper.yaml"), raw, ())
    reader.claim_id(paper.id, top, "paper")
    if paper.id != paper_dir.name:
        reader.problems.append(top.problem(f"paper id {paper.id!r} must match its folder {paper_dir.name!r}", "id"))
    source_path = data_dir / "sources" / f"{paper.id}.txt"
    if not source_path.exists():
        reader.problems.append(top.problem(f"no source text {reader.shown(source_path)}", "id"))
        return None
    try:
        text = source_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reader.problems.append(Problem(reader.shown(source_path), 1, cannot_read(error)))
        return None
    return paper, top, text


def _section_starts(reader: Reader, paper: PaperFile, top: Origin, text: str) -> list[int]:
    """Where each section starts: its anchor, searched after the previous section's start."""
    starts: list[int] = []
    for index, section in enumerate(paper.sections):
        origin = Origin(top.path, top.raw, ("sections", index))
        reader.claim_id(section.id, origin, "section")
        start = text.find(section.anchor, starts[-1] if starts else 0)
        if start == -1:
            reader.problems.append(
                origin.problem(
                    f"anchor {section.anchor!r} not found in the source (after the previous section)", "anchor"
                )
            )
            start = starts[-1] if starts else 0
        starts.append(start)
    return starts


def _sections(reader: Reader, paper: PaperFile, top: Origin, text: str, texts: PaperTexts) -> list[Any]:
    starts = _section_starts(reader, paper, top, text)
    rows = []
    for index, section in enumerate(paper.sections):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        texts.section_spans[section.id] = (paper.id, starts[index], end)
        rows.append(
            build_row(
                Section,
                Origin(top.path, top.raw, ("sections", index)),
                id=section.id,
                paper_id=paper.id,
                position=index,
                title_zh=section.title_zh,
                title_en=section.title_en,
                span_start=starts[index],
                span_end=end,
            )
        )
    return rows


def _references(reader: Reader, paper: PaperFile, top: Origin, text: str, texts: PaperTexts) -> list[Any]:
    rows = []
    for index, ref in enumerate(paper.references):
        origin = Origin(top.path, top.raw, ("references", index))
        reader.claim_id(ref.id, origin, "reference")
        if ref.text not in text:
            reader.problems.append(origin.problem("reference text not found verbatim in the source", "text"))
        texts.reference_ids.add(ref.id)
        rows.append(
            build_row(
                Reference,
                origin,
                id=ref.id,
                paper_id=paper.id,
                position=index,
                label=ref.label,
                kind=ref.kind,
                text=ref.text,
            )
        )
    return rows
