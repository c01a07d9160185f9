"""`argmap synth`: a synthetic corpus N times the real one, for scale tests.

Copy i (1..N) of every real paper gets its own source text (the cleaned source under a
generated header naming the copy), its own ids (`<id>-x<i>`: paper, sections, claims,
references, concepts) and every layer of the real map re-pointed at those ids: argument,
causal, cross-paper, mentions, cites. Consecutive copies are joined, so the graph is one
piece as it would be with many real papers: a cross-paper link and a causal link (from a
concept of copy i-1 to the same concept of copy i, asserted by a claim of copy i).

The result is a data directory in the format of data/ that the normal loader reads
(`argmap validate --data-dir DIR`, `argmap build --data-dir DIR`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from app.dataset.files import VERSIONS_FILE, content_hash
from app.dataset.yaml_lines import read_yaml

ID_KEYS = ("id", "section", "to", "from", "ref")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: the same YAML, faster


def _plain(value: Any) -> Any:
    """YAML with line numbers (app/dataset/yaml_lines.py) → plain dicts and lists, to dump again."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _read(path: Path) -> Any:
    return _plain(read_yaml(path, path.name))


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def _renamed(value: Any, rename: dict[str, str], key: str | None = None) -> Any:
    """Every id reference (under id/section/to/from/ref, and a claim's concept list) renamed."""
    if isinstance(value, dict):
        return {k: _renamed(v, rename, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(item, rename, key if key == "concepts" else None) for item in value]
    if isinstance(value, str) and key in (*ID_KEYS, "concepts"):
        return rename.get(value, value)
    return value


class _RealCorpus:
    """The real data directory, parsed once."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.dataset = _read(data_dir / "dataset.yaml")
        self.papers = {p.parent.name: _read(p) for p in sorted((data_dir / "papers").glob("*/paper.yaml"))}
        self.claim_files = {
            (p.parent.parent.name, p.name): _read(p) for p in sorted((data_dir / "papers").glob("*/claims/*.yaml"))
        }
        self.concepts = [c for p in sorted((data_dir / "concepts").glob("*.yaml")) for c in _read(p)["concepts"]]
        cross = data_dir / "cross-paper.yaml"
        self.cross_links = _read(cross)["links"] if cross.exists() else []
        self.sources = {key: (data_dir / "sources" / f"{key}.txt").read_text(encoding="utf-8") for key in self.papers}
        self.ids = self._all_ids()

    def _all_ids(self) -> set[str]:
        ids = {c["id"] for c in self.concepts}
        for paper in self.papers.values():
            ids |= {paper["id"], *(s["id"] for s in paper["sections"]), *(r["id"] for r in paper.get("references", []))}
        for claim_file in self.claim_files.values():
            ids |= {c["id"] for c in claim_file["claims"]}
        return ids


def _suffix(copy: int) -> str:
    return f"-x{copy:03d}"


def _write_copy(real: _RealCorpus, out: Path, copy: int) -> None:
    rename = {ident: ident + _suffix(copy) for ident in real.ids}
    for key, paper in real.papers.items():
        new_key = rename[key]
        header = f"〔argmap synth 生成的第 {copy} 份合成副本，正文取自 {key} 的清理文本，仅供规模测试〕\n\n"
        (out / "sources" / f"{new_key}.txt").write_text(header + real.sources[key], encoding="utf-8")
        synthetic = _renamed(paper, rename)
        synthetic["title_zh"] = f"{paper['title_zh']}（合成副本 {copy}）"
        _write(out / "papers" / new_key / "paper.yaml", synthetic)
    for (key, name), claim_file in real.claim_files.items():
        synthetic = _renamed(claim_file, rename)
        for claim in synthetic["claims"]:
            claim["text_en"] = f"{claim['text_en']} (synthetic copy {copy})"
        if copy > 1:
            _bridge_to_previous_copy(synthetic, copy)
        _write(out / "papers" / rename[key] / "claims" / name, synthetic)
    concepts = _renamed({"concepts": real.concepts}, rename)["concepts"]
    for concept in concepts:
        concept["label_en"] = f"{concept['label_en']} #{copy}"
    _write(out / "concepts" / f"x{copy:03d}.yaml", {"concepts": concepts})


def _bridge_to_previous_copy(claim_file: dict[str, Any], copy: int) -> None:
    """The first claim asserting a causal link also asserts one from the same concept in the
    previous copy (and mentions it), so the causal layer of all copies is connected."""
    for claim in claim_file["claims"]:
        if claim.get("causal"):
            here = claim["causal"][0]["from"]
            previous = here.removesuffix(_suffix(copy)) + _suffix(copy - 1)
            claim["concepts"].append(previous)
            claim["causal"].append(
                {
                    "from": previous,
                    "relation": "enables",
                    "to": here,
                    "basis": "inferred",
                    "reason": "A synthetic link joining consecutive copies of the corpus.",
                }
            )
            return


def _first_claims(real: _RealCorpus) -> dict[str, str]:
    """Each paper's first claim id (in file order), to join consecutive copies."""
    first: dict[str, str] = {}
    for (key, _), claim_file in real.claim_files.items():
        if claim_file["claims"]:
            first.setdefault(key, claim_file["claims"][0]["id"])
    return first


def _cross_paper(real: _RealCorpus, scale: int) -> list[dict[str, Any]]:
    links = []
    for copy in range(1, scale + 1):
        rename = {ident: ident + _suffix(copy) for ident in real.ids}
        links += [_renamed(link, rename) for link in real.cross_links]
    first = sorted(_first_claims(real).items())
    if len(first) >= 2:
        (_, one), (_, other) = first[0], first[1]
        for copy in range(2, scale + 1):
            links.append(
                {
                    "from": one + _suffix(copy),
                    "relation": "complements",
                    "to": other + _suffix(copy - 1),
                    "note": f"Synthetic link joining copy {copy} to copy {copy - 1}.",
                }
            )
    return links


def synthesize(real_dir: Path, out: Path, scale: int) -> Path:
    """Write a data directory `scale` times the real one into `out` (replaced if it exists)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    real = _RealCorpus(real_dir)
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    for copy in range(1, scale + 1):
        _write_copy(real, out, copy)
    _write(out / "cross-paper.yaml", {"links": _cross_paper(real, scale)})
    _write(out / "dataset.yaml", {"version": real.dataset["version"], "licence": real.dataset["licence"]})
    _write(out / "redirects.yaml", {"redirects": [], "gone": []})
    newest = _read(real_dir / VERSIONS_FILE)["versions"][0]
    entry = {
        "version": real.dataset["version"],
        "date": newest["date"],
        "content_hash": content_hash(out),  # every other file is written: the hash is final
        "changes": [f"Synthetic corpus: {scale} copies of the real map (argmap synth --scale {scale})."],
        "added": [],
        "retired": [],
    }
    _write(out / VERSIONS_FILE, {"versions": [entry]})
    return out
