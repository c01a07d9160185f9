"""Retired ids (data/redirects.yaml): links to a claim or concept keep working after it is
split, merged, renamed or removed.

An id, once published, is never reused. A retired id either has a successor (its URLs answer
301 to the successor's) or is gone (410, with a page pointing at the closest items). The
loader calls `read_redirects` once; app/redirect_routes.py answers the requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from app.models import DatasetVersion, Redirect
from app.schema import Slug, Strict, Text
from app.versions import VERSIONS_FILE, Version
from app.yamlfile import Problem, YamlError, line_of, read_yaml

if TYPE_CHECKING:
    from app.load import _Reader

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


def read_redirects(
    reader: _Reader, data_dir: Path, versions: list[DatasetVersion], live: dict[str, str]
) -> list[Redirect]:
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
    retired_in = {ident: v.version for v in versions for ident in v.retired}
    entries: list[tuple[str, int, MovedEntry | GoneEntry]] = [
        *(("redirects", i, e) for i, e in enumerate(parsed.redirects)),
        *(("gone", i, e) for i, e in enumerate(parsed.gone)),
    ]
    retired = {entry.id: entry for _, _, entry in entries}
    rows: list[Redirect] = []
    seen: dict[str, int] = {}
    for group, index, entry in entries:

        def problem(message: str, *where: object, group: str = group, index: int = index) -> None:
            reader.problems.append(Problem(shown, line_of(raw, (group, index, *where)), message))

        if entry.id in reader.ids:
            first = reader.ids[entry.id]
            problem(
                f"{entry.id!r} is a live id ({first.path}:{line_of(first.raw, first.location)}); "
                "a published id is never reused",
                "id",
            )
        if entry.id in seen:
            problem(f"{entry.id!r} is retired twice (first at {shown}:{seen[entry.id]})", "id")
            continue
        seen[entry.id] = line_of(raw, (group, index))
        if isinstance(entry, MovedEntry):
            if entry.to in retired:
                onward = retired[entry.to]
                where = f"moved to {onward.to!r}" if isinstance(onward, MovedEntry) else "gone"
                problem(
                    f"chain: the successor {entry.to!r} is itself retired ({where}); point straight at a live id", "to"
                )
            elif entry.to not in live:
                problem(f"unknown {entry.kind} {entry.to!r}", "to")
            elif live[entry.to] != entry.kind:
                problem(f"{entry.to!r} is a {live[entry.to]}, not a {entry.kind}", "to")
        if entry.version not in {v.version for v in versions}:
            problem(f"version {entry.version} is not recorded in {VERSIONS_FILE}", "version")
        elif retired_in.get(entry.id) != entry.version:
            problem(f"list {entry.id!r} under `retired` of version {entry.version} in {VERSIONS_FILE}", "version")
        for position, other in enumerate(entry.see_also):
            if other not in live:
                problem(f"see_also: unknown claim or concept {other!r}", "see_also", position)
        rows.append(
            Redirect(
                id=entry.id,
                kind=entry.kind,
                target_id=entry.to if isinstance(entry, MovedEntry) else None,
                reason=entry.reason,
                note=entry.note if isinstance(entry, MovedEntry) else None,
                version=entry.version,
                see_also=list(entry.see_also),
            )
        )
    _check_versions_record(reader, data_dir, versions, retired, live)
    return rows


def _check_versions_record(
    reader: _Reader,
    data_dir: Path,
    versions: list[DatasetVersion],
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
