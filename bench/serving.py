"""Starting the servers under test and measuring them: shared by run.py, scale.py and soak.py."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The exact settings `argmap serve` gives uvicorn (app/cli.py), for the floor app too.
UVICORN_FLOOR = (
    "import uvicorn; uvicorn.run('bench.floor:app', host='127.0.0.1', port={port}, workers=1, proxy_headers=True)"
)
# The bare ASGI app (bench/bare.py) under every setting `argmap serve` gives uvicorn (app/cli.py serve_options).
UVICORN_BARE = (
    "import uvicorn; from app.cli import serve_options; "
    "uvicorn.run('bench.bare:app', host='127.0.0.1', port={port}, workers=1, **serve_options())"
)


def free_port() -> int:
    """A free port: the first one in BENCH_PORTS (e.g. `8730-8759`, for a machine where each job
    has its own range) that nothing listens on and this run has not handed out, or one the system picks."""
    spec = os.environ.get("BENCH_PORTS", "")
    if not spec:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    first, _, last = spec.partition("-")
    for port in range(int(first), int(last or first) + 1):
        if port in _HANDED_OUT:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError(f"no free port in BENCH_PORTS={spec}")


_HANDED_OUT: set[int] = set()  # a server given one may not listen on it yet


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base: str
    started: float = 0.0  # time.monotonic() when the process was started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def rss_mb(self) -> float:
        return _status_kb(self.process.pid, "VmRSS") / 1024

    def peak_rss_mb(self) -> float:
        return _status_kb(self.process.pid, "VmHWM") / 1024


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def database_env(database: Path, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(ARGMAP_SQLITE_PATH=str(database), ARGMAP_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO))
    return env


def build_database(database: Path, data_dir: Path) -> float:
    """`argmap build` into a fresh SQLite file; the seconds it took."""
    database.unlink(missing_ok=True)
    started = time.monotonic()
    subprocess.run(
        [str(BIN / "argmap"), "build", "--data-dir", str(data_dir)],
        env=database_env(database, data_dir),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def start_argmap(
    database: Path, data_dir: Path, log: Path, *, extra_env: dict[str, str] | None = None, name: str = "argmap"
) -> Server:
    """`argmap serve` on the database; `extra_env` adds settings (e.g. ARGMAP_RESPONSE_CACHE=0)."""
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BIN / "argmap"), "serve", "--port", str(port)],
        env={**database_env(database, data_dir), **(extra_env or {})},
        cwd=REPO,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server(name, process, f"http://127.0.0.1:{port}", started)
    wait_until_up(server.base + "/healthz", process)
    return server


def start_bare(capture: Path, log: Path) -> Server:
    """bench/bare.py replaying the response captured in `capture` (see bench/bare.py)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", UVICORN_BARE.format(port=port)],
        env={**os.environ, "BENCH_BARE_CAPTURE": str(capture), "PYTHONPATH": str(REPO)},
        cwd=REPO,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server("bare", process, f"http://127.0.0.1:{port}")
    wait_until_up(server.base + "/", process)
    return server


def cycling_script(paths: list[str], threads: int, out: Path) -> Path:
    """A wrk Lua script that asks each path in turn: wrk's threads take turns along the list
    (thread k asks paths k, k + threads, …), so within one pass over the list no address is asked twice."""
    assert all(path.isascii() and "\\" not in path for path in paths), "paths must be percent-encoded"
    listed = ",\n".join(json.dumps(path) for path in paths)  # an ASCII JSON string is a valid Lua string
    out.write_text(
        f"local paths = {{\n{listed}\n}}\n"
        f"local threads = {threads}\n"
        "local created = 0\n"
        "function setup(thread)\n  thread:set('first', created)\n  created = created + 1\nend\n"
        "function init(args)\n  position = first\nend\n"
        "function request()\n"
        "  local path = paths[(position % #paths) + 1]\n"
        "  position = position + threads\n"
        "  return wrk.format('GET', path)\n"
        "end\n"
    )
    return out


def start_floor(log: Path) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", UVICORN_FLOOR.format(port=port)],
        cwd=REPO,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server("floor", process, f"http://127.0.0.1:{port}")
    wait_until_up(server.base + "/", process)
    return server


def start_datasette(database: Path, log: Path) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "datasette"), "serve", str(database), "--port", str(port), "--host", "127.0.0.1"],
        cwd=REPO,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server("datasette", process, f"http://127.0.0.1:{port}")
    wait_until_up(server.base + "/-/versions.json", process)
    return server


@dataclass
class WrkResult:
    url: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors + non-2xx/3xx answers
    error_detail: dict[str, int]  # connect, read, write, timeout, non_2xx_3xx

    def as_dict(self) -> dict:
        return asdict(self)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    script: Path | None = None,
    headers: tuple[str, ...] = (),
) -> WrkResult:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Requests/sec" not in output:
        raise RuntimeError(f"wrk gave no figures for {url}:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    detail = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, socket_errors.groups()), strict=True))
        if socket_errors
        else {}
    )
    detail["non_2xx_3xx"] = int(non_2xx.group(1)) if non_2xx else 0
    errors = sum(detail.values())
    return WrkResult(
        url=url,
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_ms=_ms(latency["50"]) if "50" in latency else float("nan"),
        p99_ms=_ms(latency["99"]) if "99" in latency else float("nan"),
        requests=requests,
        errors=errors,
        error_detail=detail,
    )


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "python": sys.version.split()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
