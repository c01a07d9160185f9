"""Links never break: a retired id answers 301 to its successor or 410 Gone, and the loader
checks redirects.yaml (successors exist, no chains, ids never reused).

Run on the fixture dataset (tests/fixtures/dataset/), whose version 0.2.0 retired three ids:
a claim split (301), a concept merged (301) and a claim gone (410)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import FIXTURE_DATA, edit, line_number, validation_problems

CURRENT = yaml.safe_load((FIXTURE_DATA / "dataset.yaml").read_text(encoding="utf-8"))["version"]  # retired them
LATER = "9.0.0"  # never recorded


RETIRED_LINE = "retired: [zheng-wu-s2-old-sharing, ledger-technology, han-su-restated-title]"


def get(client, path: str):
    return client.get(path, follow_redirects=False)


def retire(data_dir: Path, redirects: str | None = None, retired: list[str] | None = None) -> None:
    """What an editor changes when retiring ids: redirects.yaml and the version's `retired` list."""
    if redirects is not None:
        (data_dir / "redirects.yaml").write_text(redirects, encoding="utf-8")
    if retired is not None:
        edit(data_dir / "versions.yaml", RETIRED_LINE, f"retired: [{', '.join(retired)}]")


def test_an_old_link_answers_301_to_its_successor_whatever_view_it_named(fixture_reader):
    moved = {
        "/claims/zheng-wu-s2-old-sharing": "/claims/zheng-wu-s2-ledger-enables-sharing",
        "/claims/zheng-wu-s2-old-sharing/card?theme=dark": "/claims/zheng-wu-s2-ledger-enables-sharing/card?theme=dark",
        "/api/claims/zheng-wu-s2-old-sharing": "/api/claims/zheng-wu-s2-ledger-enables-sharing",
        "/concepts/ledger-technology?lang=zh": "/concepts/digital-ledger?lang=zh",
        "/api/concepts/ledger-technology": "/api/concepts/digital-ledger",
    }
    for old, new in moved.items():
        response = get(fixture_reader, old)
        assert (response.status_code, response.headers["location"]) == (301, new), old
        assert get(fixture_reader, new).status_code == 200, new


def test_following_an_old_link_lands_on_the_successor_page(fixture_reader):
    page = fixture_reader.get("/claims/zheng-wu-s2-old-sharing", follow_redirects=True)
    assert page.status_code == 200 and str(page.url).endswith("/claims/zheng-wu-s2-ledger-enables-sharing")


def test_a_removed_claim_answers_410_with_a_page_pointing_at_the_closest_items(fixture_reader):
    page = get(fixture_reader, "/claims/han-su-restated-title")
    assert page.status_code == 410
    assert "It restated the paper&#39;s title and asserted nothing of its own." in page.text
    assert 'href="/claims/han-su-thesis"' in page.text and 'href="/concepts/digital-ledger"' in page.text
    assert f'href="/changes#v{CURRENT}"' in page.text and 'action="/search"' in page.text
    assert page.headers["content-security-policy"]  # the security headers still apply
    assert get(fixture_reader, "/claims/han-su-restated-title/card").status_code == 410


def test_a_removed_claim_answers_410_as_json_under_api(fixture_reader):
    response = get(fixture_reader, "/api/claims/han-su-restated-title")
    assert response.status_code == 410 and response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 410 and error["retired_in"] == CURRENT
    assert [c["url"] for c in error["claims"]] == ["/claims/han-su-thesis"]


def test_a_retired_id_under_the_wrong_kind_or_an_unknown_id_is_still_404(fixture_reader):
    assert get(fixture_reader, "/concepts/zheng-wu-s2-old-sharing").status_code == 404
    assert get(fixture_reader, "/claims/ledger-technology").status_code == 404
    assert get(fixture_reader, "/claims/never-existed").status_code == 404


def test_the_changes_page_lists_the_retired_ids_and_their_successors(fixture_reader):
    versions = get(fixture_reader, "/api/changes").json()["versions"]
    assert [v["version"] for v in versions] == [CURRENT, "0.1.0"] and versions[0]["current"]
    retired = {item["id"]: item for item in versions[0]["retired"]}
    assert retired["ledger-technology"]["successor"]["url"] == "/concepts/digital-ledger"
    assert retired["han-su-restated-title"]["successor"] is None
    page = get(fixture_reader, "/changes").text
    assert 'href="/claims/zheng-wu-s2-ledger-enables-sharing"' in page and "han-su-restated-title" in page


# -- the loader's checks


