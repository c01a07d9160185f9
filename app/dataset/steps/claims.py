"""Step: data/papers/<paper>/claims/*.yaml → the claims, each quote found verbatim in its
section of the source, in reading order. Their links wait for the next step, which needs
every claim id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.database.models import Claim, Paper
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import ClaimEntry, ClaimFile


@dataclass
class ReadClaims:
    """Every claim entry read (even one whose quote failed: no cascade of errors), where it
    came from and its paper."""

    entries: list[tuple[ClaimEntry, Origin, str]] = field(default_factory=list)  # (entry, origin, paper id)
    paper_of: dict[str, str] = field(default_factory=dict)  # claim id → paper id


def read_claims(
    reader: Reader,
    data_dir: Path,
    rows: dict[type, list[Any]],
    sources: dict[str, str],
    section_spans: dict[str, tuple[str, int, int]],
) -> ReadClaims:
    claims = ReadClaims()
    for path in sorted((data_dir / "papers").glob("*/claims/*.yaml")):
        claim_file, raw = reader.parse(path, ClaimFile)
        if claim_file is None:
            continue
        top = Origin(reader.shown(path), raw, ())
        if claim_file.section not in section_spans:
            reader.problems.append(top.problem(f"unknown section {claim_file.section!r}", "section"))
            continue
        paper_id, start, end = section_spans[claim_file.section]
        if paper_id != path.parent.parent.name:
            reader.problems.append(
                top.problem(
                    f"section {claim_file.section!r} belongs to paper {paper_id!r}, not {path.parent.parent.name!r}",
                    "section",
                )
            )
        section = _Section(claim_file.section, paper_id, sources[paper_id], start, end)
        for index, entry in enumerate(claim_file.claims):
            origin = Origin(top.path, raw, ("claims", index))
            reader.claim_id(entry.id, origin, "claim")
            claims.paper_of[entry.id] = paper_id
            claims.entries.append((entry, origin, paper_id))
            if (row := _claim_row(reader, entry, origin, section)) is not None:
                rows[Claim].append(row)
    _in_reading_order(rows)
    return claims


@dataclass
class _Section:
    id: str
    paper_id: str
    text: str  # the paper's whole source
    start: int
    end: int


def _claim_row(reader: Reader, entry: ClaimEntry, origin: Origin, section: _Section) -> Any | None:
    """The claim's row, or None if its quote is not where it says."""
    text = section.text
    at, found = _find(text, entry.quote_zh, section.start, section.end, entry.occurrence)
    if found == 0:
        where = "anywhere in the source" if entry.quote_zh not in text else f"in section {section.id}"
        reader.problems.append(origin.problem(f"quote_zh not found verbatim {where}", "quote_zh"))
        return None
    if found > 1 and entry.occurrence is None:
        reader.problems.append(
            origin.problem(
                f"quote_zh occurs {found} times in section {section.id}; add occurrence: 1..{found}", "quote_zh"
            )
        )
    if at is None:
        reader.problems.append(origin.problem(f"occurrence {entry.occurrence} > {found} found", "occurrence"))
        return None
    if entry.official_en and entry.official_en not in text:
        reader.problems.append(origin.problem("official_en not found verbatim in the source", "official_en"))
    return build_row(
        Claim,
        origin,
        id=entry.id,
        paper_id=section.paper_id,
        section_id=section.id,
        position=0,
        kind=entry.kind,
        weight=entry.weight,
        quote_zh=entry.quote_zh,
        text_en=entry.text_en,
        official_en=entry.official_en,
        span_start=at,
        span_end=at + len(entry.quote_zh),
    )


def _find(text: str, needle: str, start: int, end: int, occurrence: int | None) -> tuple[int | None, int]:
    """Position of the needle inside text[start:end] and how often it occurs there."""
    positions = []
    at = text.find(needle, start, end)
    while at != -1:
        positions.append(at)
        at = text.find(needle, at + 1, end)
    if not positions:
        return None, 0
    index = (occurrence or 1) - 1
    return (positions[index] if index < len(positions) else None), len(positions)


def _in_reading_order(rows: dict[type, list[Any]]) -> None:
    """Claims by position in the source, papers in their order; `position` numbers them."""
    paper_order = {p.id: p.position for p in rows[Paper]}
    rows[Claim].sort(key=lambda c: (paper_order[c.paper_id], c.span_start, c.id))
    for position, claim in enumerate(rows[Claim]):
        claim.position = position
