"""Search, compare and concept pages on a map with many papers: what keeps them small and
quick, and what must stay exactly as it was (timings themselves are in bench/, not here)."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.main import create_app, refresh_data
from app.models import Claim, Concept, Paper, Reference
from app.pages import search
from app.pages.search import MAX_HITS, _snippet
from app.synth import synthesize
from tests.conftest import SHIPPED_DATA, _sibling_postgres_database, edit


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over a corpus twice the real one (four papers), loaded once for this module."""
    data = synthesize(SHIPPED_DATA, tmp_path_factory.mktemp("synth") / "data", 2)
    url = os.environ.get("DATABASE_URL")
    url = _sibling_postgres_database(url, "synth") if url else f"sqlite:///{data.parent / 'argmap.db'}"
    with TestClient(create_app(database_url=url, data_dir=data)) as client:
        yield client


def plain_scan(client: TestClient, query: str) -> list[tuple[str, str, str, str]]:
    """Every match as (kind, id, field, matched text), found the slow way: each value of each
    row read and searched in turn, claims in reading order, then concepts, then references."""
    needle = query.lower()
    matches = []

    def first(kind: str, row_id: str, fields: list[tuple[str, str | None]]) -> None:
        for name, text in fields:
            if text and needle in text.lower():
                at = text.lower().find(needle)
                matches.append((kind, row_id, name, text[at : at + len(query)]))
                return

    with Session(client.app.state.engine) as session:
        for claim in session.exec(select(Claim).order_by(col(Claim.position))):
            first(
                "claim",
                claim.id,
                [("quote_zh", claim.quote_zh), ("text_en", claim.text_en), ("official_en", claim.official_en)],
            )
        for concept in session.exec(select(Concept).order_by(col(Concept.id))):
            fields = [("label_zh", concept.label_zh), ("label_en", concept.label_en)]
            fields += [("aliases", " · ".join(concept.aliases)), ("definition_en", concept.definition_en)]
            first("concept", concept.id, fields)
        for ref in session.exec(select(Reference).order_by(col(Reference.paper_id), col(Reference.position))):
            first("reference", ref.id, [("text", ref.text)])
    return matches


def searched_words(client: TestClient) -> list[str]:
    """Words a reader types, odd cases, and pieces cut at random from the texts themselves."""
    words = ["资本", "数据", "的", "生产力", "Capital", "PATIENT capital", "x002", "。", "e", "zzzzqqq"]
    pick = random.Random(7)
    with Session(client.app.state.engine) as session:
        texts = [c.quote_zh for c in session.exec(select(Claim))] + [c.text_en for c in session.exec(select(Claim))]
        texts += [p.title_zh for p in session.exec(select(Paper))]
    for text in pick.sample(texts, 40):
        start = pick.randrange(len(text))
        words.append(" ".join(text[start : start + pick.randint(1, 8)].split()) or "资")
    return words


def test_the_search_index_finds_exactly_what_reading_every_row_finds(synthetic: TestClient):
    for word in searched_words(synthetic):
        expected = plain_scan(synthetic, word)
        found = synthetic.get("/api/search", params={"q": word}).json()
        hits = [hit for group in found["groups"] for hit in group["hits"]]
        listed = [(h["kind"], h["id"], h["field"], h["snippet"]["match"]) for h in hits]
        assert found["total"] == len(expected), word
        assert found["shown"] == len(hits) == min(len(expected), MAX_HITS), word
        assert sorted(listed) == sorted(expected[:MAX_HITS]), word  # the first ones, grouped by paper


def test_search_hits_keep_reading_order_within_each_paper(synthetic: TestClient):
    found = synthetic.get("/api/search", params={"q": "资本"}).json()
    expected = plain_scan(synthetic, "资本")
    for group in found["groups"]:
        ids = [hit["id"] for hit in group["hits"]]
        in_order = [row_id for kind, row_id, _, _ in expected if row_id in set(ids)]
        assert ids == in_order


def test_a_word_is_not_found_across_the_end_of_one_text_and_the_start_of_the_next(synthetic: TestClient):
    with Session(synthetic.app.state.engine) as session:
        claims = list(session.exec(select(Claim).order_by(col(Claim.position))))
    # the last characters of one claim's English and the first of its official English / next claim's quote
    seams = [a.text_en[-3:] + b.quote_zh[:2] for a, b in zip(claims, claims[1:], strict=False)][:20]
    for seam in seams:
        assert synthetic.get("/api/search", params={"q": seam}).json()["total"] == len(plain_scan(synthetic, seam))


def test_snippets_mark_the_first_match_in_its_context(synthetic: TestClient):
    found = synthetic.get("/api/search", params={"q": "capital"}).json()
    hit = found["groups"][0]["hits"][0]
    with Session(synthetic.app.state.engine) as session:
        claim = session.get(Claim, hit["id"])
    assert claim is not None
    assert hit["snippet"] == _snippet(getattr(claim, hit["field"]), "capital").model_dump()


def test_the_search_index_is_built_once_and_again_when_the_data_is_reloaded(
    client: TestClient, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    builds = []
    real_build = search.SEARCH_INDEX.build

    def counting_build(session):
        builds.append(1)
        return real_build(session)

    monkeypatch.setattr(search.SEARCH_INDEX, "build", counting_build)
    search.SEARCH_INDEX.forget()  # no index kept from another test
    assert client.get("/api/search", params={"q": "zebra-striped"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "数据"}).json()["total"] > 0
    assert len(builds) == 1
    edit(
        data_dir / "concepts" / "core.yaml",
        "An economic form in which data",
        "A zebra-striped economic form in which data",
    )
    refresh_data(client.app)
    found = client.get("/api/search", params={"q": "zebra-striped"}).json()
    assert found["total"] == 1 and found["groups"][0]["hits"][0]["field"] == "definition_en"
    assert len(builds) == 2  # the new version, built once
