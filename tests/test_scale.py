"""What keeps a large map fast and its memory bounded (timings themselves are in bench/, not here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.dataset.synth import synthesize
from app.main import create_app, refresh_data
from app.read import graph
from app.web.response_cache import ResponseCache
from tests.conftest import SHIPPED_DATA, edit


def test_the_map_graph_is_built_once_per_dataset_version(client, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    builds = []
    real_build = graph.GRAPH.build

    def counting_build(snapshot):
        builds.append(1)
        return real_build(snapshot)

    client.app.state.snapshots.wait_prepared()  # the snapshot's derived values, built beside it
    monkeypatch.setattr(graph.GRAPH, "build", counting_build)
    for address in ("/api/graph?focus=patient-capital", "/api/chains", "/api/graph?focus=capital-turnover"):
        assert client.get(address).status_code == 200
    assert client.get("/export/graph.json").status_code == 200
    assert builds == []  # built with the snapshot, not by a request
    edit(data_dir / "concepts" / "core.yaml", "economic form in which data", "economic form where data")
    refresh_data(client.app)
    fresh = client.get("/api/graph?focus=intelligent-economy").json()
    assert any("economic form where data" in str(node) for node in fresh["nodes"])
    assert client.get("/api/chains").status_code == 200
    assert len(builds) == 1  # the new version's, built once


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
        with client.stream("GET", "/export/graph.json", headers={"Accept-Encoding": "identity"}) as response:
            assert response.status_code == 200
            chunks = list(response.iter_raw())
        document = json.loads(b"".join(chunks))
    assert len(chunks) > 1  # sent in pieces, never assembled whole by the server
    papers = [node for node in document["nodes"] if node["type"] == "paper"]
    assert len(papers) == 8


def test_a_search_matching_more_than_a_page_counts_every_match_and_pages_through_them(
    reader, monkeypatch: pytest.MonkeyPatch
):
    from app.pages import search

    monkeypatch.setattr(search, "PER_PAGE", 10_000)
    reader.app.state.response_cache.clear()
    everything = reader.get("/api/search", params={"q": "的"}).json()
    assert everything["shown"] == everything["total"] > 10 and everything["paging"]["pages"] == 1
    monkeypatch.setattr(search, "PER_PAGE", 10)
    reader.app.state.response_cache.clear()
    first = reader.get("/api/search", params={"q": "的"}).json()
    assert first["total"] == everything["total"] and first["shown"] == 10
    assert sum(len(group["hits"]) for group in first["groups"]) == 10
    assert first["paging"]["previous"] is None and first["paging"]["next"] == "?q=%E7%9A%84&page=2"
    pages, listed = [first], []
    while pages[-1]["paging"]["next"]:
        pages.append(reader.get("/api/search" + pages[-1]["paging"]["next"]).json())
    for found in pages:
        listed += [(hit["kind"], hit["id"]) for group in found["groups"] for hit in group["hits"]]
    assert len(pages) == first["paging"]["pages"] == -(-everything["total"] // 10)
    assert sorted(listed) == sorted((hit["kind"], hit["id"]) for g in everything["groups"] for hit in g["hits"])
    page = reader.get("/search", params={"q": "的", "lang": "zh", "page": 2})
    assert f"共 {first['total']} 条结果，当前显示第 11–20 条。再加一个词" in page.text  # Chinese punctuation
    assert 'rel="prev" href="?q=%E7%9A%84&amp;page=1"' in page.text and "下一页" in page.text
    past = reader.get("/api/search", params={"q": "的", "page": len(pages) + 1})
    assert past.status_code == 404 and f"this search has {len(pages)} pages" in past.text
    reader.app.state.response_cache.clear()  # the other tests see the whole search again
