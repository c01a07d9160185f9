"""What changed in each dataset version (data/versions.yaml), newest first."""

from __future__ import annotations

from pydantic import BaseModel

from app.read.rows import DatasetVersionRow
from app.read.snapshot import Snapshot


class ItemLink(BaseModel):
    id: str
    kind: str  # claim | concept
    url: str


class RetiredItem(ItemLink):
    successor: ItemLink | None  # None: gone (its URL answers 410)
    reason: str


class VersionSummary(BaseModel):
    version: str
    date: str
    content_hash: str
    current: bool
    changes: list[str]
    changes_zh: list[str] | None  # the same lines in Chinese, where the data give them
    added: list[ItemLink]
    retired: list[RetiredItem]


class ChangesPage(BaseModel):
    dataset_version: str
    versions: list[VersionSummary]


def _link(ident: str, kind: str) -> ItemLink:
    return ItemLink(id=ident, kind=kind, url=f"/{'claims' if kind == 'claim' else 'concepts'}/{ident}")


def _kind(snapshot: Snapshot, ident: str) -> str:
    """What an id named when it was added: a retired id's record says; else a claim or a concept."""
    if ident in snapshot.redirect:
        return snapshot.redirect[ident].kind
    return "concept" if ident in snapshot.concept else "claim"


def _retired(snapshot: Snapshot, ident: str) -> RetiredItem:
    entry = snapshot.redirect[ident]  # the loader checks every retired id has an entry
    successor = _link(entry.target_id, entry.kind) if entry.target_id else None
    return RetiredItem(**_link(ident, entry.kind).model_dump(), successor=successor, reason=entry.reason)


def _version(snapshot: Snapshot, version: DatasetVersionRow) -> VersionSummary:
    return VersionSummary(
        version=version.version,
        date=version.date,
        content_hash=version.content_hash,
        current=version.version == snapshot.info.get("version"),
        changes=list(version.changes),
        changes_zh=list(version.changes_zh) if version.changes_zh is not None else None,
        added=[_link(i, _kind(snapshot, i)) for i in version.added],
        retired=[_retired(snapshot, i) for i in version.retired],
    )


def changes_page(snapshot: Snapshot) -> ChangesPage:
    return ChangesPage(dataset_version=snapshot.version, versions=[_version(snapshot, v) for v in snapshot.versions])
