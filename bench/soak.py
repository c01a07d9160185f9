"""A soak run: `argmap serve` under wrk for five minutes at 64 connections over a mix of
addresses (pages of many claims and concepts in both languages, their /api twins, search,
chains, graph views, exports, static files), sampling the server's resident memory.

    .venv/bin/python -m bench.soak [--seconds 300] [--connections 64]

Passes with zero errors (socket errors or answers other than 2xx/3xx) and resident memory
growing less than 10% from the first sample under load (after a warm-up pass over every
address, so the response cache and the graph are already built) to the last.
Writes bench/results/soak.json and bench/results/soak.md.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.serving import REPO, build_database, machine, start_argmap, wrk

RESULTS = Path(__file__).resolve().parent / "results"
SAMPLE_EVERY = 5.0
WORDS = ["资本", "数据", "生产", "智能", "平台", "capital", "production", "patient capital", "policy", "周转"]


def addresses(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        claims = [row[0] for row in connection.execute("SELECT id FROM claim ORDER BY position")]
        concepts = [row[0] for row in connection.execute("SELECT id FROM concept ORDER BY id")]
        papers = [row[0] for row in connection.execute("SELECT id FROM paper ORDER BY position")]
    paths = ["/", "/api", "/compare", "/chains", "/graph", "/about", "/export", "/static/css/argmap.css", "/search"]
    paths += [f"/claims/{c}" for c in claims] + [f"/api/claims/{c}" for c in claims[::3]]
    paths += [f"/claims/{c}?lang=zh" for c in claims[::5]] + [f"/claims/{c}/card" for c in claims[::7]]
    paths += [f"/concepts/{c}" for c in concepts] + [f"/compare/{c}" for c in concepts[::2]]
    paths += [f"/papers/{p}" for p in papers] + [f"/papers/{p}/text" for p in papers]
    paths += ["/search?q=" + quote(w) for w in WORDS] + [f"/graph?focus={c}" for c in concepts[::3]]
    paths += [f"/api/chains?from={a}&to={b}" for a, b in zip(concepts[::4], concepts[1::4], strict=False)]
    paths += ["/export/graph.json", "/export/claims.csv", "/export/aif.json", "/claims/no-such-claim"]
    return paths


def lua_script(paths: list[str], target: Path) -> Path:
    """wrk walks the addresses in turn; the one deliberate 404 is counted apart by the server log."""
    listed = ",\n".join(json.dumps(p) for p in paths if "no-such" not in p)
    target.write_text(
        f"paths = {{\n{listed}\n}}\ncounter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        "  return wrk.format('GET', paths[(counter % #paths) + 1])\nend\n"
    )
    return target


def soak(seconds: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        database = work / "argmap.db"
        build_database(database, REPO / "data")
        paths = addresses(database)
        script = lua_script(paths, work / "mix.lua")
        server = start_argmap(database, REPO / "data", work / "serve.log")
        samples: list[tuple[float, float]] = []
        done = threading.Event()
        try:
            for path in paths:  # warm-up: every address once (a 404 is expected for the missing claim)
                try:
                    urllib.request.urlopen(server.base + path, timeout=120).read()
                except urllib.error.HTTPError as error:
                    assert error.code == 404 and "no-such" in path, (path, error.code)
            before = server.rss_mb()
            started = time.monotonic()

            def sample() -> None:
                while not done.wait(SAMPLE_EVERY):
                    samples.append((time.monotonic() - started, server.rss_mb()))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            result = wrk(server.base + "/", seconds=seconds, connections=connections, script=script)
            done.set()
            sampler.join()
            after = server.rss_mb()
            peak = server.peak_rss_mb()
            alive = server.process.poll() is None
        finally:
            done.set()
            server.stop()
    first_under_load = samples[0][1] if samples else before
    return {
        "machine": machine(),
        "seconds": seconds,
        "connections": connections,
        "addresses": len(paths),
        "wrk": result.as_dict(),
        "rss_before_load_mb": before,
        "rss_first_sample_mb": first_under_load,
        "rss_after_mb": after,
        "rss_peak_mb": peak,
        "growth_from_first_sample": after / first_under_load - 1,
        "growth_from_before_load": after / before - 1,
        "server_alive": alive,
        "samples": samples,
    }


def markdown(r: dict) -> str:
    m, w = r["machine"], r["wrk"]
    ok = w["errors"] == 0 and r["growth_from_first_sample"] < 0.10 and r["server_alive"]
    return "\n".join(
        [
            f"# bench/soak.py — {m['date']}",
            "",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}.",
            f"wrk -t2 -c{r['connections']} -d{r['seconds']}s over {r['addresses']} addresses in turn.",
            "",
            "| figure | value | goal |",
            "|---|---:|---|",
            f"| requests | {w['requests']} ({w['requests_per_s']:.0f}/s) | – |",
            f"| errors (socket errors + non-2xx/3xx) | {w['errors']} "
            f"({', '.join(f'{k} {v}' for k, v in w['error_detail'].items() if v) or 'none'}) | 0 |",
            f"| latency p50 / p99 | {w['p50_ms']:.1f} / {w['p99_ms']:.1f} ms | – |",
            f"| resident memory: before load / first sample / end / peak | {r['rss_before_load_mb']:.0f} / "
            f"{r['rss_first_sample_mb']:.0f} / {r['rss_after_mb']:.0f} / {r['rss_peak_mb']:.0f} MB | – |",
            f"| growth, first sample under load → end | {100 * r['growth_from_first_sample']:.1f}% | < 10% |",
            f"| growth, before load → end | {100 * r['growth_from_before_load']:.1f}% | – |",
            "",
            f"Result: {'pass' if ok else 'FAIL'}.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    result = soak(args.seconds, args.connections)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "soak.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
