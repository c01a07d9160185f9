"""Export bodies are kept per dataset version, file and filters: a repeated request replays
the same bytes in the same pieces under the same headers, without rendering; large bodies
are only streamed; a data reload forgets them. Run on the fixture dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export_cache import ExportCache
from app.main import refresh_data
from app.routes import exports
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
    # the same filters written differently are the same file
    second = fixture_client.get("/export/graph.json", params=[("layers", "argument"), ("layers", "causal")])
    assert second.status_code == 200 and second.content == first.content
    assert second.headers == first.headers
    assert renders == ["graph.json"]
    fixture_client.get("/export/aif.json")
    fixture_client.get("/export/graph.json")  # unfiltered: another file
    assert renders == ["graph.json", "aif.json", "graph.json"]


def test_a_kept_export_is_sent_in_the_pieces_it_was_streamed_in(fixture_client, renders):
    sizes = []
    for _ in range(2):
        with fixture_client.stream("GET", "/export/argdown.json") as response:
            sizes.append([len(chunk) for chunk in response.iter_raw()])
    assert sizes[0] == sizes[1] and len(sizes[0]) > 1
    assert renders == ["argdown.json"]


def test_revalidating_a_kept_export_still_gets_304(fixture_client, renders):
    tag = fixture_client.get("/export/claims.csv").headers["etag"]
    again = fixture_client.get("/export/claims.csv", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert renders == ["claims.csv"]


def test_a_data_reload_forgets_the_kept_exports(fixture_client, fixture_data_dir: Path, renders):
    before = fixture_client.get("/export/concepts.csv")
    edit(
        fixture_data_dir / "concepts" / "core.yaml",
        "label_en: transaction cost",
        "label_en: transaction cost of exchange",
    )
    refresh_data(fixture_client.app)
    assert len(fixture_client.app.state.export_cache) == 0
    after = fixture_client.get("/export/concepts.csv", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and "transaction cost of exchange" in after.text
    assert "transaction cost of exchange" not in before.text
    assert renders == ["concepts.csv", "concepts.csv"]


def test_a_body_over_the_bound_is_streamed_every_time_and_never_kept(fixture_client, renders):
    fixture_client.app.state.export_cache = kept = ExportCache(max_entry_bytes=20_000)
    large = [fixture_client.get("/export/graph.json").content for _ in range(2)]  # about 45 kB
    assert large[0] == large[1] and len(large[0]) > 20_000
    fixture_client.get("/export/concepts.csv")  # about 3 kB
    fixture_client.get("/export/concepts.csv")
    assert renders == ["graph.json", "graph.json", "concepts.csv"]
    assert len(kept) == 1


def test_the_least_recently_used_body_goes_first_when_the_cache_is_full():
    cache = ExportCache(max_bytes=10)
    cache.put(("v", "a", ""), (b"aa", b"aa"))
    cache.put(("v", "b", ""), (b"bbbb",))
    assert cache.get(("v", "a", "")) == (b"aa", b"aa")  # now the most recently used
    cache.put(("v", "c", ""), (b"cccc",))
    assert cache.get(("v", "b", "")) is None
    assert cache.get(("v", "a", "")) and cache.get(("v", "c", "")) and cache.size == 8


def test_a_body_is_kept_only_when_it_was_sent_whole_from_unchanged_data():
    cache = ExportCache()
    hung_up = cache.keeping(("v", "a", ""), iter([b"one", b"two"]), still_current=lambda: True)
    assert next(hung_up) == b"one"
    hung_up.close()  # the reader left before the end
    changed = cache.keeping(("v", "b", ""), iter([b"one"]), still_current=lambda: False)
    assert list(changed) == [b"one"]
    whole = cache.keeping(("v", "c", ""), iter([b"one", b"two"]), still_current=lambda: True)
    assert list(whole) == [b"one", b"two"]
    assert len(cache) == 1 and cache.get(("v", "c", "")) == (b"one", b"two")
