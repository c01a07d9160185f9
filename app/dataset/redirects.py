"""Retired ids (data/redirects.yaml): links to a claim or concept keep working after it is
split, merged, renamed or removed.

An id, once published, is never reused. A retired id either has a successor (its URLs answer
301 to the successor's) or is gone (410, with a page pointing at the closest items). The
loader calls `read_redirects` once; app/web/retired_ids.py answers the requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from app.database.models import Redirect
from app.dataset.files import VERSIONS_FILE
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import Slug, Strict, Text
from app.dataset.versions import Version
from app.dataset.yaml_lines import Problem, YamlError, line_of, read_yaml

REDIRECTS_FILE = "redirects.yaml"
Kind = Literal["claim", "concept"]


class MovedEntry(Strict):
    id: Slug
    kind: Kind
    to: Slug
    reason: Literal["split", "merged", "renamed"]
    version: Version
    note: Text | None = None
    see_also: list[Slug] = Field(default_factory=list)


class GoneEntry(Strict):
    id: Slug
    kind: Kind
    reason: Text  # shown on the 410 page: why the item was withdrawn
    version: Version
    see_also: list[Slug] = Field(default_factory=list)


class RedirectsFile(Strict):
    redirects: list[MovedEntry] = Field(default_factory=list)
    gone: list[GoneEntry] = Field(default_factory=list)


def read_redirects(reader: Reader, data_dir: Path, versions: list[Any], live: dict[str, str]) -> list[Any]:
    """Check redirects.yaml against the live ids (`live`: id → claim | concept) and the
    versions record; every problem goes to `reader.problems` as path:line."""
    path = data_dir / REDIRECTS_FILE
    shown = reader.shown(path)
    if not path.exists():
        reader.problems.append(Problem(shown, 1, "missing: retired ids are recorded here (empty lists if none)"))
        return []
    parsed, raw = reader.parse(path, RedirectsFile)
    if parsed is None:
        return []
    entries: list[tuple[str, int, MovedEntry | GoneEntry]] = [
        *(("redirects", i, e) for i, e in enumerate(parsed.redirects)),
        *(("gone", i, e) for i, e in enumerate(parsed.gone)),
    ]
    retired = {entry.id: entry for _, _, entry in entries}
    retired_in = {ident: v.version for v in versions for ident in v.retired}
    recorded = {v.version for v in versions}
    rows: list[Any] = []
    seen: dict[str, int] = {}
    for group, index, entry in entries:
        origin = Origin(shown, raw, (group, index))
        if not _first_retirement(reader, entry, origin, seen):
            continue
        if isinstance(entry, MovedEntry):
            reader.problems += _successor_problems(entry, origin, retired, live)
        reader.problems += _version_problems(entry, origin, recorded, retired_in)
        reader.problems += [
            origin.problem(f"see_also: unknown claim or concept {other!r}", "see_also", position)
            for position, other in enumerate(entry.see_also)
            if other not in live
        ]
        rows.append(_redirect_row(entry, origin))
    _check_versions_record(reader, data_dir, versions, retired, live)
    return rows


def _first_retirement(reader: Reader, entry: MovedEntry | GoneEntry, origin: Origin, seen: dict[str, int]) -> bool:
    """Whether this is the id's first entry (a problem if not); a live id is a problem too."""
    if entry.id in reader.ids:
        first = reader.ids[entry.id]
        reader.problems.append(
            origin.problem(
                f"{entry.id!r} is a live id ({first.path}:{line_of(first.raw, first.location)}); "
                "a published id is never reused",
                "id",
            )
        )
    if entry.id in seen:
        reader.problems.append(
            origin.problem(f"{entry.id!r} is retired twice (first at {origin.path}:{seen[entry.id]})", "id")
        )
        return False
    seen[entry.id] = line_of(origin.raw, origin.location)
    return True


def _successor_problems(
    entry: MovedEntry, origin: Origin, retired: dict[str, MovedEntry | GoneEntry], live: dict[str, str]
) -> list[Problem]:
    """The successor must be a live id of the same kind."""
    if entry.to in retired:
        onward = retired[entry.to]
        where = f"moved to {onward.to!r}" if isinstance(onward, MovedEntry) else "gone"
        return [
            origin.problem(
                f"chain: the successor {entry.to!r} is itself retired ({where}); point straight at a live id", "to"
            )
        ]
    if entry.to not in live:
        return [origin.problem(f"unknown {entry.kind} {entry.to!r}", "to")]
    if live[entry.to] != entry.kind:
        return [origin.problem(f"{entry.to!r} is a {live[entry.to]}, not a {entry.kind}", "to")]
    return []


def _version_problems(
    entry: MovedEntry | GoneEntry, origin: Origin, recorded: set[str], retired_in: dict[str, str]
) -> list[Problem]:
    """The entry's version is recorded, and retires this id."""
    if entry.version not in recorded:
        return [origin.problem(f"version {entry.version} is not recorded in {VERSIONS_FILE}", "version")]
    if retired_in.get(entry.id) != entry.version:
        return [
            origin.problem(
                f"list {entry.id!r} under `retired` of version {entry.version} in {VERSIONS_FILE}", "version"
            )
        ]
    return []


def _redirect_row(entry: MovedEntry | GoneEntry, origin: Origin) -> Any:
    moved = entry if isinstance(entry, MovedEntry) else None
    return build_row(
        Redirect,
        origin,
        id=entry.id,
        kind=entry.kind,
        target_id=moved.to if moved else None,
        reason=entry.reason,
        note=moved.note if moved else None,
        version=entry.version,
        see_also=list(entry.see_also),
    )


def _check_versions_record(
    reader: Reader,
    data_dir: Path,
    versions: list[Any],
    retired: dict[str, MovedEntry | GoneEntry],
    live: dict[str, str],
) -> None:
    """Every id a version retires has an entry here; every id it adds exists (or was retired since)."""
    path = data_dir / VERSIONS_FILE
    try:
        raw = read_yaml(path, reader.shown(path))
    except (OSError, YamlError):
        return  # already reported by the versions check
    shown = reader.shown(path)
    for index, version in enumerate(versions):
        for position, ident in enumerate(version.retired):
            if ident not in retired:
                reader.problems.append(
                    Problem(
                        shown,
                        line_of(raw, ("versions", index, "retired", position)),
                        f"retired id {ident!r} has no entry in {REDIRECTS_FILE}",
                    )
                )
        for position, ident in enumerate(version.added):
            if ident not in live and ident not in retired:
                reader.problems.append(
                    Problem(
                        shown,
                        line_of(raw, ("versions", index, "added", position)),
                        f"added id {ident!r} is neither a live nor a retired id",
                    )
                )
