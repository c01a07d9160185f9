"""The 100× synthetic corpus against the real one: load time, start time, memory, uncached latency.

    .venv/bin/python -m bench.scale [--scale 100]

1. `argmap synth --scale N` writes the synthetic corpus; `argmap validate` and `argmap build`
   load it (wall time of each command, Python start-up included).
2. Uncached latency, in process (the response cache off and emptied before every request, so
   each figure is a full render): claim, concept, compare and search pages (words found, and
   misspelt words that find nothing), claim JSON, causal chain queries between random
   concepts, focused graph views, one paper's side unfocused, and the pages that list the whole
   map (LIST_PAGES), on the real corpus and on the synthetic one, both served in one process
   and asked in turn (a machine that slows down during the run weighs on both alike); each
   page's p50 at N× against the real map (issue 15: ≤ 1.2×).
3. Start and memory: `argmap serve` started on the built synthetic database, the seconds until
   /healthz answers and until the first claim page is answered (issue 15: < 3 s); resident size
   after a pass over the pages (< 400 MB) and after streaming /export/graph.json (and the peak).

Writes bench/results/scale.json and bench/results/scale.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi.testclient import TestClient

from bench.serving import BIN, REPO, build_database, database_env, machine, start_argmap

RESULTS = Path(__file__).resolve().parent / "results"
SEARCH_WORDS = [
    "资本",
    "数据",
    "生产",
    "智能",
    "平台",
    "社会化",
    "技术",
    "劳动",
    "capital",
    "production",
    "data",
    "platform",
    "patient",
    "turnover",
    "policy",
    "growth",
    "耐心资本",
    "新质生产力",
    "time",
    "cycle",
]
# Misspelt: nothing is found, and the page offers the closest names ("did you mean").
MISSPELT_WORDS = ["captial", "platfrom", "digtal economy", "socialisation of producton", "资夲", "turnovre", "耐心姿本"]
SAMPLES = 40
PAPER_SAMPLES = 6  # views of one paper's side
# The pages that list the whole map (paged on a large one), each asked LIST_REPEATS times. The
# lists with a part per paper are asked for their last page: the 100× map's first pages hold
# only copies of the first paper, which has no bibliography.
LIST_PAGES = {
    "front page": "/",
    "papers list": "/papers?page={last}",
    "concepts list": "/concepts",
    "references": "/references?page={last}",
    "chains, no question (key chains)": "/chains?page={last}",
    "graph overview": "/graph",
    "export page": "/export",
}
LIST_REPEATS = 15
# The render alone, as in every run before pages were compressed: a browser's uncached page also
# costs its compression on the way out, at level 1 about 1 ms per 100 KB (bench/README.md).
RENDER_ONLY = {"Accept-Encoding": "identity"}
PAGE_RATIO_GOAL = 1.2  # issue 15: every uncached page's p50 at 100× against its p50 on the real map
READY_GOAL_S = 3.0  # issue 15: from starting the server on a built database to the first page
MEMORY_GOAL_MB = 400
PICKUP_WAIT_S = 30.0  # how long to wait for a running server to serve a version built beside it


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ids(database: Path, sql: str) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute(sql)]


def _addresses(database: Path) -> tuple[dict[str, list[str]], list[tuple[str, ...]]]:
    """The requests measured on one map (claims and concepts sampled from it), and the concept
    pairs of its chain queries."""
    pick = random.Random(0)
    claims = pick.sample(_ids(database, "SELECT id FROM claim"), SAMPLES)
    # One paper's side, unfocused: as many of the first half of the papers as of the second (the
    # synthetic map's papers are copies of the real map's two, in that order).
    every_paper = _ids(database, "SELECT id FROM paper ORDER BY position, id")
    half = len(every_paper) // 2
    papers = pick.choices(every_paper[:half], k=PAPER_SAMPLES // 2) + pick.choices(
        every_paper[half:], k=PAPER_SAMPLES // 2
    )
    # Two papers chosen to compare: a paper of the first half and its counterpart in the second
    # (on the real map its two papers; on the synthetic one a copy of them, each pair asked once).
    chosen = [(every_paper[n], every_paper[half + n]) for n in pick.sample(range(half), min(half, PAPER_SAMPLES))]
    paper_pairs = (chosen * PAPER_SAMPLES)[:PAPER_SAMPLES]
    concepts = _ids(database, "SELECT id FROM concept")
    sampled_concepts = pick.sample(concepts, SAMPLES)
    causal = sorted(set(_ids(database, "SELECT source_id FROM causallink UNION SELECT target_id FROM causallink")))
    pairs = [tuple(pick.sample(causal, 2)) for _ in range(SAMPLES)]
    relations = ["", "agrees", "complements", "extends", "differs-in-emphasis", "contrasts"]  # page 1 of each
    return {
        "claim page": [f"/claims/{c}" for c in claims],
        "concept page": [f"/concepts/{c}" for c in sampled_concepts],
        "one concept compared": [f"/compare/{c}" for c in sampled_concepts],
        "compare page": ["/compare" + (f"?relation={r}" if r else "") for r in relations],
        "compare page, two papers chosen": [f"/compare?left={a}&right={b}" for a, b in paper_pairs],
        "search page": ["/search?q=" + quote(word) for word in SEARCH_WORDS],
        "search page, nothing found": ["/search?q=" + quote(word) for word in MISSPELT_WORDS],
        "claim JSON": [f"/api/claims/{c}" for c in claims],
        "causal chain query": ["/api/chains?" + urlencode({"from": a, "to": b}) for a, b in pairs],
        "graph focus view": [f"/api/graph?focus={c}&depth=2" for c in claims],
        "graph, one paper's side": [f"/graph?paper={p}" for p in papers],
        **{name: [url] * LIST_REPEATS for name, url in LIST_PAGES.items()},  # "{last}": see _last_page
    }, pairs


def _figures(times: list[float], cpu: list[float], sizes: list[int] | None = None) -> dict[str, float]:
    figures = {
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": percentile(cpu, 0.95),
        "n": len(times),
    }
    if sizes:
        # What the pages held: a page of a large map may show more than the real map's whole
        # list, and its time follows what it shows (CPU ms per KB is set beside the ratio).
        figures["kb_p50"] = statistics.median(sizes) / 1024
        figures["cpu_ms_per_kb"] = sum(cpu) / max(sum(sizes) / 1024, 0.001)
    return figures


def _last_page(client: TestClient, url: str) -> str:
    """The address with "{last}" made its list's last page, as the list's JSON twin counts them
    (a page holds up to so many papers and so much of what they hold)."""
    if "{last}" not in url:
        return url
    pages = client.get("/api" + url.split("?")[0]).json()["paging"]["pages"]
    return url.format(last=pages)


def _ask(app, client: TestClient, url: str) -> tuple[float, float, int]:
    """One request with an empty response cache: its wall-clock and CPU milliseconds, and its size in bytes."""
    app.state.response_cache.clear()  # should the switch be gone
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(url, headers=RENDER_ONLY)
    wall, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return wall, cpu, len(response.content)


def uncached_latencies(maps: dict[str, tuple[Path, Path]]) -> dict[str, dict[str, dict[str, float]]]:
    """Milliseconds per request with an empty response cache, p50, p95 and the count, for each
    map (name → database and data directory). Both maps are served in this process and asked
    in turn, request by request, so that a machine that slows down or speeds up during the run
    weighs on both alike (the ratio between them is the figure)."""
    from app.config import settings
    from app.main import create_app

    settings.response_cache = False  # ARGMAP_RESPONSE_CACHE=0: every request renders
    apps = {name: create_app(database_url=f"sqlite:///{db}", data_dir=data) for name, (db, data) in maps.items()}
    asked = {name: _addresses(db) for name, (db, _) in maps.items()}
    figures: dict[str, dict[str, dict[str, float]]] = {name: {} for name in maps}
    with ExitStack() as stack:
        clients = {name: stack.enter_context(TestClient(app)) for name, app in apps.items()}
        for app in apps.values():
            # The derived values are built by a thread beside the first requests: wait, so that
            # each figure (process CPU time) is the request's own.
            app.state.snapshots.wait_prepared()
        first = next(iter(maps))  # every map is asked the same kinds of request, as many of each
        for request, urls in asked[first][0].items():
            times: dict[str, tuple[list[float], list[float], list[int]]] = {name: ([], [], []) for name in maps}
            for position in range(len(urls)):
                for name, client in clients.items():
                    wall, cpu, size = _ask(apps[name], client, _last_page(client, asked[name][0][request][position]))
                    times[name][0].append(wall)
                    times[name][1].append(cpu)
                    times[name][2].append(size)
            for name in maps:
                figures[name][request] = _figures(*times[name])
                print(f"{name}: {request}: {figures[name][request]}", flush=True)
        for name, app in apps.items():
            figures[name]["causal chain search alone"] = chain_search(app, asked[name][1])
    return figures


def chain_search(app, pairs: list[tuple[str, ...]]) -> dict[str, float]:
    """The path search of a chain query without the page around it (its pickers list every
    concept): paths on the causal graph, or the nearest connections when there is none."""
    from app.pages.chains import CAUSAL
    from app.read.chains import find_chains, nearest_connections

    causal = CAUSAL.of(app.state.snapshots.current)  # built with the snapshot
    times, cpu = [], []
    for source, target in pairs:
        started, started_cpu = time.perf_counter(), time.process_time()
        found, _ = find_chains(causal, source, target)
        if not found:
            nearest_connections(causal, source, target)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return _figures(times, cpu)


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def memory(database: Path, data_dir: Path, work: Path, suffix: str) -> dict[str, float | None]:
    """Start time and resident memory of `argmap serve` on the built database."""
    server = start_argmap(database, data_dir, work / "serve.log")
    try:
        figures: dict[str, float | None] = {"healthz_seconds": time.monotonic() - server.started}
        urllib.request.urlopen(f"{server.base}/claims/qi-li-s2-within-units{suffix}", timeout=600).read()
        figures["first_page_seconds"] = time.monotonic() - server.started
        figures["after_start_mb"] = server.rss_mb()
        for path in [
            "/",
            f"/claims/qi-li-s2-within-units{suffix}",
            f"/api/claims/qi-li-s2-within-units{suffix}",
            f"/concepts/patient-capital{suffix}",
            "/compare",
            "/search?q=" + quote("资本"),
            "/chains",
            "/api/chains?" + urlencode({"from": f"patient-capital{suffix}", "to": f"productive-forces{suffix}"}),
            f"/graph?focus=qi-li-s2-within-units{suffix}",
            "/graph",
        ]:
            urllib.request.urlopen(server.base + path, timeout=600).read()
        figures["after_pages_mb"] = server.rss_mb()
        started = time.monotonic()
        size = 0
        with urllib.request.urlopen(server.base + "/export/graph.json", timeout=600) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
        figures["export_seconds"] = time.monotonic() - started
        figures["export_mb"] = size / 1024 / 1024
        figures["after_export_mb"] = server.rss_mb()
        figures["peak_mb"] = server.peak_rss_mb()
        figures.update(new_version_pickup(server, database, data_dir, suffix))
        return figures
    finally:
        server.stop()


def _served_version(server) -> str:
    with urllib.request.urlopen(server.base + "/healthz", timeout=60) as response:
        return json.loads(response.read())["dataset_version"]


def new_version_pickup(server, database: Path, data_dir: Path, suffix: str) -> dict[str, float | None]:
    """Change the data (a comment in dataset.yaml: a new content hash, so a new dataset version),
    `argmap build` it into the database the running server reads, and time from the build's end
    until the server answers the new version (its /healthz and a claim page); None if it has not
    within PICKUP_WAIT_S (a server that reads its data only when it starts)."""
    before = _served_version(server)
    dataset_file = data_dir / "dataset.yaml"
    dataset_file.write_text(dataset_file.read_text() + "# bench/scale.py: a new version\n")
    env = database_env(database, data_dir)
    build_seconds = timed([str(BIN / "argmap"), "build", "--data-dir", str(data_dir)], env)
    built = time.monotonic()
    while time.monotonic() - built < PICKUP_WAIT_S:
        if _served_version(server) != before:
            urllib.request.urlopen(f"{server.base}/claims/qi-li-s2-within-units{suffix}", timeout=600).read()
            return {"rebuild_seconds": build_seconds, "new_version_seconds": time.monotonic() - built}
        time.sleep(0.1)
    return {"rebuild_seconds": build_seconds, "new_version_seconds": None}


def measure(scale: int) -> dict:
    real_dir = REPO / "data"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        synthetic_dir = work / "synthetic"
        started = time.monotonic()
        subprocess.run(
            [str(BIN / "argmap"), "synth", "--scale", str(scale), "--out", str(synthetic_dir)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        synth_seconds = time.monotonic() - started
        real_db, synthetic_db = work / "real.db", work / "synthetic.db"
        env = database_env(synthetic_db, synthetic_dir)
        validate_seconds = timed([str(BIN / "argmap"), "validate", "--data-dir", str(synthetic_dir)], env)
        build_seconds = build_database(synthetic_db, synthetic_dir)
        build_database(real_db, real_dir)
        counts = {
            table: len(_ids(synthetic_db, f"SELECT 1 FROM {table}"))
            for table in ("paper", "claim", "concept", "argumentlink", "causallink", "crosspaperlink", "mention")
        }
        latency = uncached_latencies({"real": (real_db, real_dir), "synthetic": (synthetic_db, synthetic_dir)})
        real, synthetic = latency["real"], latency["synthetic"]
        mem = memory(synthetic_db, synthetic_dir, work, "-x001")
    return {
        "machine": machine(),
        "scale": scale,
        "synthetic_rows": counts,
        "synth_seconds": synth_seconds,
        "validate_seconds": validate_seconds,
        "build_seconds": build_seconds,
        "latency_real": real,
        "latency_synthetic": synthetic,
        "memory_synthetic": mem,
    }


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(r: dict) -> str:
    m, mem = r["machine"], r["memory_synthetic"]
    rows = ", ".join(f"{v} {k}" for k, v in r["synthetic_rows"].items())
    seconds = mem.get("new_version_seconds")
    pickup = (
        f"not within {PICKUP_WAIT_S:.0f} s (needs a restart) | < {READY_GOAL_S:.0f} s: **missed**"
        if seconds is None
        else f"{seconds:.1f} s | < {READY_GOAL_S:.0f} s: {_met(seconds < READY_GOAL_S)}"
    )
    lines = [
        f"# bench/scale.py — {m['date']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}.",
        f"Synthetic corpus {r['scale']}× the real one: {rows}.",
        "",
        "| step | figure | goal |",
        "|---|---:|---|",
        f"| `argmap synth --scale {r['scale']}` | {r['synth_seconds']:.1f} s | – |",
        f"| `argmap validate` | {r['validate_seconds']:.1f} s | – |",
        f"| `argmap build` (validate + load into SQLite) | {r['build_seconds']:.1f} s | < 10 s |",
        f"| `argmap serve` on the built database: start → `/healthz` answers | {mem['healthz_seconds']:.1f} s | – |",
        f"| `argmap serve` on the built database: start → first claim page answered | "
        f"{mem['first_page_seconds']:.1f} s | < {READY_GOAL_S:.0f} s: "
        f"{_met(mem['first_page_seconds'] < READY_GOAL_S)} |",
        f"| server resident memory after start (and first page) / after a pass over the pages | "
        f"{mem['after_start_mb']:.0f} / {mem['after_pages_mb']:.0f} MB | < {MEMORY_GOAL_MB} MB: "
        f"{_met(mem['after_pages_mb'] < MEMORY_GOAL_MB)} |",
    ]
    if "rebuild_seconds" in mem:
        lines += [
            f"| `argmap build` of a changed corpus beside the running server | {mem['rebuild_seconds']:.1f} s | – |",
            f"| that build's end → the running server answers the new version (`/healthz`, a claim page) | {pickup} |",
        ]
    lines += [
        f"| `/export/graph.json` ({mem['export_mb']:.0f} MB) | {mem['export_seconds']:.1f} s; resident "
        f"{mem['after_export_mb']:.0f} MB after, peak {mem['peak_mb']:.0f} MB | no blow-up |",
        "",
        "Uncached requests (response cache off and emptied before each; both maps served in one process and "
        f"asked in turn, request by request), real vs {r['scale']}×. "
        f"Goal (issue 15): every page's p50 at {r['scale']}× ≤ {PAGE_RATIO_GOAL}× its p50 on the real map. "
        "The machine is shared (other jobs run beside these), so the CPU time each request used "
        "is the figure compared; the wall-clock p50 and its ratio are shown beside it. What a page "
        "holds is shown too (its size, p50), and the ratio of the CPU time per KB of the pages asked: "
        "a page of a large map may show more than the real map's whole list, and its time follows what it shows.",
        "",
        f"| request | real CPU p50 ms | {r['scale']}× CPU p50 ms | ratio | goal | real wall p50 | "
        f"{r['scale']}× wall p50 | wall ratio | real CPU p95 | {r['scale']}× CPU p95 | real KB | "
        f"{r['scale']}× KB | ratio per KB |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, real in r["latency_real"].items():
        synthetic = r["latency_synthetic"][name]
        ratio = synthetic["cpu_p50_ms"] / max(real["cpu_p50_ms"], 0.001)
        wall = synthetic["p50_ms"] / max(real["p50_ms"], 0.001)
        if name == "causal chain search alone":  # not a page: the search inside a chain query
            goal = f"p95 < 50 ms: {_met(synthetic['cpu_p95_ms'] < 50)}"
        else:
            goal = f"≤ {PAGE_RATIO_GOAL}×: {_met(ratio <= PAGE_RATIO_GOAL)}"
        sizes = "| – | – | – |"
        if "kb_p50" in real:
            per_kb = synthetic["cpu_ms_per_kb"] / max(real["cpu_ms_per_kb"], 0.000001)
            sizes = f"| {real['kb_p50']:.0f} | {synthetic['kb_p50']:.0f} | {per_kb:.2f} |"
        lines.append(
            f"| {name} | {real['cpu_p50_ms']:.1f} | {synthetic['cpu_p50_ms']:.1f} | {ratio:.2f} | {goal} | "
            f"{real['p50_ms']:.1f} | {synthetic['p50_ms']:.1f} | {wall:.2f} | {real['cpu_p95_ms']:.1f} | "
            f"{synthetic['cpu_p95_ms']:.1f} {sizes}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--name", default="scale")
    args = parser.parse_args()
    result = measure(args.scale)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{args.name}.md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
