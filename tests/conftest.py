"""Shared fixtures: the loaded data, one strict build of the site per test session, a local server and a
headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


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
