"""A throw-away PostgreSQL cluster that a test starts, stops and starts again.

Binaries come from Debian's package (/usr/lib/postgresql/<version>/bin). PostgreSQL refuses
to run as root, so as root every command runs as the `postgres` user. Without the binaries
the tests that need a cluster skip, unless ARGMAP_REQUIRE_POSTGRES=1 (set by .ci/run)
turns that into a failure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else None


def require_postgres() -> Path:
    """The binaries' folder; skips (or fails, when required) without them."""
    folder = postgres_bin()
    if folder is None:
        if os.environ.get("ARGMAP_REQUIRE_POSTGRES") == "1":
            pytest.fail("ARGMAP_REQUIRE_POSTGRES=1 but no PostgreSQL binaries in /usr/lib/postgresql/*/bin")
        pytest.skip("no PostgreSQL binaries on this machine")
    return folder


class Cluster:
    def __init__(self, bin_dir: Path, port: int, root: Path):
        self.bin_dir = bin_dir
        self.port = port
        self.root = root
        self.data = root / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://argmap@127.0.0.1:{self.port}/argmap"

    def _run(self, *args: str) -> None:
        command = shlex.join([str(self.bin_dir / args[0]), *args[1:]])
        argv = ["su", "postgres", "-c", command] if os.geteuid() == 0 else ["sh", "-c", command]
        subprocess.run(argv, check=True, capture_output=True, timeout=60, cwd=self.root)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "argmap")
        self.start()
        self._run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "argmap",
            "-d",
            "postgres",
            "-qc",
            "create database argmap",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def start_if_stopped(self) -> None:
        if not self.running():
            self.start()

    def stop_quietly(self) -> None:
        with suppress(subprocess.CalledProcessError):  # already stopped
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextmanager
def throwaway_cluster(port: int) -> Iterator[Cluster]:
    """A fresh cluster with an `argmap` database; stopped and removed afterwards."""
    bin_dir = require_postgres()
    root = Path(tempfile.mkdtemp(prefix="argmap-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    cluster = Cluster(bin_dir, port, root)
    try:
        cluster.init()
        yield cluster
    finally:
        cluster.stop_quietly()
        shutil.rmtree(root, ignore_errors=True)
