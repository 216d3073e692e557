"""The build is deterministic: two builds of the same sources give a byte-identical site, sitemap and search
index included, wherever the sources are and whatever the process's hash seed and time zone."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.xdist_group("deterministic")


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
def two_builds(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    # One copy of the sources, so both builds see the same files; the second build runs from another folder.
    work = tmp_path_factory.mktemp("deterministic")
    first = copy_project(work / "a" / "project")
    second = shutil.copytree(first, work / "b" / "somewhere" / "else")
    # No SOURCE_DATE_EPOCH from outside: a plain `mkdocs build` must date the site from the data by itself.
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    sites = []
    builds = ((first, "1", "UTC", work / "site-a"), (second, "2", "Asia/Taipei", work / "site-b"))
    for project, seed, zone, out in builds:
        result = build_site(project, out, {"PYTHONHASHSEED": seed, "TZ": zone}, base_env=env)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
        sites.append(out)
    return sites[0], sites[1], env


def test_two_builds_are_byte_identical(two_builds):
    first, second, _ = two_builds
    first_files, second_files = files(first), files(second)
    assert "sitemap.xml" in first_files and "search/search_index.json" in first_files
    found = differences(first_files, second_files)
    assert not found, f"{len(found)} file(s) differ between two builds of the same sources; the first:\n" + \
        "\n".join(found[:5])


def test_sitemap_dates_come_from_the_data_not_the_clock(two_builds):
    first, _, _ = two_builds
    source_date = latest_update_date()
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (first / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {source_date}, \
        f"sitemap lastmod {sorted(lastmods)}; expected the date of the latest guide update, {source_date}"
