"""Shared fixtures: the loaded data, one strict build of the site per test session, a local server and a
headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SLUGS = ["apply", "track-and-collect", "supplement", "update-details", "extend"]


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources (not .venv, .git, the built site or caches), to edit and build in a test."""
    skip = shutil.ignore_patterns(".venv", ".git", "site", ".cache", "__pycache__", ".pytest_cache", "node_modules",
                                  "bench", "bench-results", "tests", "*.egg-info")
    shutil.copytree(ROOT, dest, ignore=skip)
    return dest


def build_site(project: Path, out: Path, extra_env: dict[str, str] | None = None,
               base_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the project at `project` into `out`, as `make build` does."""
    env = {**(os.environ if base_env is None else base_env), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site_data():
    from goldcard.load import load_site

    return load_site(ROOT / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, out)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


# ------------------------------------------------------------------------------ a published copy of the site
# Built once a session, for test_deterministic.py (its first build) and test_feedback.py / test_verified.py: the site
# as the editors would publish it, with an address (SITE_URL), a place for readers' reports, and a guide that
# records a walk on the platform. The project itself sets neither (it has no tracker, and no guide has been walked);
# these are a test's, at example.org.
PUBLISHED_AT = "https://guides.example.org/gold-card/"  # a sub-path, as GitHub Pages publishes a project
REPORTS_TO = "https://git.example.org/editors/gold-card-guides/issues/new"
VERIFIED_GUIDE, VERIFIED_FILE, VERIFIED_ON = "extend", "data/guides/07-extend.yaml", "2026-01-28"
PUBLISHED_TODAY = "2026-12-01"  # GOLDCARD_TODAY of its builds: that walk is then 307 days old, due for another


@dataclass(frozen=True)
class Published:
    project: Path
    site: Path
    output: str  # what the build printed
    env: dict[str, str]  # the environment it was built in, bar PYTHONHASHSEED and TZ


def published_env() -> dict[str, str]:
    # No SOURCE_DATE_EPOCH from outside: a plain `mkdocs build` must date the site from the data by itself.
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return {**env, "SITE_URL": PUBLISHED_AT, "GOLDCARD_TODAY": PUBLISHED_TODAY}


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    """`old` replaced by `new` in the project's file `name`, where it must be once (the checks' tests)."""
    replace_once(root / name, old, new)


def checks_project(root: Path, files: dict[str, str]) -> Path:
    """A project at `root` to break for the checks' tests: the data, pages and mkdocs.yml, and `files` (path:
    text) written into it."""
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def problems_in(root: Path) -> list[str]:
    """What `make check` reports for the project at `root`, one string a problem."""
    from goldcard.checks import check_project, read_config

    return [str(problem) for problem in check_project(read_config(root / "mkdocs.yml"))]


def one_problem_at(problems: list[str], location: str, *words: str) -> str:
    """The one problem reported at `location` (`file:line:column`), which says all of `words` and a fix."""
    here = [p for p in problems if p.startswith(location + ": ")]
    assert len(here) == 1, f"expected one problem at {location}, got {here}; all: {problems}"
    for word in words:
        assert word in here[0], f"{word!r} not in {here[0]!r}"
    assert "; " in here[0], f"a problem says what and how to fix it: {here[0]!r}"
    return here[0]


def at(root: Path, name: str, needle: str, nth: int = 0, prefix: str = "") -> str:
    """`name:line:column` of `needle` where the nth `prefix + needle` is in the file, as a problem names it."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    seen = 0
    for number, line in enumerate(lines, start=1):
        column = line.find(prefix + needle)
        while column >= 0:
            if seen == nth:
                return f"{name}:{number}:{column + len(prefix) + 1}"
            seen += 1
            column = line.find(prefix + needle, column + 1)
    raise AssertionError(f"{prefix + needle!r} not in {name}")


def make_published_project(dest: Path) -> Path:
    project = copy_project(dest)
    replace_once(project / "mkdocs.yml", "\n    check_links: false", f"\n    feedback: {REPORTS_TO}\n    check_links: false")
    replace_once(project / VERIFIED_FILE, "\nupdated: 2026-01-27\n", f"\nupdated: 2026-01-27\nverified: {VERIFIED_ON}\n")
    return project


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Published:
    work = tmp_path_factory.mktemp("published")
    project = make_published_project(work / "a" / "project")
    env = published_env()
    out = work / "site-a"
    result = build_site(project, out, {"PYTHONHASHSEED": "1", "TZ": "UTC"}, base_env=env)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return Published(project, out, result.stdout + result.stderr, env)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - the standard library's signature
        # Chromium drops a connection it no longer needs (a page closed while a file was on its way): that is no
        # failure of the site, and its traceback buried the test output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The address of a local server of `folder`, for the browser tests."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        # An upper bound, as for each page's actions (tests/browsing.py): a busy machine starts Chromium slowly.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                              timeout=120_000)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A page of the built site that FAILS the test if any request goes to another host (tests/browsing.py)."""
    from browsing import guarded_page

    with guarded_page(browser, site_url, fail_on_script_errors=False) as page:
        yield page
