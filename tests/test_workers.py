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
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.dataset.loader import read_dataset
from app.db import make_engine
from app.models import Claim
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


@pytest.fixture
def served(cluster: Cluster, data_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The real command in its own process group, its output in a file."""
    port = free_port()
    output = tmp_path / "serve.log"
    env = {**os.environ, "DATABASE_URL": cluster.url, "ARGMAP_DATA_DIR": str(data_dir)}
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--workers", "2", "--port", str(port)],
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
        yield base, output
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
