"""Keyword-only read queries shared by pages, the graph and exports."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.models import (
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    DatasetInfo,
    DatasetVersion,
    Mention,
    Paper,
    Redirect,
    Reference,
    Section,
    Tour,
    TourStep,
)


def papers(*, session: Session) -> list[Paper]:
    return list(session.exec(select(Paper).order_by(col(Paper.position))))


def sections(*, session: Session, paper_id: str | None = None) -> list[Section]:
    query = select(Section).order_by(col(Section.paper_id), col(Section.position))
    if paper_id:
        query = query.where(Section.paper_id == paper_id)
    return list(session.exec(query))


def claims(*, session: Session, paper_id: str | None = None) -> list[Claim]:
    query = select(Claim).order_by(col(Claim.position))
    if paper_id:
        query = query.where(Claim.paper_id == paper_id)
    return list(session.exec(query))


def concepts(*, session: Session) -> list[Concept]:
    return list(session.exec(select(Concept).order_by(col(Concept.id))))


def references(*, session: Session) -> list[Reference]:
    return list(session.exec(select(Reference).order_by(col(Reference.paper_id), col(Reference.position))))


def argument_links(*, session: Session) -> list[ArgumentLink]:
    return list(session.exec(select(ArgumentLink).order_by(col(ArgumentLink.row))))


def causal_links(*, session: Session) -> list[CausalLink]:
    return list(session.exec(select(CausalLink).order_by(col(CausalLink.id))))


def causal_evidence(*, session: Session) -> list[CausalEvidence]:
    return list(session.exec(select(CausalEvidence).order_by(col(CausalEvidence.row))))


def cross_paper_links(*, session: Session) -> list[CrossPaperLink]:
    return list(session.exec(select(CrossPaperLink).order_by(col(CrossPaperLink.row))))


def mentions(*, session: Session) -> list[Mention]:
    return list(session.exec(select(Mention).order_by(col(Mention.row))))


def citations(*, session: Session) -> list[Citation]:
    return list(session.exec(select(Citation).order_by(col(Citation.row))))


def dataset_info(*, session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.exec(select(DatasetInfo))}


def dataset_version(*, session: Session) -> str:
    info = dataset_info(session=session)
    if not info:
        return "not loaded"
    return f"{info['version']}+{info['content_hash'][:12]}"


def dataset_versions(*, session: Session) -> list[DatasetVersion]:
    """The recorded versions, newest first."""
    return list(session.exec(select(DatasetVersion).order_by(col(DatasetVersion.position))))


def redirects(*, session: Session) -> list[Redirect]:
    return list(session.exec(select(Redirect).order_by(col(Redirect.id))))


def tours(*, session: Session) -> list[Tour]:
    return list(session.exec(select(Tour).order_by(col(Tour.position))))


def tour_steps(*, session: Session, tour_id: str | None = None) -> list[TourStep]:
    query = select(TourStep).order_by(col(TourStep.tour_id), col(TourStep.position))
    if tour_id:
        query = query.where(TourStep.tour_id == tour_id)
    return list(session.exec(query))
