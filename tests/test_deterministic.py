"""The build is deterministic: two builds of the same sources give a byte-identical site, sitemap and search
index included, wherever the sources are and whatever the process's hash seed and time zone. Both are published
builds (SITE_URL set, as the workflow sets it), the only kind with a sitemap and canonical links, of the published
copy of conftest.py (which also has readers' report links and a guide's `verified:`)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PUBLISHED_AT, ROOT, SLUGS, build_site

pytestmark = pytest.mark.xdist_group("deterministic")

PAGES = ["", "glossary/", "deadlines/"] + [f"guides/{slug}/" for slug in SLUGS]


def latest_update_date() -> str:
    """The date the build must use (scripts/source_date.py): the latest guide update, not the clock."""
    epoch = subprocess.run([sys.executable, str(ROOT / "scripts" / "source_date.py")], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def describe_difference(name: str, first: bytes, second: bytes) -> str:
    offset = next((i for i, (a, b) in enumerate(zip(first, second)) if a != b), min(len(first), len(second)))
    around = slice(max(0, offset - 60), offset + 60)
    return (f"{name}: differs at byte {offset} ({len(first)} and {len(second)} bytes)\n"
            f"    first:  {first[around]!r}\n    second: {second[around]!r}")


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    found = [f"{name}: only in the first build" for name in sorted(first.keys() - second.keys())]
    found += [f"{name}: only in the second build" for name in sorted(second.keys() - first.keys())]
    found += [describe_difference(name, first[name], second[name])
              for name in sorted(first.keys() & second.keys()) if first[name] != second[name]]
    return found


@pytest.fixture(scope="module")
def two_builds(published, tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    # The session's published build (conftest.py) is the first; the second is of a copy of the same sources, in
    # another folder, with another hash seed and time zone.
    work = tmp_path_factory.mktemp("deterministic")
    # Not its caches: the second build reads every file itself.
    second = shutil.copytree(published.project, work / "b" / "somewhere" / "else",
                             ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    out = work / "site-b"
    result = build_site(second, out, {"PYTHONHASHSEED": "2", "TZ": "Asia/Taipei"}, base_env=published.env)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return published.site, out, published.env


def test_two_builds_are_byte_identical(two_builds):
    first, second, _ = two_builds
    first_files, second_files = files(first), files(second)
    assert "sitemap.xml" in first_files and {"search/search_index.json", "en/search/search_index.json"} <= set(first_files)
    found = differences(first_files, second_files)
    assert not found, f"{len(found)} file(s) differ between two builds of the same sources; the first:\n" + \
        "\n".join(found[:5])


def test_sitemap_dates_come_from_the_data_not_the_clock(two_builds):
    first, _, _ = two_builds
    source_date = latest_update_date()
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (first / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {source_date}, \
        f"sitemap lastmod {sorted(lastmods)}; expected the date of the latest guide update, {source_date}"


def test_the_sitemap_gives_every_page_its_hreflang_alternates(two_builds):
    # The alternates live in the sitemap (absolute URLs, as search engines require) rather than in <link>
    # tags: mkdocs-static-i18n makes those relative, and Material fetches a sitemap.xml beside each one.
    first, _, _ = two_builds
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    for page in PAGES:
        entry = re.search(rf"<url>\s*<loc>{re.escape(PUBLISHED_AT + page)}</loc>(.*?)</url>", sitemap, re.S)
        assert entry, page
        assert f'hreflang="zh-TW" href="{PUBLISHED_AT}{page}"' in entry.group(1), page
        assert f'hreflang="en" href="{PUBLISHED_AT}en/{page}"' in entry.group(1), page


def test_a_published_page_names_its_published_address_as_canonical(two_builds):
    first, _, _ = two_builds
    for page in PAGES:
        for lang in ("", "en/"):
            html = (first / lang / page / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="{PUBLISHED_AT}{lang}{page}">' in html, lang + page
