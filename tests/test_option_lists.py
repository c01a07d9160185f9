"""The long lists of the chain pickers, the graph's search box and the export's concept filter: each at its own address,
serialised once per dataset version and revalidated by its ETag; a page writes a list into
itself only while it is short, and an answer to one question never carries it. Run on the
fixture dataset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.main import refresh_data
from app.pages import chains, option_lists
from tests.conftest import edit

LISTS = ["/api/chains/concepts", "/api/graph/nodes", "/api/export/concepts"]
QUESTION = {"from": "digital-ledger", "to": "rural-income"}


def test_the_chain_pickers_list_every_concept_on_a_causal_link_by_its_english_label(fixture_reader):
    concepts = fixture_reader.get("/api/chains/concepts").json()
    assert {"digital-ledger", "transaction-cost", "rural-income"} <= {c["id"] for c in concepts}
    labels = [c["label_en"].lower() for c in concepts]
    assert labels == sorted(labels)
    assert all(c["url"] == f"/concepts/{c['id']}" and c["label_zh"] for c in concepts)


def test_a_chain_answer_points_to_the_pickers_list_instead_of_carrying_it(fixture_reader):
    answer = fixture_reader.get("/api/chains", params=QUESTION).json()
    assert "concepts" not in answer and answer["concepts_url"] == "/api/chains/concepts"
    assert fixture_reader.get(answer["concepts_url"]).status_code == 200
    assert fixture_reader.get("/api/chains").json()["concepts_url"] == "/api/chains/concepts"


def test_the_graph_search_list_names_every_node_of_the_map_and_a_view_points_to_it(fixture_reader):
    nodes = fixture_reader.get("/api/graph/nodes").json()
    view = fixture_reader.get("/api/graph", params={"focus": "digital-ledger"}).json()
    assert "search" not in view and view["search_url"] == "/api/graph/nodes"
    assert len(nodes) == len({n["id"] for n in nodes}) == view["view"]["counts"]["graph_nodes"]
    labels = {n["id"]: n["label"] for n in nodes}
    assert labels["digital-ledger"] == "digital ledger" and "zheng-wu-thesis" in labels and "zheng-wu" in labels


@pytest.mark.parametrize("address", LISTS)
def test_a_list_is_revalidated_by_its_etag(fixture_reader, address):
    first = fixture_reader.get(address, headers={"Accept-Encoding": "identity"})  # a strong tag
    assert first.headers["content-type"] == "application/json"
    assert first.headers["cache-control"] == "public, no-cache"
    assert first.headers["x-content-type-options"] == "nosniff"
    tag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    again = fixture_reader.get(address, headers={"If-None-Match": tag, "Accept-Encoding": "identity"})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = fixture_reader.get(address, headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.content == first.content


def test_a_list_is_built_once_per_dataset_version_and_anew_after_a_reload(
    fixture_client, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    built: list[str] = []
    real_build = chains.PICKERS.build

    def counting_build(snapshot):
        built.append(snapshot.version)
        return real_build(snapshot)

    fixture_client.app.state.snapshots.wait_prepared()  # the snapshot's derived values, built beside it
    monkeypatch.setattr(chains.PICKERS, "build", counting_build)
    first = fixture_client.get("/api/chains/concepts")
    fixture_client.get("/chains", params=QUESTION)
    fixture_client.get("/chains", params={"from": "rural-income", "to": "digital-ledger"})
    second = fixture_client.get("/api/chains/concepts")
    assert second.content == first.content and built == []  # built with the snapshot, not by a request

    edit(
        fixture_data_dir / "concepts" / "core.yaml",
        "label_en: transaction cost",
        "label_en: transaction cost of exchange",
    )
    refresh_data(fixture_client.app)
    fresh = fixture_client.get("/api/chains/concepts", headers={"If-None-Match": first.headers["etag"]})
    assert fresh.status_code == 200 and "transaction cost of exchange" in fresh.text
    assert fresh.headers["etag"] != first.headers["etag"] and len(built) == 1  # the new version's, built once


def test_on_a_small_map_the_pickers_and_the_search_box_are_in_the_page(fixture_reader):
    chains = fixture_reader.get("/chains", params=QUESTION).text
    assert '<option value="transaction-cost">' in chains  # the form works without JavaScript
    assert '<option value="digital-ledger" selected>' in chains
    assert "data-options" not in chains and "js/options.js" not in chains
    graph = fixture_reader.get("/graph").text
    assert '<option value="zheng-wu-thesis">' in graph and "data-options" not in graph


def test_on_a_large_map_a_page_carries_only_the_chosen_concepts_and_names_the_list(
    fixture_reader, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(option_lists, "INLINE_MAX", 5)  # the fixture's lists count as long
    fixture_reader.app.state.response_cache.clear()
    try:
        chains = fixture_reader.get("/chains", params=QUESTION).text
        graph = fixture_reader.get("/graph", params={"focus": "digital-ledger"}).text
        export = fixture_reader.get("/export", params={"concept": "digital-ledger"}).text
    finally:
        fixture_reader.app.state.response_cache.clear()  # the other tests see the real pages again
    assert chains.count('data-options="/api/chains/concepts"') == 2 and "js/options.js" in chains
    assert '<option value="digital-ledger" selected>' in chains
    assert '<option value="rural-income" selected>' in chains
    assert '<option value="transaction-cost"' not in chains
    assert 'data-options="/api/graph/nodes"' in graph and "js/options.js" in graph
    assert '<option value="zheng-wu-thesis">' not in graph
    assert 'data-options="/api/export/concepts"' in export and "js/options.js" in export
    assert '<option value="digital-ledger" selected>' in export and '<option value="rural-income"' not in export
