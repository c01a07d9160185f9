"""Exports go through the one cache of rendered bytes, like any page: a repeated request is
replayed with the same bytes and headers (the export's own ETag among them) without
rendering; a body over the bound is only streamed; a new snapshot forgets them. Run on the
fixture dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.main import refresh_data
from app.routes import exports
from app.web import response_cache
from tests.conftest import edit


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names of the exports actually rendered (not replayed)."""
    rendered: list[str] = []
    real = exports.context_for

    def counting(snapshot, fmt, filters, base_url):
        rendered.append(fmt.filename)
        return real(snapshot, fmt, filters, base_url)

    monkeypatch.setattr(exports, "context_for", counting)
    return rendered


def test_an_export_asked_for_again_is_replayed_with_the_same_bytes_and_headers(fixture_client, renders):
    first = fixture_client.get("/export/graph.json", params={"layers": "causal,argument"})
    second = fixture_client.get("/export/graph.json", params={"layers": "causal,argument"})
    assert second.status_code == 200 and second.content == first.content
    assert second.headers == first.headers
    assert renders == ["graph.json"]
    # the same filters written differently: the same file, under the same ETag
    other = fixture_client.get("/export/graph.json", params=[("layers", "argument"), ("layers", "causal")])
    assert other.content == first.content and other.headers["etag"] == first.headers["etag"]
    fixture_client.get("/export/aif.json")
    assert renders[-1] == "aif.json"


def test_revalidating_a_kept_export_still_gets_304_by_its_own_etag(fixture_client, renders):
    tag = fixture_client.get("/export/claims.csv").headers["etag"]
    again = fixture_client.get("/export/claims.csv", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert renders == ["claims.csv"]


def test_a_new_snapshot_forgets_the_kept_exports(fixture_client, fixture_data_dir: Path, renders):
    before = fixture_client.get("/export/concepts.csv")
    edit(
        fixture_data_dir / "concepts" / "core.yaml",
        "label_en: transaction cost",
        "label_en: transaction cost of exchange",
    )
    refresh_data(fixture_client.app)
    assert len(fixture_client.app.state.response_cache) == 0
    after = fixture_client.get("/export/concepts.csv", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and "transaction cost of exchange" in after.text
    assert "transaction cost of exchange" not in before.text
    assert renders == ["concepts.csv", "concepts.csv"]


def test_a_body_over_the_bound_is_streamed_every_time_and_never_kept(
    fixture_client, renders, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(response_cache, "MAX_ENTRY_BYTES", 20_000)
    kept = fixture_client.app.state.response_cache
    kept.clear()
    large = [fixture_client.get("/export/graph.json").content for _ in range(2)]  # about 45 kB
    assert large[0] == large[1] and len(large[0]) > 20_000
    fixture_client.get("/export/concepts.csv")  # about 3 kB
    fixture_client.get("/export/concepts.csv")
    assert renders == ["graph.json", "graph.json", "concepts.csv"]
    assert len(kept) == 1
