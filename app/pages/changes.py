"""What changed in each dataset version (data/versions.yaml), newest first."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session

from app import queries


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
    added: list[ItemLink]
    retired: list[RetiredItem]


class ChangesPage(BaseModel):
    dataset_version: str
    versions: list[VersionSummary]


def _link(ident: str, kind: str) -> ItemLink:
    return ItemLink(id=ident, kind=kind, url=f"/{'claims' if kind == 'claim' else 'concepts'}/{ident}")


def changes_page(session: Session) -> ChangesPage:
    retired = {r.id: r for r in queries.redirects(session=session)}
    kinds = {c.id: "claim" for c in queries.claims(session=session)}
    kinds |= {c.id: "concept" for c in queries.concepts(session=session)}
    kinds |= {r.id: r.kind for r in retired.values()}
    current = queries.dataset_info(session=session).get("version")
    versions = []
    for v in queries.dataset_versions(session=session):
        gone_items = []
        for ident in v.retired:
            entry = retired[ident]  # the loader checks every retired id has an entry
            successor = _link(entry.target_id, entry.kind) if entry.target_id else None
            gone_items.append(
                RetiredItem(**_link(ident, entry.kind).model_dump(), successor=successor, reason=entry.reason)
            )
        versions.append(
            VersionSummary(
                version=v.version,
                date=v.date,
                content_hash=v.content_hash,
                current=v.version == current,
                changes=list(v.changes),
                added=[_link(i, kinds[i]) for i in v.added],
                retired=gone_items,
            )
        )
    return ChangesPage(dataset_version=queries.dataset_version(session=session), versions=versions)
