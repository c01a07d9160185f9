"""Links never break: a retired id answers 301 to its successor or 410 Gone, and the loader
checks data/redirects.yaml (successors exist, no chains, ids never reused)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.dataset.loader import LoadError, read_dataset
from app.dataset.versions import version_key
from app.main import create_app
from tests.conftest import SHIPPED_DATA, edit, line_number

# The version that retires the ids below: the one after the shipped version, whatever that is.
CURRENT = read_dataset(SHIPPED_DATA).version
NEXT = f"{version_key(CURRENT)[0]}.{version_key(CURRENT)[1] + 1}.0"
LATER = f"{version_key(CURRENT)[0]}.{version_key(CURRENT)[1] + 2}.0"  # never recorded

REDIRECTS = f"""\
redirects:
  - id: qi-li-old-marxian-path
    kind: claim
    to: qi-li-s1-marxian-path
    reason: renamed
    version: {NEXT}
  - id: long-term-capital
    kind: concept
    to: patient-capital
    reason: merged
    version: {NEXT}
gone:
  - id: qi-li-old-restated-title
    kind: claim
    reason: It restated the section title and asserted nothing of its own.
    version: {NEXT}
    see_also: [qi-li-s1-thesis, mode-of-production]
"""
RETIRED = ["qi-li-old-marxian-path", "long-term-capital", "qi-li-old-restated-title"]


def record_version(data_dir: Path, redirects: str, retired: list[str]) -> None:
    """What an editor does when retiring ids: a new version that lists them, and their entries."""
    (data_dir / "redirects.yaml").write_text(redirects, encoding="utf-8")
    edit(data_dir / "dataset.yaml", f"version: {CURRENT}", f"version: {NEXT}")
    edit(
        data_dir / "versions.yaml",
        "versions:\n",
        f"""versions:
  - version: {NEXT}
    date: "2027-01-01"
    content_hash: "{"0" * 64}"
    changes: [Retired three ids.]
    retired: [{", ".join(retired)}]
""",
    )


@pytest.fixture
def retired_client(data_dir: Path, database_url: str):
    record_version(data_dir, REDIRECTS, RETIRED)
    with TestClient(create_app(database_url=database_url, data_dir=data_dir), follow_redirects=False) as client:
        yield client


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def test_an_old_link_answers_301_to_its_successor_whatever_view_it_named(retired_client):
    moved = {
        "/claims/qi-li-old-marxian-path": "/claims/qi-li-s1-marxian-path",
        "/claims/qi-li-old-marxian-path/card?theme=dark": "/claims/qi-li-s1-marxian-path/card?theme=dark",
        "/api/claims/qi-li-old-marxian-path": "/api/claims/qi-li-s1-marxian-path",
        "/concepts/long-term-capital?lang=zh": "/concepts/patient-capital?lang=zh",
        "/api/concepts/long-term-capital": "/api/concepts/patient-capital",
    }
    for old, new in moved.items():
        response = retired_client.get(old)
        assert (response.status_code, response.headers["location"]) == (301, new), old
        assert retired_client.get(new).status_code == 200, new


def test_following_an_old_link_lands_on_the_successor_page(retired_client):
    page = retired_client.get("/claims/qi-li-old-marxian-path", follow_redirects=True)
    assert page.status_code == 200 and str(page.url).endswith("/claims/qi-li-s1-marxian-path")


def test_a_removed_claim_answers_410_with_a_page_pointing_at_the_closest_items(retired_client):
    page = retired_client.get("/claims/qi-li-old-restated-title")
    assert page.status_code == 410
    assert "It restated the section title and asserted nothing of its own." in page.text
    assert 'href="/claims/qi-li-s1-thesis"' in page.text and 'href="/concepts/mode-of-production"' in page.text
    assert f'href="/changes#v{NEXT}"' in page.text and 'action="/search"' in page.text
    assert page.headers["content-security-policy"]  # the security headers still apply
    assert retired_client.get("/claims/qi-li-old-restated-title/card").status_code == 410


def test_a_removed_claim_answers_410_as_json_under_api(retired_client):
    response = retired_client.get("/api/claims/qi-li-old-restated-title")
    assert response.status_code == 410 and response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 410 and error["retired_in"] == NEXT
    assert [c["url"] for c in error["claims"]] == ["/claims/qi-li-s1-thesis"]


def test_a_retired_id_under_the_wrong_kind_or_an_unknown_id_is_still_404(retired_client):
    assert retired_client.get("/concepts/qi-li-old-marxian-path").status_code == 404
    assert retired_client.get("/claims/long-term-capital").status_code == 404
    assert retired_client.get("/claims/never-existed").status_code == 404


def test_the_changes_page_lists_the_retired_ids_and_their_successors(retired_client):
    versions = retired_client.get("/api/changes").json()["versions"]
    assert [v["version"] for v in versions][:2] == [NEXT, CURRENT] and versions[0]["current"]
    retired = {item["id"]: item for item in versions[0]["retired"]}
    assert retired["long-term-capital"]["successor"]["url"] == "/concepts/patient-capital"
    assert retired["qi-li-old-restated-title"]["successor"] is None
    page = retired_client.get("/changes").text
    assert 'href="/claims/qi-li-s1-marxian-path"' in page and "qi-li-old-restated-title" in page


# -- the loader's checks


def test_a_live_id_cannot_be_retired(data_dir: Path):
    record_version(
        data_dir, REDIRECTS.replace("id: qi-li-old-restated-title", "id: qi-li-thesis"), [*RETIRED[:2], "qi-li-thesis"]
    )
    line = line_number(data_dir / "redirects.yaml", "id: qi-li-thesis")
    found = problems(data_dir)
    assert any(
        p.startswith(f"data/redirects.yaml:{line}: 'qi-li-thesis' is a live id (data/papers/qi-li/claims/")
        and p.endswith("a published id is never reused")
        for p in found
    ), found


def test_a_successor_that_is_itself_retired_is_a_chain(data_dir: Path):
    chained = REDIRECTS.replace("to: qi-li-s1-marxian-path", "to: qi-li-old-restated-title")
    record_version(data_dir, chained, RETIRED)
    line = line_number(data_dir / "redirects.yaml", "to: qi-li-old-restated-title")
    assert (
        f"data/redirects.yaml:{line}: chain: the successor 'qi-li-old-restated-title' is itself retired "
        "(gone); point straight at a live id"
    ) in problems(data_dir)


def test_two_ids_redirected_to_each_other_are_a_loop(data_dir: Path):
    loop = f"""\
