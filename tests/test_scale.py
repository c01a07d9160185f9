"""What keeps a large map fast and its memory bounded (timings themselves are in bench/, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import graph
from app.cache import ResponseCache
from app.main import create_app, refresh_data
from app.synth import synthesize
from tests.conftest import SHIPPED_DATA, edit


def test_the_map_graph_is_built_once_per_dataset_version(client, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    builds = []
    real_build = graph.build_graph

    def counting_build(session):
        builds.append(1)
        return real_build(session)

    monkeypatch.setattr(graph, "build_graph", counting_build)
    monkeypatch.setattr(graph, "_built", {})  # no graph kept from another test
    for address in ("/api/graph?focus=patient-capital", "/api/chains", "/api/graph?focus=capital-turnover"):
        assert client.get(address).status_code == 200
    assert client.get("/export/graph.json").status_code == 200
    assert len(builds) == 1
    edit(data_dir / "concepts" / "core.yaml", "An economic form in which data", "An economic form where data")
    refresh_data(client.app)
    fresh = client.get("/api/graph?focus=intelligent-economy").json()
    assert any("economic form where data" in str(node) for node in fresh["nodes"])
    assert client.get("/api/chains").status_code == 200
    assert len(builds) == 2  # the new version, built once


def test_the_response_cache_keeps_within_its_bounds_under_many_addresses(reader):
    found = reader.get("/api/search", params={"q": "的"}).json()  # in nearly every quote
    claims = [hit["id"] for group in found["groups"] for hit in group["hits"] if hit["kind"] == "claim"][:30]
    assert len(claims) == 30
    original = reader.app.state.response_cache
    reader.app.state.response_cache = small = ResponseCache(max_entries=10)
    try:
        for claim in claims:
            assert reader.get(f"/claims/{claim}").status_code == 200
        assert len(small) == 10
        hits = small.hits
        reader.get(f"/claims/{claims[-1]}")  # among the most recent: still there
        reader.get(f"/claims/{claims[0]}")  # the oldest: forgotten, rendered again
        assert small.hits == hits + 1
    finally:
        reader.app.state.response_cache = original


def test_a_large_synthetic_map_exports_as_a_stream(tmp_path: Path, database_url: str):
    data = synthesize(SHIPPED_DATA, tmp_path / "synthetic", 4)
    with TestClient(create_app(database_url=database_url, data_dir=data)) as client:
        with client.stream("GET", "/export/graph.json") as response:
            assert response.status_code == 200
            chunks = list(response.iter_raw())
        document = json.loads(b"".join(chunks))
    assert len(chunks) > 1  # sent in pieces, never assembled whole by the server
    papers = [node for node in document["nodes"] if node["type"] == "paper"]
    assert len(papers) == 8


def test_a_search_matching_more_than_can_be_shown_counts_every_match(reader, monkeypatch: pytest.MonkeyPatch):
    from app.pages import search

    everything = reader.get("/api/search", params={"q": "的"}).json()
    assert everything["shown"] == everything["total"] > 10
    monkeypatch.setattr(search, "MAX_HITS", 10)
    reader.app.state.response_cache.clear()
    capped = reader.get("/api/search", params={"q": "的"}).json()
    assert capped["total"] == everything["total"] and capped["shown"] == 10
    assert sum(len(group["hits"]) for group in capped["groups"]) == 10
    page = reader.get("/search", params={"q": "的", "lang": "zh"})
    assert "显示前 10" in page.text and "再加一个词" in page.text
    reader.app.state.response_cache.clear()  # the other tests see the full search again
