"""Throughput of argmap under wrk, as ratios to the framework's floor and to Datasette.

    .venv/bin/python -m bench.run [--data-dir DIR] [--seconds 10] [--connections 32]

Builds the data into a fresh SQLite file, starts `argmap serve` on it, the floor app
(bench/floor.py, same uvicorn settings) and Datasette on the same file, then runs wrk
against each address in turn. Writes bench/results/run.json and bench/results/run.md.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.serving import REPO, WrkResult, build_database, machine, start_argmap, start_datasette, start_floor, wrk

RESULTS = Path(__file__).resolve().parent / "results"
CLAIM = "qi-li-s2-within-units"
CONCEPT = "patient-capital"


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


PEER_TARGET = 2.0  # our claim JSON against Datasette's row JSON


def measure(data_dir: Path, seconds: int, connections: int, suffix: str = "") -> dict:
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

            def run(url: str) -> WrkResult:
                return wrk(url, seconds=seconds, connections=connections)

            floor_runs = [run(floor.base + "/")]
            ours = {name: run(argmap.base + path) for name, (path, _) in targets.items()}
            peer = run(peer_url)
            floor_runs.append(run(floor.base + "/"))
        finally:
            for server in servers:
                server.stop()
    floor_rps = sum(r.requests_per_s for r in floor_runs) / len(floor_runs)
    api = ours["claim JSON (/api/claims/{id})"]
    return {
        "machine": machine(),
        "data_dir": data_dir.name,
        "wrk": {"threads": 2, "connections": connections, "seconds": seconds},
        "floor": [r.as_dict() for r in floor_runs],
        "floor_requests_per_s": floor_rps,
        "targets": {
            name: {**result.as_dict(), "ratio_to_floor": result.requests_per_s / floor_rps, "goal": targets[name][1]}
            for name, result in ours.items()
        },
        "datasette_row_json": peer.as_dict(),
        "claim_json_vs_datasette": api.requests_per_s / peer.requests_per_s,
        "peer_goal": PEER_TARGET,
    }


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
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=REPO / "data")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--id-suffix", default="", help="for a synthetic corpus: the copy's id suffix, e.g. -x001")
    parser.add_argument("--name", default="run", help="results file name (bench/results/<name>.json and .md)")
    args = parser.parse_args()
    result = measure(args.data_dir, args.seconds, args.connections, args.id_suffix)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{args.name}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