redirects:
  - {{id: old-a, kind: claim, to: old-b, reason: renamed, version: {NEXT}}}
  - {{id: old-b, kind: claim, to: old-a, reason: renamed, version: {NEXT}}}
"""
    record_version(data_dir, loop, ["old-a", "old-b"])
    found = problems(data_dir)
    assert (
        "data/redirects.yaml:2: chain: the successor 'old-b' is itself retired (moved to 'old-a'); "
        "point straight at a live id" in found
    )
    assert (
        "data/redirects.yaml:3: chain: the successor 'old-a' is itself retired (moved to 'old-b'); "
        "point straight at a live id" in found
    )


def test_a_successor_must_exist_and_be_of_the_same_kind(data_dir: Path):
    record_version(
        data_dir,
        REDIRECTS.replace("to: qi-li-s1-marxian-path", "to: qi-li-no-such-claim").replace(
            "to: patient-capital", "to: qi-li-thesis"
        ),
        RETIRED,
    )
    redirects = data_dir / "redirects.yaml"
    found = problems(data_dir)
    assert (
        f"data/redirects.yaml:{line_number(redirects, 'qi-li-no-such-claim')}: unknown claim "
        "'qi-li-no-such-claim'" in found
    )
    assert (
        f"data/redirects.yaml:{line_number(redirects, 'to: qi-li-thesis')}: 'qi-li-thesis' is a claim, "
        "not a concept" in found
    )


def test_a_retired_id_is_listed_by_the_version_that_retired_it(data_dir: Path):
    record_version(data_dir, REDIRECTS, RETIRED[:2] + ["qi-li-forgotten"])
    found = problems(data_dir)
    gone_version = line_number(data_dir / "redirects.yaml", "see_also:") - 1  # the gone entry's version
    assert (
        f"data/redirects.yaml:{gone_version}: list 'qi-li-old-restated-title' under `retired` of version "
        f"{NEXT} in versions.yaml" in found
    )
    assert (
        f"data/versions.yaml:{line_number(data_dir / 'versions.yaml', 'retired: [')}: retired id "
        "'qi-li-forgotten' has no entry in redirects.yaml" in found
    )


def test_a_retirement_in_an_unrecorded_version_is_rejected(data_dir: Path):
    record_version(data_dir, REDIRECTS.replace(f"version: {NEXT}", f"version: {LATER}", 1), RETIRED)
    line = line_number(data_dir / "redirects.yaml", f"version: {LATER}")
    assert f"data/redirects.yaml:{line}: version {LATER} is not recorded in versions.yaml" in problems(data_dir)


def test_see_also_names_live_items(data_dir: Path):
    record_version(data_dir, REDIRECTS.replace("see_also: [qi-li-s1-thesis,", "see_also: [qi-li-s9-thesis,"), RETIRED)
    line = line_number(data_dir / "redirects.yaml", "see_also:")
    assert f"data/redirects.yaml:{line}: see_also: unknown claim or concept 'qi-li-s9-thesis'" in problems(data_dir)
