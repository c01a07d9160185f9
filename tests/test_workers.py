"""`argmap serve --workers 2` over one PostgreSQL: both workers start on an empty database
without tripping over each other (one loads, the other waits and finds the data there),
every page answers, and each request is logged once, in the combined log format."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.database.engine import make_engine
from app.database.models import Claim
from app.dataset.loader import read_dataset
from tests.conftest import edit
from tests.postgres_cluster import Cluster, throwaway_cluster

PORT = 55434  # the same throw-away port as tests/test_faults.py; modules run one after the other
COMBINED = re.compile(
    r'^\S+ - - \[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET (\S+) HTTP/1\.1" (\d{3}) (\d+|-) "[^"]*" "[^"]*"$'
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster(PORT) as running:
        yield running


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def argmap_serve(cluster: Cluster, data_dir: Path, output: Path, workers: int = 1) -> Iterator[str]:
    """The real command in its own process group, its output in a file; yields its address."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url,
        "ARGMAP_DATA_DIR": str(data_dir),
        "ARGMAP_SNAPSHOT_WATCH_SECONDS": "0.5",
    }
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--workers", str(workers), "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, output.read_text()
            time.sleep(0.2)
        else:
            pytest.fail("argmap serve did not answer within 60 s:\n" + output.read_text())
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served(cluster: Cluster, data_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    output = tmp_path / "serve.log"
    with argmap_serve(cluster, data_dir, output, workers=2) as base:
        yield base, output


def test_two_workers_share_one_postgres(served: tuple[str, Path], cluster: Cluster, data_dir: Path):
    base, output = served
    paths = [f"/concepts?probe={n}" for n in range(20)] + [f"/api/papers/qi-li?probe={n}" for n in range(20)]
    with httpx.Client(base_url=base) as client, ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda path: client.get(path).status_code, paths))
    assert statuses == [200] * len(paths)
    engine = make_engine(cluster.url)
    with engine.connect() as connection:  # the whole map, loaded once
        claims = connection.execute(select(func.count()).select_from(Claim)).scalar_one()
    engine.dispose()
    assert claims == len(read_dataset(data_dir).rows[Claim])

    time.sleep(0.5)  # let the workers flush their output
    log = output.read_text(encoding="utf-8")
    assert "Traceback" not in log, log
    request_lines = [match for line in log.splitlines() if (match := COMBINED.match(line))]
    for path in paths:  # once each: uvicorn's own access log is off
        assert [m.group(2) for m in request_lines if m.group(1) == path] == ["200"], path
    started = re.findall(r"Started server process \[(\d+)\]", log)
    assert len(set(started)) == 2, log


def _served_version(base: str) -> str:
    return httpx.get(f"{base}/healthz", timeout=5).json()["dataset_version"]


def test_servers_on_one_postgres_serve_a_new_dataset_version_without_a_restart(
    cluster: Cluster, data_dir: Path, tmp_path: Path
):
    with (
        argmap_serve(cluster, data_dir, tmp_path / "first.log") as first,
        argmap_serve(cluster, data_dir, tmp_path / "second.log") as second,
    ):
        before = _served_version(first)
        assert _served_version(second) == before
        edit(data_dir / "concepts" / "core.yaml", "economic form in which data", "economic form where data")
        build = subprocess.run(
            [sys.executable, "-m", "app", "build", "--data-dir", str(data_dir)],
            env={**os.environ, "DATABASE_URL": cluster.url},
            capture_output=True,
            text=True,
            check=False,
        )
        assert build.returncode == 0, build.stdout + build.stderr
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            versions = {_served_version(first), _served_version(second)}
            if before not in versions:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"still serving {before} 20 s after argmap build")
        assert len(versions) == 1  # both on the one the database holds
        for base in (first, second):  # the pages too, not only the version line
            concept = httpx.get(f"{base}/api/concepts/intelligent-economy").json()
            assert "economic form where data" in concept["definition_en"], base
