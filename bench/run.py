"""Throughput of argmap under wrk, as ratios to the framework's floor, a bare ASGI app and Datasette.

    .venv/bin/python -m bench.run [--data-dir DIR] [--seconds 10] [--connections 32] [--uncached]

Builds the data into a fresh SQLite file, starts `argmap serve` on it, the floor app
(bench/floor.py, same uvicorn settings), the bare ASGI app (bench/bare.py: the bytes and
headers of the cached claim page, under every uvicorn setting `argmap serve` uses) and
Datasette on the same file, then runs wrk against each address in turn.

`--uncached` adds a second `argmap serve` with its response cache off (ARGMAP_RESPONSE_CACHE=0,
so every request is a full render) and asks it every claim in turn, one address per request
(`/api/claims/{id}`, then `/claims/{id}`), beside Datasette's row JSON for the same claims
(`/argmap/claim/{id}.json`, Datasette keeps no rendered responses). A repeat probe (one address
20 times in a row on each server) shows the cache really is off.

Writes bench/results/run.json and bench/results/run.md (or --name).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.bare import capture
from bench.serving import (
    REPO,
    WrkResult,
    build_database,
    cycling_script,
    machine,
    start_argmap,
    start_bare,
    start_datasette,
    start_floor,
    wrk,
)

RESULTS = Path(__file__).resolve().parent / "results"
CLAIM = "qi-li-s2-within-units"
CONCEPT = "patient-capital"
THREADS = 2


def targets_for(suffix: str) -> dict[str, tuple[str, float]]:
    """name → (path, the ratio to the floor it should reach); `suffix` names a synthetic copy's ids."""
    return {
        "claim page": (f"/claims/{CLAIM}{suffix}", 0.8),
        "concept page": (f"/concepts/{CONCEPT}{suffix}", 0.8),
        "compare page": ("/compare", 0.8),
        "search page": ("/search?q=" + quote("资本"), 0.8),
        "claim JSON (/api/claims/{id})": (f"/api/claims/{CLAIM}{suffix}", 0.9),
        "graph export (/export/graph.json)": ("/export/graph.json", 0.0),  # no goal: streamed, not cached
    }


PEER_TARGET = 2.0  # our cached claim JSON against Datasette's row JSON
BARE_TARGET = 0.8  # cached claim page against the bare ASGI app (issue 15)
# issue 15, uncached, against Datasette's row JSON of the same claims in turn
UNCACHED_TARGETS = {"claim JSON (/api/claims/{id})": 1.0, "claim page (/claims/{id})": 0.8}


