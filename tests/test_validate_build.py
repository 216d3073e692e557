"""The validation hook in real builds of a copy of the site: `mkdocs build --strict` fails naming the file and
line of each problem and builds the unbroken copy; `mkdocs serve` shows problems, keeps serving, and checks
again when the file is fixed."""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from goldcard.load import load_site

from conftest import build_site, copy_project

EXTEND = "data/guides/07-extend.yaml"


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) >= 1, needle
    return text[: text.index(needle)].count("\n") + 1


def break_extend(project: Path) -> dict[str, tuple[int, str]]:
    """Four mistakes in the extend guide: a wrong host, a duplicated step id, a wrong declared count and an
    empty English title, chosen from the data as it is today. Returns the line and message of each."""
    path = project / EXTEND
    text = path.read_text(encoding="utf-8")
    guide = load_site(project / "data").guide("extend")
    own = [n.step for n in guide.steps if n.block is None]
    found: dict[str, tuple[int, str]] = {}

    link = re.search(r"https://goldcard\.nat\.gov\.tw/\S*", text)
    assert link, "the extend guide links to goldcard.nat.gov.tw"
    text = text[: link.start()] + link[0].replace("goldcard.", "gold-card.", 1) + text[link.end():]
    found["link"] = (line_of(text, "https://gold-card.nat.gov.tw"),
                     "goes to gold-card.nat.gov.tw, which is not the right host; did you mean goldcard.nat.gov.tw?")

    first, second = own[0].id, own[1].id
    text = text.replace(f"- id: {second}\n", f"- id: {first}\n", 1)
    duplicate = text.index(f"- id: {first}\n", text.index(f"- id: {first}\n") + 1)
    found["id"] = (text[:duplicate].count("\n") + 1, f"the step id “{first}” is used twice in the guide “extend”")

    declared = guide.guide.declared_steps
    text = text.replace(f"declared_steps: {declared}\n", f"declared_steps: {declared + 1}\n", 1)
    found["count"] = (line_of(text, f"declared_steps: {declared + 1}\n"),
                      f"declares {declared + 1} steps but {len(guide.steps)} render")

    title = next(step.title.en for step in own[2:] if text.count(f"en: {step.title.en}\n") == 1)
    text = text.replace(f"en: {title}\n", "en: ''\n", 1)
    found["english"] = (line_of(text, "en: ''\n"), "the English text is empty")
    path.write_text(text, encoding="utf-8")
    return found


def test_strict_build_fails_naming_file_and_line_and_the_unbroken_copy_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    unbroken = build_site(project, tmp_path / "site-ok")
    assert unbroken.returncode == 0, unbroken.stdout + unbroken.stderr
    assert "WARNING" not in unbroken.stderr

    mistakes = break_extend(project)
    broken = build_site(project, tmp_path / "site-broken")
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "Aborted with" in output and "Traceback" not in output
    for what, (line, message) in mistakes.items():
        found = [x for x in output.splitlines() if f"{EXTEND}:{line}:" in x and message in x]
        assert len(found) == 1, f"{what}: no line “{EXTEND}:{line}: … {message}” in:\n{output}"
        assert found[0].startswith("WARNING"), found[0]


def test_data_that_does_not_load_fails_the_build_with_one_line_per_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / EXTEND
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nslug: extend\n", "\nslug: extend\nslug: extend-again\n", 1)
    path.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = line_of(text, "slug: extend-again")
    assert re.search(rf"WARNING +- +{re.escape(EXTEND)}:{line}:1: YAML syntax: the key 'slug' appears twice", output), output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What `mkdocs serve` prints once a rebuild is served. Not "Documentation built in 0.52 seconds": MkDocs drops
# a log line equal to the one before it, so two builds of the same duration print it once.
BUILT = r"Reloading browsers"


def wait_for(lines: queue.Queue, pattern: str, seen: list[str], timeout: float = 300) -> str:
    """The next output line matching `pattern`; every line read is added to `seen`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if re.search(pattern, line):
            return line
    pytest.fail(f"mkdocs serve never printed {pattern!r}; it printed:\n" + "".join(seen))


def edit(path: Path, text: str) -> None:
    """Writes `text` with a modification time later than the file's last one: `mkdocs serve` polls modification
    times (and sizes), and two writes within the file system's clock step would otherwise look like one."""
    last = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    later = max(last + 2_000_000_000, path.stat().st_mtime_ns)
    os.utime(path, ns=(later, later))


def test_serve_reports_problems_keeps_serving_and_checks_again_after_a_fix(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / EXTEND
    good = path.read_text(encoding="utf-8")
    link = re.search(r"https://goldcard\.nat\.gov\.tw/\S*", good)
    broken = good[: link.start()] + link[0].replace("https://", "http://", 1) + good[link.end():]
    path.write_text(broken, encoding="utf-8")
    line = broken[: link.start()].count("\n") + 1  # the link made http://, not a comment that names one
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # As `make serve` runs it: live reload, not strict.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in server.stdout] + [lines.put(None)], daemon=True).start()
    seen: list[str] = []
    try:
        wait_for(lines, rf"{re.escape(EXTEND)}:{line}:\d+: the link http://goldcard", seen)
        wait_for(lines, r"Serving on http://127\.0\.0\.1", seen)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/guides/extend/", timeout=30) as response:
            assert response.status == 200
        edit(path, good)
        before = len(seen)
        wait_for(lines, r"Building documentation", seen)
        wait_for(lines, BUILT, seen)
        assert not any("WARNING" in x for x in seen[before:]), "".join(seen[before:])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/guides/extend/", timeout=30) as response:
            assert response.status == 200

        # A file that does not load: one line with its place, the last good site still served, then fixed.
        edit(path, good.replace("\nslug: extend\n", "\nslug: extend\nslug: again\n", 1))
        slug_line = line_of(good, "\nslug: extend\n") + 2
        wait_for(lines, rf"WARNING +- +{re.escape(EXTEND)}:{slug_line}:1: YAML syntax: the key 'slug' appears twice", seen)
        wait_for(lines, BUILT, seen)
        assert not any("Traceback" in x for x in seen)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/guides/extend/", timeout=30) as response:
            assert response.status == 200
        edit(path, good)
        before = len(seen)
        wait_for(lines, r"Building documentation", seen)
        wait_for(lines, BUILT, seen)
        assert not any("WARNING" in x or "ERROR" in x for x in seen[before:]), "".join(seen[before:])

        # The preview watches MkDocs' own paths too (hooks/preview.py makes their watcher anew): a page's
        # Markdown saved in docs/ is built and served.
        glossary = project / "docs" / "glossary.md"
        edit(glossary, glossary.read_text(encoding="utf-8") + "\nPreview-watch-check.\n")
        wait_for(lines, r"Building documentation", seen)
        wait_for(lines, BUILT, seen)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/glossary/", timeout=30) as response:
            assert "Preview-watch-check." in response.read().decode("utf-8")
        assert server.poll() is None, "mkdocs serve stopped"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
