"""A storm of expensive uncached requests, and how fast the cheap ones stay meanwhile.

    .venv/bin/python -m bench.storm [--seconds 45] [--storm 50]

Serves the real data with `argmap serve` twice: with the default bound on concurrent
expensive work (`ARGMAP_MAX_EXPENSIVE_REQUESTS`, app/web/shedding.py) and with the bound lifted
(1000), for comparison. In each run `--storm` clients loop over chain queries, focused graph
views, filtered exports and searches with random parameters (so the response and export
caches never help), while one client asks `/healthz` and one a cached claim page every 100 ms.
Reports the latency of those two (p50, p95, max) and what the storm got (200, 503 with
Retry-After, anything else). The aim: `/healthz` p95 under 100 ms while 50 expensive requests
run. Writes bench/results/storm.json and bench/results/storm.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from app.config import settings
from bench.serving import REPO, build_database, machine, start_argmap

RESULTS = Path(__file__).resolve().parent / "results"
WORDS = ["资本", "数据", "生产", "智能", "平台", "capital", "production", "policy", "周转", "劳动"]
EXPORTS = ["graph.json", "graph.graphml", "cytoscape.json", "aif.json", "argmap.argdown", "dataset.jsonld"]
CLAIM_PAGE = "/claims/qi-li-thesis"
SAMPLE_EVERY = 0.1


def ids(database: Path) -> tuple[list[str], list[str]]:
    with sqlite3.connect(database) as connection:
        claims = [row[0] for row in connection.execute("SELECT id FROM claim ORDER BY position")]
        causal = connection.execute("SELECT source_id, target_id FROM causallink").fetchall()
    concepts = sorted({concept for pair in causal for concept in pair})
    return claims, concepts


def expensive_address(rng: random.Random, claims: list[str], concepts: list[str]) -> str:
    kind = rng.choice(["chains", "graph", "export", "search"])
    if kind == "chains":
        source, target = rng.sample(concepts, 2)
        return f"/chains?from={source}&to={target}&length={rng.randint(3, 6)}"
    if kind == "graph":
        return f"/api/graph?focus={rng.choice(claims + concepts)}&depth={rng.randint(1, 3)}"
    if kind == "export":
        return f"/export/{rng.choice(EXPORTS)}?concept={rng.choice(concepts)}"
    word = rng.choice(WORDS)
    return f"/search?q={quote(word[: rng.randint(1, len(word))])}"


def fetch(url: str) -> tuple[int, float, bool]:
    """(status, seconds, whether a 503 said Retry-After)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status, time.monotonic() - started, False
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, time.monotonic() - started, error.headers.get("Retry-After") is not None
    except OSError:
        return 0, time.monotonic() - started, False


def percentiles(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "max_ms": float("nan"), "n": 0}
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return {
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ms[-1], 1),
        "n": len(ms),
    }


def storm(base: str, seconds: float, clients: int, claims: list[str], concepts: list[str]) -> dict:
    stop = time.monotonic() + seconds
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    samples: dict[str, list[float]] = {"healthz": [], "cached page": []}

    def stormer(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            status, _, retry_after = fetch(base + expensive_address(rng, claims, concepts))
            label = "503 with Retry-After" if status == 503 and retry_after else str(status)
            with lock:
                outcomes[label] += 1

    def sampler(name: str, path: str) -> None:
        while time.monotonic() < stop:
            status, took, _ = fetch(base + path)
            if status == 200:
                samples[name].append(took)
            else:
                with lock:
                    outcomes[f"{name} {status}"] += 1
            time.sleep(SAMPLE_EVERY)

    fetch(base + CLAIM_PAGE)  # rendered once: the sampler asks the cached page
    threads = [threading.Thread(target=stormer, args=(seed,)) for seed in range(clients)]
    threads += [
        threading.Thread(target=sampler, args=(n, p)) for n, p in (("healthz", "/healthz"), ("cached page", CLAIM_PAGE))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "healthz": percentiles(samples["healthz"]),
        "cached page": percentiles(samples["cached page"]),
        "storm": dict(sorted(outcomes.items())),
    }


def run(seconds: float, clients: int, bound: int | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "argmap.db"
        build_database(database, REPO / "data")
        claims, concepts = ids(database)
        if bound is not None:
            os.environ["ARGMAP_MAX_EXPENSIVE_REQUESTS"] = str(bound)
        else:
            os.environ.pop("ARGMAP_MAX_EXPENSIVE_REQUESTS", None)
        server = start_argmap(database, REPO / "data", Path(scratch) / "serve.log")
        try:
            return storm(server.base, seconds, clients, claims, concepts)
        finally:
            server.stop()


def markdown(result: dict) -> str:
    lines = [
        f"### Storm (`bench/storm.py`, {result['clients']} expensive clients, {result['seconds']:.0f} s, "
        f"{result['machine']['date']})",
        "",
        f"{result['machine']['cpu']}, {result['machine']['cores']} cores (shared with other work), "
        f"Python {result['machine']['python']}, load average {result['load_average']} (1/5/15 min) at the end; "
        "`/healthz` and a cached page asked every 100 ms meanwhile.",
        "",
        "| `ARGMAP_MAX_EXPENSIVE_REQUESTS` | `/healthz` p50 / p95 / max | cached page p50 / p95 / max "
        "| the storm got |",
        "|---|---|---|---|",
    ]
    for name, run_result in result["runs"].items():
        health, page = run_result["healthz"], run_result["cached page"]
        got = ", ".join(f"{count} × {label}" for label, count in run_result["storm"].items())
        lines.append(
            f"| {name} | {health['p50_ms']} / {health['p95_ms']} / {health['max_ms']} ms "
            f"| {page['p50_ms']} / {page['p95_ms']} / {page['max_ms']} ms | {got} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--storm", type=int, default=50, help="concurrent expensive clients")
    parser.add_argument("--bounds", default="default,1000", help="ARGMAP_MAX_EXPENSIVE_REQUESTS values to run with")
    args = parser.parse_args()
    runs = {}
    for bound in args.bounds.split(","):
        name = f"default ({settings.max_expensive_requests})" if bound == "default" else f"{bound}"
        runs[name] = run(args.seconds, args.storm, None if bound == "default" else int(bound))
    load = " / ".join(f"{figure:.1f}" for figure in os.getloadavg())
    result = {"machine": machine(), "load_average": load, "seconds": args.seconds, "clients": args.storm, "runs": runs}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "storm.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "storm.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