def test_a_live_id_cannot_be_retired(fixture_data_dir: Path):
    redirects = (fixture_data_dir / "redirects.yaml").read_text(encoding="utf-8")
    retire(
        fixture_data_dir,
        redirects.replace("id: han-su-restated-title", "id: han-su-thesis"),
        ["zheng-wu-s2-old-sharing", "ledger-technology", "han-su-thesis"],
    )
    line = line_number(fixture_data_dir / "redirects.yaml", "id: han-su-thesis")
    found = validation_problems(fixture_data_dir)
    assert any(
        p.startswith(f"data/redirects.yaml:{line}: 'han-su-thesis' is a live id (data/papers/han-su/claims/")
        and p.endswith("a published id is never reused")
        for p in found
    ), found


def test_a_successor_that_is_itself_retired_is_a_chain(fixture_data_dir: Path):
    edit(fixture_data_dir / "redirects.yaml", "to: zheng-wu-s2-ledger-enables-sharing", "to: han-su-restated-title")
    line = line_number(fixture_data_dir / "redirects.yaml", "to: han-su-restated-title")
    assert (
        f"data/redirects.yaml:{line}: chain: the successor 'han-su-restated-title' is itself retired "
        "(gone); point straight at a live id"
    ) in validation_problems(fixture_data_dir)


def test_two_ids_redirected_to_each_other_are_a_loop(fixture_data_dir: Path):
    loop = f"""\
redirects:
  - {{id: old-a, kind: claim, to: old-b, reason: renamed, version: {CURRENT}}}
  - {{id: old-b, kind: claim, to: old-a, reason: renamed, version: {CURRENT}}}
"""
    retire(fixture_data_dir, loop, ["old-a", "old-b"])
    found = validation_problems(fixture_data_dir)
    assert (
        "data/redirects.yaml:2: chain: the successor 'old-b' is itself retired (moved to 'old-a'); "
        "point straight at a live id" in found
    )
    assert (
        "data/redirects.yaml:3: chain: the successor 'old-a' is itself retired (moved to 'old-b'); "
        "point straight at a live id" in found
    )


def test_a_successor_must_exist_and_be_of_the_same_kind(fixture_data_dir: Path):
    redirects = fixture_data_dir / "redirects.yaml"
    edit(redirects, "to: zheng-wu-s2-ledger-enables-sharing", "to: zheng-wu-no-such-claim")
    edit(redirects, "to: digital-ledger", "to: han-su-thesis")
    found = validation_problems(fixture_data_dir)
    assert (
        f"data/redirects.yaml:{line_number(redirects, 'zheng-wu-no-such-claim')}: unknown claim "
        "'zheng-wu-no-such-claim'" in found
    )
    assert (
        f"data/redirects.yaml:{line_number(redirects, 'to: han-su-thesis')}: 'han-su-thesis' is a claim, "
        "not a concept" in found
    )


def test_a_retired_id_is_listed_by_the_version_that_retired_it(fixture_data_dir: Path):
    retire(fixture_data_dir, retired=["zheng-wu-s2-old-sharing", "ledger-technology", "zheng-wu-forgotten"])
    found = validation_problems(fixture_data_dir)
    gone_version = line_number(fixture_data_dir / "redirects.yaml", "see_also: [han-su-thesis") - 1
    assert (
        f"data/redirects.yaml:{gone_version}: list 'han-su-restated-title' under `retired` of version "
        f"{CURRENT} in versions.yaml" in found
    )
    assert (
        f"data/versions.yaml:{line_number(fixture_data_dir / 'versions.yaml', 'retired: [')}: retired id "
        "'zheng-wu-forgotten' has no entry in redirects.yaml" in found
    )


def test_a_retirement_in_an_unrecorded_version_is_rejected(fixture_data_dir: Path):
    edit(fixture_data_dir / "redirects.yaml", f"version: {CURRENT}", f"version: {LATER}")
    line = line_number(fixture_data_dir / "redirects.yaml", f"version: {LATER}")
    assert f"data/redirects.yaml:{line}: version {LATER} is not recorded in versions.yaml" in validation_problems(
        fixture_data_dir
    )


def test_see_also_names_live_items(fixture_data_dir: Path):
    edit(fixture_data_dir / "redirects.yaml", "see_also: [han-su-thesis,", "see_also: [han-su-s9-thesis,")
    line = line_number(fixture_data_dir / "redirects.yaml", "see_also: [han-su-s9-thesis")
    assert f"data/redirects.yaml:{line}: see_also: unknown claim or concept 'han-su-s9-thesis'" in (
        validation_problems(fixture_data_dir)
    )
