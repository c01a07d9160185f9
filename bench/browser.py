"""The map in a real Chromium at scale: how long a focused /graph view and a /compare/map of
two papers take to be drawn, on the real corpus and on the 100× synthetic one.

    .venv/bin/python -m bench.browser [--scale 100] [--samples 5]

`argmap synth --scale N`, `argmap build`, then `argmap serve` on each corpus; Debian's
Chromium (Playwright) opens each address once (every address is new to the server, so no
answer comes from the response cache) and reads `performance.now()` when the page says it is
drawn: the performance mark `argmap-graph-drawn` for /graph (Cytoscape laid out, labels
separated, fitted), `argmap-map-drawn` for /compare/map (the server's drawing, its connectors
checked against the rows). The figure is from the start of the navigation: server, network,
parsing, scripts and layout.

Writes bench/results/browser.json and bench/results/browser.md.
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
from pathlib import Path

from bench.serving import BIN, build_database, machine, start_argmap

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
REAL_DATA = Path(__file__).resolve().parent.parent / "data"


def _ids(database: Path, sql: str) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute(sql)]


def addresses(database: Path, samples: int) -> dict[str, list[str]]:
    pick = random.Random(0)
    claims = pick.sample(_ids(database, "SELECT id FROM claim WHERE weight = 'main'"), samples * 4)
    papers = _ids(database, "SELECT id FROM paper ORDER BY position")
    lefts = [p for p in papers if p.startswith("lu-yang")]
    pairs = [(left, left.replace("lu-yang", "qi-li")) for left in pick.sample(lefts, min(samples, len(lefts)))]
    found = {
        f"/graph focus, depth {depth}": [
            f"/graph?focus={claim}&depth={depth}" for claim in claims[(depth - 1) * samples : depth * samples]
        ]
        for depth in range(1, 5)
    }
    found["/compare/map of two papers"] = [f"/compare/map?left={left}&right={right}" for left, right in pairs]
    # The same pair again with a filter: a new address for the server.
    found["/compare/map, filtered by relation"] = [
        f"/compare/map?left={left}&right={right}&relation=agrees" for left, right in pairs
    ]
    return found


def drawn_ms(page, base: str, url: str) -> float:
    page.goto(base + url)
    marker = "html[data-graph-ready='true']" if url.startswith("/graph") else "html[data-map-drawn]"
    page.locator(marker).wait_for(state="attached", timeout=60_000)
    name = "argmap-graph-drawn" if url.startswith("/graph") else "argmap-map-drawn"
    return page.evaluate(f"performance.getEntriesByName('{name}')[0].startTime")


def measure(database: Path, data_dir: Path, work: Path, samples: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    server = start_argmap(database, data_dir, work / f"{database.stem}.log")
    try:
        figures: dict[str, dict[str, float]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for width, height in ((1280, 800), (390, 844)):
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                drawn_ms(page, server.base, "/graph")  # warm the graph: built once per dataset version
                for name, urls in addresses(database, samples).items():
                    times = [drawn_ms(page, server.base, f"{url}&w={width}") for url in urls]
                    figures[f"{name} @{width}"] = {
                        "median_ms": statistics.median(times),
                        "max_ms": max(times),
                        "count": len(times),
                    }
                context.close()
            browser.close()
        return figures
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        synthetic_dir = work / "synthetic"
        subprocess.run(
            [str(BIN / "argmap"), "synth", "--scale", str(args.scale), "--out", str(synthetic_dir)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        real_db, synthetic_db = work / "real.db", work / "synthetic.db"
        build_database(real_db, REAL_DATA)
        build_database(synthetic_db, synthetic_dir)
        result = {
            "machine": machine(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "scale": args.scale,
            "real": measure(real_db, REAL_DATA, work, args.samples),
            "synthetic": measure(synthetic_db, synthetic_dir, work, args.samples),
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "browser.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# The map in Chromium at {args.scale}× ({result['date']})",
        "",
        "Milliseconds from the start of the navigation until the page says it is drawn (median, max).",
        "",
        "| view | real median | real max | synthetic median | synthetic max |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, real in result["real"].items():
        synthetic = result["synthetic"][name]
        lines.append(
            f"| {name} | {real['median_ms']:.0f} | {real['max_ms']:.0f} "
            f"| {synthetic['median_ms']:.0f} | {synthetic['max_ms']:.0f} |"
        )
    (RESULTS / "browser.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