def claim_ids(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM claim ORDER BY paper_id, position, id")]


def repeat_probe(url: str, times: int = 20) -> float:
    """Median milliseconds of one address asked `times` times in a row (after one first request)."""
    urllib.request.urlopen(url, timeout=60).read()
    elapsed = []
    for _ in range(times):
        started = time.perf_counter()
        urllib.request.urlopen(url, timeout=60).read()
        elapsed.append((time.perf_counter() - started) * 1000)
    return statistics.median(elapsed)


def statuses(log: Path) -> dict[str, int]:
    """What a server answered, from its access log (app/web/request_log.py), and its database errors."""
    text = log.read_text(errors="replace")
    counts: dict[str, int] = {}
    for status in re.findall(r'HTTP/[\d.]+" (\d{3}) ', text):
        counts[status] = counts.get(status, 0) + 1
    counts["database errors logged"] = text.count("database error on ")
    return counts


def measure(
    data_dir: Path,
    seconds: int,
    connections: int,
    suffix: str = "",
    uncached: bool = False,
    uncached_connections: int | None = None,
) -> dict:
    targets = targets_for(suffix)
    claim = CLAIM + suffix
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        database = work / "argmap.db"  # Datasette names the database after the file
        build_database(database, data_dir)
        servers = [
            start_argmap(database, data_dir, work / "argmap.log"),
            start_floor(work / "floor.log"),
            start_datasette(database, work / "datasette.log"),
        ]
        argmap, floor, datasette = servers
        try:
            peer_url = f"{datasette.base}/argmap/claim/{claim}.json"
            for url in [argmap.base + path for path, _ in targets.values()] + [peer_url, floor.base + "/"]:
                urllib.request.urlopen(url, timeout=60).read()  # warm: first render, caches filled
            claim_page = argmap.base + targets["claim page"][0]
            captured = capture(claim_page, work / "claim-page.json")
            servers.append(bare := start_bare(work / "claim-page.json", work / "bare.log"))
            if urllib.request.urlopen(bare.base + "/", timeout=60).read() != urllib.request.urlopen(claim_page).read():
                raise RuntimeError("the bare app does not answer the claim page's bytes")
            if uncached:
                servers.append(
                    cold := start_argmap(
                        database, data_dir, work / "uncached.log", extra_env={"ARGMAP_RESPONSE_CACHE": "0"},
                        name="argmap, response cache off",
                    )
                )  # fmt: skip
                ids = claim_ids(database)
                peer_name = "Datasette row JSON (/argmap/claim/{id}.json)"
                scripts = {  # Datasette first and again last (below): argmap's runs between the two
                    peer_name: (datasette, [f"/argmap/claim/{quote(i)}.json" for i in ids]),
                    "claim JSON (/api/claims/{id})": (cold, [f"/api/claims/{quote(i)}" for i in ids]),
                    "claim page (/claims/{id})": (cold, [f"/claims/{quote(i)}" for i in ids]),
                }
                for server, paths in scripts.values():
                    urllib.request.urlopen(server.base + paths[-1], timeout=60).read()  # warm: start-up work
                probe = {
                    "claim page, response cache on": repeat_probe(claim_page),
                    "claim page, response cache off": repeat_probe(cold.base + targets["claim page"][0]),
                }

            def run(url: str, script: Path | None = None, clients: int = connections) -> WrkResult:
                return wrk(url, seconds=seconds, connections=clients, threads=THREADS, script=script)

            floor_runs = [run(floor.base + "/")]
            # the bare app just before and just after the cached claim page: the three side by side
            bare_runs = [run(bare.base + "/")]
            ours = {"claim page": run(claim_page)}
            bare_runs.append(run(bare.base + "/"))
            ours |= {name: run(argmap.base + path) for name, (path, _) in targets.items() if name != "claim page"}
            peer = run(peer_url)
            cold_runs = {}
            if uncached:
                for index, (name, (server, paths)) in enumerate(scripts.items()):
                    script = cycling_script(paths, THREADS, work / f"cycle{index}.lua")
                    clients = uncached_connections or connections
                    cold_runs[name] = {**run(server.base + "/", script, clients).as_dict(), "addresses": len(paths)}
                again = run(datasette.base + "/", work / "cycle0.lua", uncached_connections or connections)
                cold_runs[peer_name + ", again"] = {**again.as_dict(), "addresses": len(ids)}
            floor_runs.append(run(floor.base + "/"))
        finally:
            for server in servers:
                server.stop()
        answered = statuses(work / "uncached.log") if uncached else {}
    floor_rps = sum(r.requests_per_s for r in floor_runs) / len(floor_runs)
    bare_rps = sum(r.requests_per_s for r in bare_runs) / len(bare_runs)
    api = ours["claim JSON (/api/claims/{id})"]
    result = {
        "machine": machine(),
        "data_dir": data_dir.name,
        "wrk": {"threads": THREADS, "connections": connections, "seconds": seconds},
        "floor": [r.as_dict() for r in floor_runs],
        "floor_requests_per_s": floor_rps,
        "targets": {
            name: {**result.as_dict(), "ratio_to_floor": result.requests_per_s / floor_rps, "goal": targets[name][1]}
            for name, result in ours.items()
        },
        "datasette_row_json": peer.as_dict(),
        "claim_json_vs_datasette": api.requests_per_s / peer.requests_per_s,
        "peer_goal": PEER_TARGET,
        "bare": {
            "captured_from": captured["url"].split("/", 3)[-1],
            "headers": captured["headers"],
            "body_bytes": captured["body_bytes"],
            "runs": [r.as_dict() for r in bare_runs],
            "requests_per_s": bare_rps,
            "cached_claim_page_vs_bare": ours["claim page"].requests_per_s / bare_rps,
            "goal": BARE_TARGET,
        },
    }
    if uncached:
        peer_rps = statistics.mean(run["requests_per_s"] for name, run in cold_runs.items() if "Datasette" in name)
        result["uncached"] = {
            "how": "argmap serve with ARGMAP_RESPONSE_CACHE=0; wrk asks every claim in turn (bench/serving.py "
            "cycling_script), one address per request, the same claims of Datasette's row JSON",
            "connections": uncached_connections or connections,
            "server_log": answered,
            "repeat_probe_median_ms": probe,
            "runs": cold_runs,
            "datasette_requests_per_s": peer_rps,  # the mean of its two runs
            "vs_datasette": {
                name: {"ratio": cold_runs[name]["requests_per_s"] / peer_rps, "goal": goal}
                for name, goal in UNCACHED_TARGETS.items()
            },
        }
    return result


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"# bench/run.py — {m['date']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}. "
        f"wrk -t{result['wrk']['threads']} -c{result['wrk']['connections']} -d{result['wrk']['seconds']}s. "
        f"Data: `{result['data_dir']}/`.",
        "",
        f"Floor (constant FastAPI response, same uvicorn settings): "
        f"{result['floor_requests_per_s']:.0f} requests/s (mean of a run before and after).",
        "",
        "| address | requests/s | × floor | goal | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, t in result["targets"].items():
        goal = f"≥ {t['goal']}" if t["goal"] else "–"
        lines.append(
            f"| {name} | {t['requests_per_s']:.0f} | {t['ratio_to_floor']:.2f} | {goal} | "
            f"{t['p50_ms']:.2f} | {t['p99_ms']:.2f} | {t['errors']} |"
        )
    peer = result["datasette_row_json"]
    lines += [
        f"| Datasette row JSON (same SQLite file) | {peer['requests_per_s']:.0f} | "
        f"{peer['requests_per_s'] / result['floor_requests_per_s']:.2f} | – | {peer['p50_ms']:.2f} | "
        f"{peer['p99_ms']:.2f} | {peer['errors']} |",
        "",
        f"Our `/api/claims/{{id}}` against Datasette's row JSON: **{result['claim_json_vs_datasette']:.1f}×** "
        f"(goal ≥ {result['peer_goal']}×).",
        "",
    ]
    bare = result["bare"]
    lines += [
        "## Cached claim page against a bare ASGI app",
        "",
        f"The bare app (`bench/bare.py`, a plain `async def app(scope, receive, send)`) answers the bytes and "
        f"headers of `/{bare['captured_from']}` as argmap sent them from its cache ({bare['body_bytes']:,} bytes, "
        f"{len(bare['headers'])} headers) under the uvicorn settings `argmap serve` uses: "
        f"{bare['requests_per_s']:.0f} requests/s (mean of a run just before and just after the claim page's).",
        "",
        f"Cached claim page / bare: **{bare['cached_claim_page_vs_bare']:.2f}×** (goal ≥ {bare['goal']}×).",
        "",
    ]
    if "uncached" in result:
        u = result["uncached"]
        lines += [
            "## Uncached: every claim in turn, each address new",
            "",
            f"How: {u['how']}; wrk -t{result['wrk']['threads']} -c{u['connections']} -d{result['wrk']['seconds']}s. "
            "Each address is asked once per pass over the claims; the response cache "
            "being off, every request of every pass is a full render. Repeat probe (one address 20 times in a "
            "row, median): "
            + ", ".join(f"{name} {ms:.1f} ms" for name, ms in u["repeat_probe_median_ms"].items())
            + ". The response-cache-off server's access log over its life (warm-up and probe included): "
            + ", ".join(f"{n} × {k}" for k, n in u["server_log"].items())
            + ".",
            "",
            f"× Datasette: against the mean of Datasette's two runs ({u['datasette_requests_per_s']:.0f} requests/s), "
            "one before and one after argmap's.",
            "",
            "| address | addresses | requests/s | passes | × Datasette | goal | p50 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, run in u["runs"].items():
            versus = u["vs_datasette"].get(name)
            ratio = f"**{versus['ratio']:.2f}**" if versus else "–"
            goal = f"≥ {versus['goal']}" if versus else "–"
            lines.append(
                f"| {name} | {run['addresses']:,} | {run['requests_per_s']:.0f} | "
                f"{run['requests'] / run['addresses']:.1f} | {ratio} | {goal} | {run['p50_ms']:.1f} | "
                f"{run['p99_ms']:.1f} | {run['errors']} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=REPO / "data")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--id-suffix", default="", help="for a synthetic corpus: the copy's id suffix, e.g. -x001")
    parser.add_argument(
        "--uncached", action="store_true", help="also every claim in turn with the response cache off, and Datasette"
    )
    parser.add_argument("--uncached-connections", type=int, help="wrk connections for the uncached runs")
    parser.add_argument("--name", default="run", help="results file name (bench/results/<name>.json and .md)")
    args = parser.parse_args()
    result = measure(
        args.data_dir, args.seconds, args.connections, args.id_suffix, args.uncached, args.uncached_connections
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{args.name}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
