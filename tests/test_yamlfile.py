"""Data files are read fast (ryaml) yet mean what PyYAML reads, and a problem still gets its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.dataset.yaml_lines import LinedDict, SourcedDict, YamlError, _read_lined, line_of, read_yaml

DATA = Path(__file__).resolve().parent.parent / "data"


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_shipped_file_reads_as_pyyaml_reads_it(path: Path):
    fast = read_yaml(path, path.name)
    assert _plain(fast) == _plain(_read_lined(path.read_text(encoding="utf-8"), path.name))


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("flag: no\n", {"flag": False}),  # YAML 1.1: a boolean; YAML 1.2: the word "no"
        ("flag: On\n", {"flag": True}),
        ("count: 010\n", {"count": 8}),  # 1.1 octal; 1.2 a string
        ("count: 1_000\n", {"count": 1000}),
        ("count: 0o10\n", {"count": "0o10"}),  # 1.2 octal; 1.1 a string
        ("size: 1e3\n", {"size": "1e3"}),  # 1.2 a float; 1.1 a string
        ("base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n", {"base": {"x": 1}, "merged": {"x": 1, "y": 2}}),
        ("year: 2024\nwhen: 2024-05-01\n", {"year": 2024, "when": "2024-05-01"}),  # dates stay text
        ("quote: 'no'\n", {"quote": "no"}),
    ],
)
def test_a_scalar_means_what_yaml_1_1_says_it_means(tmp_path: Path, text: str, meaning: dict):
    assert _plain(read_yaml(write(tmp_path, text), "file.yaml")) == meaning


def test_the_line_of_a_value_is_found_when_it_is_asked_for(tmp_path: Path):
    path = write(tmp_path, "claims:\n  - id: a\n    text: one\n\n  - id: b\n    text: two\n")
    data = read_yaml(path, "file.yaml")
    assert isinstance(data, SourcedDict)  # read fast, without lines
    assert line_of(data, ("claims", 1, "text")) == 6
    assert line_of(data, ("claims", 0)) == 2
    assert isinstance(data.lined(), LinedDict)


def test_a_duplicate_key_is_an_error_at_its_line(tmp_path: Path):
    path = write(tmp_path, "id: a\nlabel: x\nid: b\n")
    with pytest.raises(YamlError) as caught:
        read_yaml(path, "data/file.yaml")
    assert str(caught.value) == "data/file.yaml:3: malformed YAML: duplicate key 'id'"


def test_malformed_yaml_is_an_error_at_its_line(tmp_path: Path):
    path = write(tmp_path, "claims:\n  - id: a\n    text: [one, two\n  - id: b\n")
    with pytest.raises(YamlError) as caught:
        read_yaml(path, "data/file.yaml")
    assert str(caught.value).startswith("data/file.yaml:4: malformed YAML")


def test_a_file_of_several_documents_is_refused(tmp_path: Path):
    path = write(tmp_path, "a: 1\n---\nb: 2\n")
    with pytest.raises(YamlError, match="malformed YAML"):
        read_yaml(path, "file.yaml")


def test_pyyaml_and_the_fast_reader_agree_on_the_synthetic_corpus(tmp_path: Path):
    from app.dataset.synth import synthesize

    synthesize(DATA, tmp_path / "synth", 2)
    for path in sorted((tmp_path / "synth").rglob("*.yaml")):
        fast = read_yaml(path, path.name)
        assert _plain(fast) == _plain(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)), path


TRICKY = ["yes", "No", "ON", "off", "~", "null", "true", "010", "0o17", "0x1F", "1_000", "1:20", "1e3", "1.5e3"]
TRICKY += [
    "1.5e+3",
    ".5",
    "+12",
    "-0",
    ".inf",
    "-.Inf",
    ".NaN",
    "=",
    "<<",
    "2024-05-01",
    "1.",
    "0b101",
    "y",
    "n",
    "0.E0",
    "1.e5",
    "-.0",  # a float in YAML 1.2, a string in 1.1 (a sign before a leading dot), found by the test below
    "+.5",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(TRICKY),
            st.text(alphabet="0123456789eEoxb_.:+-yYnN ", min_size=1, max_size=6).map(str.strip).filter(bool),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_plain_scalar_means_what_pyyaml_says(tmp_path_factory, tokens: list[str]):
    text = "".join(f"k{index}: {token}\n" for index, token in enumerate(tokens))
    text += "items: [" + ", ".join(tokens) + "]\n"
    path = tmp_path_factory.mktemp("yaml") / "file.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = _plain(_read_lined(text, "file.yaml"))
    except YamlError:
        with pytest.raises(YamlError):
            read_yaml(path, "file.yaml")
        return
    # repr: tells True from 1 and 1 from 1.0, and nan equals itself
    assert repr(_plain(read_yaml(path, "file.yaml"))) == repr(expected)


@pytest.mark.parametrize("scalar", ["0.E0", "1.e5", "1e3", "0o17", "-.0", "+.5"])
def test_a_number_only_yaml_1_2_reads_stays_the_text_pyyaml_reads(tmp_path, scalar: str):
    path = tmp_path / "file.yaml"
    path.write_text(f"k: {scalar}\n", encoding="utf-8")
    assert read_yaml(path, "file.yaml")["k"] == yaml.safe_load(f"k: {scalar}")["k"] == scalar
