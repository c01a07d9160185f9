"""The guides for students, instructors and researchers: linked from /about, rendered as pages,
and every screenshot they show is there and is one the browser tests keep current."""

import re
from urllib.parse import urljoin

import pytest

from tests.conftest import GUIDE_SHOTS

USER_GUIDES = ("students", "instructors", "researchers")


@pytest.mark.parametrize("slug", USER_GUIDES)
def test_a_reader_finds_each_guide_from_about_and_its_pictures_load(reader, slug):
    assert f'href="/guides/{slug}"' in reader.get("/about").text
    page = reader.get(f"/guides/{slug}")
    assert page.status_code == 200
    images = re.findall(r'<img src="([^"]+)"', page.text)
    assert images, "a guide shows what it describes"
    for src in images:
        picture = reader.get(urljoin(f"/guides/{slug}", src))
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/png", src


@pytest.mark.parametrize("slug", USER_GUIDES)
def test_every_screenshot_a_guide_shows_is_refreshed_by_the_browser_tests(reader, slug):
    markdown = reader.get(f"/api/guides/{slug}").json()["markdown"]
    shown = set(re.findall(r"\]\(screenshots/([\w-]+)\.png\)", markdown))
    assert shown <= GUIDE_SHOTS, f"not taken by any browser test: {shown - GUIDE_SHOTS}"


def test_guide_links_to_pages_of_the_app_resolve(reader):
    for slug in USER_GUIDES:
        markdown = reader.get(f"/api/guides/{slug}").json()["markdown"]
        for target in re.findall(r"\]\((/[^)\s]*)\)", markdown):
            assert reader.get(target).status_code == 200, f"{slug}: {target}"
