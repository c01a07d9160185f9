"""The record of dataset versions (data/versions.yaml), newest first.

Each entry names a version, its date, what changed, the ids it added and retired, and the
content hash the data had in that version. The hash covers every data file except
versions.yaml itself (a file cannot contain its own hash; app/dataset/files.py computes it).
tests/test_versions.py fails when the data change but no new version is recorded;
`python -m app.dataset.versions` prints the hash and the entry to add.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationError

from app.database.models import DatasetVersion
from app.dataset.files import VERSIONS_FILE, content_hash
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import DatasetFile, Slug, Strict, Text
from app.dataset.yaml_lines import Problem, YamlError, read_yaml

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class VersionEntry(Strict):
    version: Version
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    content_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    changes: list[Text] = Field(min_length=1)
    changes_zh: list[Text] | None = None  # the same lines in Chinese, for the Chinese interface
    added: list[Slug] = Field(default_factory=list)
    retired: list[Slug] = Field(default_factory=list)


class VersionsFile(Strict):
    versions: list[VersionEntry] = Field(min_length=1)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def read_versions(reader: Reader, data_dir: Path, current: str) -> list[Any]:
    """Check versions.yaml (the loader's step); the newest entry must be the current version."""
    path = data_dir / VERSIONS_FILE
    shown = reader.shown(path)
    if not path.exists():
        reader.problems.append(Problem(shown, 1, "missing: every dataset version is recorded here"))
        return []
    parsed, raw = reader.parse(path, VersionsFile)
    if parsed is None:
        return []
    rows: list[Any] = []
    retired_in: dict[str, str] = {}
    for index, entry in enumerate(parsed.versions):
        origin = Origin(shown, raw, ("versions", index))

        def problem(message: str, *where: object, origin: Origin = origin) -> None:
            reader.problems.append(origin.problem(message, *where))

        if index == 0 and entry.version != current:
            problem(
                f"the newest entry is {entry.version}, but data/dataset.yaml names version {current}; "
                f"record {current} first",
                "version",
            )
        if index > 0:
            newer = parsed.versions[index - 1]
            if version_key(entry.version) >= version_key(newer.version):
                problem(f"versions are listed newest first: {entry.version} comes after {newer.version}", "version")
            elif entry.date > newer.date:
                problem(f"{entry.version} is dated after the newer {newer.version}", "date")
        if entry.changes_zh is not None and len(entry.changes_zh) != len(entry.changes):
            problem(
                f"changes_zh has {len(entry.changes_zh)} lines and changes {len(entry.changes)}: "
                "the Chinese says the same, line for line",
                "changes_zh",
            )
        for position, ident in enumerate(entry.retired):
            if ident in retired_in:
                problem(
                    f"{ident!r} is already retired in {retired_in[ident]}; an id is retired once", "retired", position
                )
            retired_in.setdefault(ident, entry.version)
        rows.append(
            build_row(
                DatasetVersion,
                origin,
                version=entry.version,
                position=index,
                date=entry.date,
                content_hash=entry.content_hash,
                changes=list(entry.changes),
                changes_zh=list(entry.changes_zh) if entry.changes_zh is not None else None,
                added=list(entry.added),
                retired=list(entry.retired),
            )
        )
    return rows


def recorded_hash(data_dir: Path, version: str) -> str | None:
    """The content hash versions.yaml records for `version` (None if it has no entry)."""
    path = data_dir / VERSIONS_FILE
    try:
        parsed = VersionsFile.model_validate(read_yaml(path, path.name))
    except (OSError, YamlError, ValidationError):
        return None
    return next((entry.content_hash for entry in parsed.versions if entry.version == version), None)


def version_status(data_dir: Path) -> tuple[str, str, str | None]:
    """(the version dataset.yaml names, the data's content hash, the hash recorded for that version)."""
    version = DatasetFile.model_validate(read_yaml(data_dir / "dataset.yaml", "dataset.yaml")).version
    return version, content_hash(data_dir), recorded_hash(data_dir, version)


def main(data_dir: Path) -> int:
    """Print the current version and hash; if they are not recorded, the entry to add."""
    version, current, recorded = version_status(data_dir)
    print(f"dataset.yaml version: {version}")
    print(f"content hash:         {current}")
    if recorded == current:
        print(f"recorded in {VERSIONS_FILE}: yes")
        return 0
    if recorded:
        print(
            f"{VERSIONS_FILE} records {recorded} for {version}: the data changed since. Bump `version` in "
            f"dataset.yaml, run this again, and add the entry it prints at the top of {VERSIONS_FILE}."
        )
        return 1
    print(f"no entry for {version} yet; add this at the top of `versions:` in {VERSIONS_FILE}:\n")
    print(
        f'  - version: {version}\n    date: "{date.today().isoformat()}"\n    content_hash: "{current}"\n'
        "    changes:\n      - What changed, in one line each.\n    added: []     # new claim/concept ids\n"
        "    retired: []   # withdrawn ids; each also needs an entry in redirects.yaml"
    )
    return 1


if __name__ == "__main__":
    from app.config import settings

    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else settings.data_dir))
