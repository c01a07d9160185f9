"""`argmap new-paper`: the data files of a new paper, ready to fill in.

Adding a paper needs no code: a source text under data/sources/ and the paper's folder under
data/papers/. This writes both from a text file: the source copied as it is (only line
endings and a byte-order mark normalised), a paper.yaml whose metadata are all null ("not
stated") with one section spanning the whole text, and a claims file with one example claim
quoting the first sentence. The result passes `argmap validate`; the editor takes it from
there (docs/adding-a-paper.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from app.dataset.schema import SLUG_PATTERN

SENTENCE_END = re.compile(r"[。！？!?]")
ANCHOR_LENGTH = 20


class ScaffoldError(Exception):
    """The paper cannot be scaffolded (bad key, existing paper, unreadable source)."""


@dataclass
class Scaffold:
    source: Path
    paper: Path
    claims: Path

    @property
    def files(self) -> list[Path]:
        return [self.source, self.paper, self.claims]


def _yaml_string(text: str) -> str:
    """A JSON string is a valid double-quoted YAML scalar: safe for any quote or colon."""
    return json.dumps(text, ensure_ascii=False)


def read_source(path: Path) -> str:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ScaffoldError(f"no such file: {path}") from None
    except UnicodeDecodeError as error:
        raise ScaffoldError(f"{path} is not UTF-8 text ({error.reason}); convert it first") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ScaffoldError(f"{path} is empty")
    return text if text.endswith("\n") else text + "\n"


def first_sentence(text: str) -> str:
    """The first line's text up to its first sentence end, or the first line if none ends there.

    Only whole lines are searched, so the quote never spans a line break; a title line
    without a full stop is skipped for the first line that has one.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if match := SENTENCE_END.search(line):
            return line[: match.end()]
    return lines[0]


def scaffold_paper(data_dir: Path, key: str, source_file: Path) -> Scaffold:
    if not re.match(SLUG_PATTERN, key):
        raise ScaffoldError(
            f"{key!r} is not a valid paper key: lower-case ASCII letters and digits joined by "
            "single hyphens, e.g. zhang-wang"
        )
    target = Scaffold(
        source=data_dir / "sources" / f"{key}.txt",
        paper=data_dir / "papers" / key / "paper.yaml",
        claims=data_dir / "papers" / key / "claims" / "text.yaml",
    )
    if target.paper.parent.exists():
        raise ScaffoldError(f"a paper {key!r} already exists ({target.paper.parent}); choose another key")
    if target.source.exists():
        raise ScaffoldError(f"{target.source} already exists; choose another key")
    text = read_source(source_file)
    title = next(line.strip() for line in text.splitlines() if line.strip())
    quote = first_sentence(text)
    occurrence = "    occurrence: 1           # the quote recurs in the section\n" if text.count(quote) > 1 else ""

    target.claims.parent.mkdir(parents=True)
    target.source.write_text(text, encoding="utf-8")
    target.paper.write_text(
        f"""\
# Scaffolded by `argmap new-paper`. Metadata only as the source states it; null = not stated.
id: {key}
title_zh: {_yaml_string(title)}   # the first line of the source: check it is the title
title_en: null
authors_zh: null
authors_en: null
affiliation: null
journal: null
year: null
volume: null
issue: null
pages: null
doi: null
published_online: null
column: null
keywords: null
body_available: true
sections:
  # One section spanning the whole text. Split it into the paper's sections, in reading
  # order; each anchor is the verbatim text where its section starts.
  - id: {key}-text
    title_zh: 全文
    title_en: Full text
    anchor: {_yaml_string(title[:ANCHOR_LENGTH])}
references: []
""",
        encoding="utf-8",
    )
    target.claims.write_text(
        f"""\
# Scaffolded by `argmap new-paper`: one example claim. Keep one claims file per section
# (rename this file after its section) and follow the editorial rules in data/README.md.
section: {key}-text
claims:
  - id: {key}-thesis            # a paper's top thesis is <paper>-thesis; every other claim links up to it
    kind: thesis
    weight: main
    quote_zh: {_yaml_string(quote)}   # the first sentence of the source: replace with the thesis
{occurrence}    text_en: "Paraphrase of the quote in plain English (the project's own words)."
    official_en: null
    concepts: []
""",
        encoding="utf-8",
    )
    return target


def next_steps(data_dir: Path, key: str) -> str:
    shown = data_dir.name
    return f"""\
Next steps (docs/adding-a-paper.md walks through each):
  1. Clean {shown}/sources/{key}.txt first (see {shown}/sources/README.md): quotes point into it
     verbatim, so it should not change once claims are written.
  2. Fill in {shown}/papers/{key}/paper.yaml: metadata only as the source states them (else null),
     the sections with their anchors, the references.
  3. Write the claims, one file per section, under {shown}/papers/{key}/claims/; add concepts to
     {shown}/concepts/ and links to the other papers to {shown}/cross-paper.yaml.
  4. Run `argmap validate` until it reports no problem.
  5. Bump `version` in {shown}/dataset.yaml and record it in {shown}/versions.yaml
     (`python -m app.dataset.versions` prints the entry)."""
