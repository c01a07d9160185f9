"""The snapshot's rows mirror the tables: each row class has the table's columns, in the
table's order (a snapshot builds its rows from the columns by position). The graph built from
them is networkx's own, and a snapshot serves before what is derived from it is built."""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import fields
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from app.database import models
from app.main import create_app
from app.read import rows
from app.read.graph import GRAPH, build_graph
from app.read.snapshot import Snapshot

PAIRS = [(table, getattr(rows, f"{table.__name__}Row")) for table in models.TABLES if table is not models.DatasetInfo]


@pytest.mark.parametrize(("table", "row"), PAIRS, ids=lambda item: getattr(item, "__name__", ""))
def test_each_row_class_has_its_tables_columns_in_order(table, row):
    assert [field.name for field in fields(row)] == [column.name for column in table.__table__.columns]


def test_every_table_but_the_dataset_facts_has_a_row_class():
    assert len(PAIRS) == len(models.TABLES) - 1  # DatasetInfo is read as a mapping: snapshot.info


def _snapshot_with_links() -> Snapshot:
    """Two papers' claims: a and b joined twice (an argument link, then a cross-paper link),
    c and d once, e and f by two argument links."""
    claims = tuple(
        rows.ClaimRow(name, "p", "p-s1", n, "thesis", "core", "引文", name, None, 0, 1)
        for n, name in enumerate("abcdef")
    )
    return Snapshot(
        info={"version": "1", "content_hash": "0" * 12},
        papers=(
            rows.PaperRow(
                "p", 0, "题", None, None, None, None, None, None, None, None, None, None, None, None, None, True, ""
            ),
        ),
        sections=(rows.SectionRow("p-s1", "p", 0, "节", "Section", 0, 1),),
        claims=claims,
        argument_links=(
            rows.ArgumentLinkRow(1, "a", "b", "supports"),
            rows.ArgumentLinkRow(2, "c", "d", "supports"),
            rows.ArgumentLinkRow(3, "e", "f", "supports"),
            rows.ArgumentLinkRow(4, "e", "f", "qualifies"),
        ),
        cross_paper_links=(rows.CrossPaperLinkRow(1, "a", "b", "agrees", "note", None),),
    )


def test_the_graph_has_the_links_and_keys_networkx_would_give():
    graph = build_graph(_snapshot_with_links())
    same = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        same.add_node(node, **data)
    for u, v, data in [(u, v, d) for u, v, d in graph.edges(data=True)]:
        same.add_edge(u, v, **data)
    assert list(graph.edges(keys=True, data=True)) == list(same.edges(keys=True, data=True))
    assert list(graph.in_edges(keys=True, data=True)) == list(same.in_edges(keys=True, data=True))
    assert [k for _, _, k in graph.edges("a", keys=True)] == [0, 1]  # the second link between a and b
    assert dict(graph["c"]["d"]) == {0: {"layer": "argument", "relation": "supports"}}  # untouched by it
    assert [graph["e"]["f"][k]["relation"] for k in (0, 1)] == ["supports", "qualifies"]
    assert graph.number_of_edges() == same.number_of_edges()


def test_a_claim_page_is_answered_while_the_graph_is_still_being_built(
    database_url: str, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    started, release = threading.Event(), threading.Event()
    real_build = GRAPH.build

    def slow_build(snapshot):
        started.set()
        release.wait(30)
        return real_build(snapshot)

    monkeypatch.setattr(GRAPH, "build", slow_build)
    with TestClient(create_app(database_url=database_url, data_dir=fixture_data_dir)) as client:
        assert started.wait(10)  # the graph is being built beside the serving snapshot
        claim = client.app.state.snapshots.current.claims[0].id
        asked = time.monotonic()
        assert client.get(f"/claims/{claim}").status_code == 200
        assert time.monotonic() - asked < 10  # it did not wait for the graph
        release.set()
        graph_page = client.get("/api/graph", params={"focus": claim})  # waits for the graph, then answers
        assert graph_page.status_code == 200 and graph_page.json()["nodes"]


def test_an_id_named_by_many_rows_is_one_string_in_memory(fixture_reader: TestClient):
    snapshot = fixture_reader.app.state.snapshots.current
    assert snapshot.mentions and snapshot.argument_links
    for mention in snapshot.mentions:
        assert mention.claim_id is snapshot.claim[mention.claim_id].id
        assert mention.concept_id is snapshot.concept[mention.concept_id].id
    for link in snapshot.argument_links:
        assert link.source_id is snapshot.claim[link.source_id].id
    for concept in snapshot.concepts:  # the papers a JSON column lists
        assert all(paper_id is snapshot.paper[paper_id].id for paper_id in concept.label_in)


def test_a_new_version_lets_the_old_snapshot_go(fixture_client: TestClient):
    """The old snapshot's rows and graphs hold reference cycles: once a newer one is served
    and prepared, they must be collected, not kept for the life of the process."""
    holder = fixture_client.app.state.snapshots
    holder.wait_prepared()
    assert fixture_client.get("/graph").status_code == 200  # the graph and its views are built
    old = weakref.ref(holder.current)
    for _ in range(2):
        holder.refresh(again=True)
        holder.wait_prepared()
        assert fixture_client.get("/claims/han-su-thesis").status_code == 200
    assert old() is None
