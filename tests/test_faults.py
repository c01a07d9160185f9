"""The database goes away and comes back. Readers keep getting the pages, from the snapshot
of the dataset version the process holds, while /healthz says the database is unreachable;
an app that starts while the database is down answers a clear 503 until it can read the
data, then the pages, without a restart. Against a throw-away PostgreSQL cluster this test starts and
stops itself (port 55434), and against SQLite with a damaged database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.postgres_cluster import Cluster, throwaway_cluster

FAULT_PORT = 55434
PAGES = ["/", "/papers/qi-li", "/concepts", "/search?q=资本"]
API = ["/api", "/api/papers/qi-li", "/api/concepts"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster(FAULT_PORT) as running:
        yield running


def assert_serving(client: TestClient) -> None:
    for path in PAGES + API:
        assert client.get(path).status_code == 200, path
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["database"] == "ok"


def assert_unavailable(client: TestClient) -> None:
    client.app.state.response_cache.clear()  # as in a worker that has not rendered these pages yet
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["retry-after"].isdigit()
        assert "The database cannot be reached just now" in response.text
        assert "Database unavailable" in response.text
    for path in API:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["retry-after"].isdigit()
        assert response.json()["error"]["database"] == "unreachable"
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["database"] == "unreachable"
    # pages that need no database keep working
    assert client.get("/static/css/argmap.css").status_code == 200


def test_postgres_stops_and_starts_again(cluster: Cluster, data_dir: Path):
    with TestClient(create_app(database_url=cluster.url, data_dir=data_dir)) as client:
        assert_serving(client)
        cluster.stop()
        try:
            client.app.state.response_cache.clear()  # rendered afresh, from the snapshot alone
            for path in PAGES + API + ["/claims/qi-li-thesis", "/export/graph.json"]:
                assert client.get(path).status_code == 200, path
            health = client.get("/healthz")
            assert health.status_code == 503
            assert health.json()["database"] == "unreachable"
        finally:
            cluster.start()
        assert_serving(client)  # same app, same pool: no restart needed


def test_app_started_while_postgres_is_down_loads_the_data_once_it_is_up(cluster: Cluster, data_dir: Path):
    cluster.stop()
    try:
        with TestClient(create_app(database_url=cluster.url, data_dir=data_dir)) as client:
            assert_unavailable(client)
            assert "数据库暂时无法连接" in client.get("/concepts?lang=zh").text
            cluster.start()
            assert_serving(client)
            assert client.get("/healthz").json()["dataset_version"] != "not loaded"
    finally:
        cluster.start_if_stopped()


def test_a_sqlite_file_damaged_while_serving_is_set_aside_and_rebuilt(tmp_path: Path, data_dir: Path):
    database = tmp_path / "argmap.db"
    with TestClient(create_app(database_url=f"sqlite:///{database}", data_dir=data_dir)) as client:
        assert_serving(client)
        client.app.state.engine.dispose()  # let go of open files, as after a restart of the disk
        database.write_bytes(b"this is not a database" * 100)
        health = client.get("/healthz")  # the request that meets the damage: 503, and the rebuild is due
        assert health.status_code == 503
        assert health.json() == {"status": "error", "database": "unreadable", "error": "DatabaseError"}
        assert_serving(client)  # rebuilt from the data files by the next request
        damaged = list(tmp_path.glob("argmap.db.damaged-*"))
        assert [path.read_bytes()[:22] for path in damaged if path.suffix not in ("-wal", "-shm")] == [
            b"this is not a database"
        ]
