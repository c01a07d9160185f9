"""Each dataset version is recorded (data/versions.yaml) with the content hash it had: a data
change without a new version fails here, and /changes shows the record. The shipped data are
checked for their record; the mechanism is tested on the fixture dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from app.database.engine import create_tables, make_engine
from app.dataset.files import content_hash
from app.dataset.loader import LoadError, load_if_changed, read_dataset
from app.dataset.versions import version_status
from tests.conftest import FIXTURE_DATA, SHIPPED_DATA, edit, line_number

CURRENT = read_dataset(FIXTURE_DATA).version  # the fixture's version; the tests record the ones after it
MAJOR, MINOR, PATCH = (int(part) for part in CURRENT.split("."))
NEXT_PATCH, NEXT_MINOR = f"{MAJOR}.{MINOR}.{PATCH + 1}", f"{MAJOR}.{MINOR + 1}.0"

HOW_TO_RECORD = (
    "the data changed but the dataset version did not: bump `version` in data/dataset.yaml, "
    "run `python -m app.dataset.versions` and add the entry it prints at the top of data/versions.yaml"
)


def unrecorded_change(data_dir: Path) -> str | None:
    version, current, recorded = version_status(data_dir)
    if recorded == current:
        return None
    return f"{HOW_TO_RECORD} (version {version}: recorded {recorded}, the data now hash to {current})"


def test_the_shipped_data_are_the_recorded_current_version():
    problem = unrecorded_change(SHIPPED_DATA)
    assert problem is None, problem


def test_every_shipped_version_is_told_in_chinese_too():
    import re

    import yaml

    from tests.test_i18n import ASCII_BESIDE_CHINESE

    for entry in yaml.safe_load((SHIPPED_DATA / "versions.yaml").read_text(encoding="utf-8"))["versions"]:
        assert len(entry["changes_zh"]) == len(entry["changes"]), entry["version"]
        for english, chinese in zip(entry["changes"], entry["changes_zh"], strict=True):
            assert re.search(r"[\u4e00-\u9fff]", chinese) and not ASCII_BESIDE_CHINESE.search(chinese), chinese
            for ident in re.findall(r"\b(?:lu-yang|qi-li)-[a-z0-9-]+", english):  # every id named stays named
                assert ident in chinese, (entry["version"], ident)


def test_changing_the_data_without_a_new_version_is_caught(fixture_data_dir: Path):
    edit(
        fixture_data_dir / "papers" / "zheng-wu" / "claims" / "abstract.yaml",
        "Data standards must be improved",
        "Data standards need to be improved",
    )
    assert unrecorded_change(fixture_data_dir).startswith(HOW_TO_RECORD)


def test_a_new_version_with_its_entry_passes_the_check(fixture_data_dir: Path):
    edit(
        fixture_data_dir / "papers" / "zheng-wu" / "claims" / "abstract.yaml",
        "Data standards must be improved",
        "Data standards need to be improved",
    )
    edit(fixture_data_dir / "dataset.yaml", f"version: {CURRENT}", f"version: {NEXT_PATCH}")
    edit(
        fixture_data_dir / "versions.yaml",
        "versions:\n",
        f"""versions:
  - version: {NEXT_PATCH}
    date: "2027-01-01"
    content_hash: "{content_hash(fixture_data_dir)}"
    changes: [A clearer paraphrase of a policy claim.]
""",
    )
    assert unrecorded_change(fixture_data_dir) is None
    assert read_dataset(fixture_data_dir).version == NEXT_PATCH


def test_the_versions_file_is_not_part_of_the_hash(fixture_data_dir: Path):
    before = content_hash(fixture_data_dir)
    edit(
        fixture_data_dir / "versions.yaml",
        "The first version of the made-up dataset",
        "The very first version of the made-up dataset",
    )
    assert content_hash(fixture_data_dir) == before


def test_editing_only_the_record_still_reloads_it(fixture_data_dir: Path, tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'versions.db'}")
    create_tables(engine)
    assert load_if_changed(engine, fixture_data_dir) is True
    assert load_if_changed(engine, fixture_data_dir) is False
    edit(
        fixture_data_dir / "versions.yaml",
        "The first version of the made-up dataset",
        "The very first version of the made-up dataset",
    )
    assert load_if_changed(engine, fixture_data_dir) is True
    engine.dispose()


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_a_version_without_an_entry_is_rejected_by_the_loader(fixture_data_dir: Path):
    edit(fixture_data_dir / "dataset.yaml", f"version: {CURRENT}", f"version: {NEXT_MINOR}")
    line = line_number(fixture_data_dir / "versions.yaml", f"- version: {CURRENT}")
    assert (
        f"data/versions.yaml:{line}: the newest entry is {CURRENT}, but data/dataset.yaml names version "
        f"{NEXT_MINOR}; record {NEXT_MINOR} first"
    ) in problems(fixture_data_dir)


def test_versions_are_listed_newest_first(fixture_data_dir: Path):
    versions = fixture_data_dir / "versions.yaml"
    text = versions.read_text(encoding="utf-8")
    versions.write_text(
        text
        + """\
  - version: {}
    date: "2027-01-01"
    content_hash: "{}"
    changes: [Out of order.]
""".format(NEXT_MINOR, "a" * 64),
        encoding="utf-8",
    )
    line = line_number(versions, f"- version: {NEXT_MINOR}")
    assert f"data/versions.yaml:{line}: versions are listed newest first: {NEXT_MINOR} comes after 0.1.0" in problems(
        fixture_data_dir
    )


def test_the_changes_page_shows_every_version_with_what_changed(fixture_reader):
    record = fixture_reader.get("/api/changes").json()
    current = record["versions"][0]
    assert current["current"] and record["dataset_version"].startswith(current["version"] + "+")
    assert current["content_hash"].startswith(record["dataset_version"].split("+")[1])
    page = fixture_reader.get("/changes")
    assert page.status_code == 200
    assert f'id="v{current["version"]}"' in page.text and str(escape(current["changes"][0])) in page.text


def test_the_changes_page_is_in_chinese_too(fixture_reader):
    page = fixture_reader.get("/changes?lang=zh").text
    assert "数据集的各个版本" in page and "本站当前提供的版本：" in page
    current, first = fixture_reader.get("/api/changes").json()["versions"]
    assert current["changes_zh"] and first["changes_zh"] is None
    assert current["changes_zh"][0] in page and current["changes"][0] not in page
    assert first["changes"][0] in page  # a version with no Chinese lines shows its English ones
    assert current["changes_zh"][0] not in fixture_reader.get("/changes?lang=en").text


def test_the_chinese_changes_say_the_same_line_for_line(fixture_data_dir: Path):
    versions = fixture_data_dir / "versions.yaml"
    edit(versions, "    changes_zh:\n", "    changes_zh:\n      - 多出的一行。\n")
    line = line_number(versions, "    changes_zh:")
    assert (
        f"data/versions.yaml:{line}: changes_zh has 2 lines and changes 1: the Chinese says the same, line for line"
    ) in problems(fixture_data_dir)
