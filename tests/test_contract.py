"""The public contract on the shipped data: every export's bytes, the JSON of every /api page
(every id), and the HTML of every page family (a few ids each, whitespace between tags
ignored), compared with the record in tests/contract/shipped.json.

A refactor must leave every digest as it was. A change you mean (new data, a new field) is
recorded again with

    ARGMAP_RECORD_CONTRACT=1 .venv/bin/pytest tests/test_contract.py

and the diff of the record shows which addresses it changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from app.config import REPO_ROOT
from tests.test_hostile import ROUTES

RECORD = REPO_ROOT / "tests" / "contract" / "shipped.json"
SKIPPED = {"/docs", "/favicon.ico", "/healthz", "/api/chains/concepts", "/api/graph/nodes"}
HTML_IDS_PER_KIND = 3
# A few parameter values per family: the contract covers the filters, not only the defaults.
QUERIES = {
    "/compare": ["relation=agrees", "relation=complements&page=2", "page=2"],
    "/chains": ["from=data-as-factor", "to=patient-capital", "basis=stated", "held=qi-li&length=3"],
    "/graph": [
        "focus=qi-li-thesis&depth=2",
        "layers=argument&paper=qi-li",
        "layers=causal",
        "focus=patient-capital&layers=causal,mentions",
        "layout=levels&layers=argument",
        "path=data-as-factor&path=patient-capital",
    ],
    "/search": ["q=资本", "q=patient+capital", "q=数据&page=2", "q=capitl"],
    "/export": ["paper=qi-li", "layers=argument,causal", "concept=patient-capital"],
    "/oembed": ["url=http://testserver/claims/qi-li-thesis", "url=http://testserver/claims/qi-li-thesis&maxwidth=300"],
}


def _ids(data: Path) -> dict[str, list[str]]:
    """Every id the path parameters can take, read from the data files in their order."""
    papers = sorted(p.name for p in (data / "papers").iterdir() if p.is_dir())
    claims: list[str] = []
    for paper in papers:
        for path in sorted((data / "papers" / paper).rglob("claims/*.yaml")):
            for claim in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("claims", []) or []:
                claims.append(claim["id"])
    concepts: list[str] = []
    for path in sorted((data / "concepts").glob("*.yaml")):
        concepts += [c["id"] for c in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("concepts", [])]
    tour_files = (data / "tours").glob("*.yaml")
    tours = {p.stem: len(yaml.safe_load(p.read_text(encoding="utf-8"))["steps"]) for p in tour_files}
    guides = [p.stem for p in sorted((REPO_ROOT / "docs").glob("*.md"))]
    return {
        "paper_id": papers,
        "claim_id": claims,
        "concept_id": concepts,
        "tour_id": sorted(tours),
        "slug": guides,
        "tour_steps": [f"{tour}/{n}" for tour, count in sorted(tours.items()) for n in range(1, count + 1)],
    }


def _fill(path: str, ids: dict[str, list[str]], limit: int | None) -> list[str]:
    if "{tour_id}/{n}" in path:
        return [path.replace("{tour_id}/{n}", step) for step in ids["tour_steps"][:limit]]
    names = re.findall(r"\{(\w+)\}", path)
    if not names:
        return [path]
    (name,) = names
    return [path.replace("{" + name + "}", value) for value in ids[name][:limit]]


def contract_addresses() -> list[str]:
    ids = _ids(REPO_ROOT / "data")
    addresses: list[str] = []
    for route in ROUTES:
        if route.path in SKIPPED:
            continue
        is_html = not route.path.startswith(("/api", "/export/", "/oembed")) and route.path != "/compare/map.svg"
        paths = _fill(route.path, ids, HTML_IDS_PER_KIND if is_html else None)
        family = route.path.removeprefix("/api") or "/"
        queries = QUERIES.get("/export" if route.path.startswith("/export") else family, [])
        if route.path.startswith("/export/sources/"):
            queries = []
        addresses += paths
        addresses += [f"{paths[0]}?{query}" for query in queries]
    return addresses


def _digest(response) -> str:
    body = response.content
    if response.headers.get("content-type", "").startswith("text/html"):
        text = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", response.text))
        body = text.encode()
    return f"{response.status_code} {response.headers.get('content-type', '')} {hashlib.sha256(body).hexdigest()}"


def _current(reader: TestClient) -> dict[str, str]:
    return {address: _digest(reader.get(address)) for address in contract_addresses()}


def test_every_export_and_api_page_is_as_recorded(reader: TestClient):
    current = _current(reader)
    if os.environ.get("ARGMAP_RECORD_CONTRACT") == "1":
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(current, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip(f"recorded {len(current)} addresses in {RECORD.relative_to(REPO_ROOT)}")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(current) == sorted(recorded), "the set of addresses changed: record again if you meant it"
    changed = [address for address in recorded if current[address] != recorded[address]]
    assert not changed, f"{len(changed)} addresses answer differently, e.g. {changed[:10]}"
