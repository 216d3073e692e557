"""The checks beside a build (goldcard/checks/beside.py): in a child process they report what they report in
place, in the same order; what breaks in the child is told, not lost; beside another thread they run in place.

Each case runs in a Python of its own, with no thread but its main one, as `mkdocs build` is: a test process
may have others (Playwright's), beside which the checks rightly do not fork.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, checks_project

EXTEND = "data/guides/07-extend.yaml"

# Prints, as JSON, whether the checks ran in a child, and their report or the error that `report()` raised.
# `HOW` replaces check_report before the fork, in the process the child copies.
CASE = """
import json, os, sys, threading
from pathlib import Path
from goldcard.checks import beside, read_config

def broken(config):
    raise ValueError("a bug in a check")

HOW = {"as they are": beside.check_report, "broken": broken, "stopped": lambda config: os._exit(3)}[sys.argv[2]]
beside.check_report = HOW
release = threading.Event()
if sys.argv[3] == "with a thread":
    threading.Thread(target=release.wait).start()
if sys.argv[3] == "no process to spare":
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")
    os.fork = no_fork
checks = beside.ChecksBeside(read_config(Path(sys.argv[1]) / "mkdocs.yml"))
release.set()
try:
    report = checks.report()
    print(json.dumps({"in_child": checks.in_child, "problems": report.problems, "notices": report.notices}))
except beside.ChecksFailed as error:
    print(json.dumps({"in_child": checks.in_child, "failed": str(error)}))
"""


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    text = (ROOT / EXTEND).read_text(encoding="utf-8")
    assert "https://goldcard.nat.gov.tw" in text
    return checks_project(tmp_path_factory.mktemp("beside") / "project",
                          {EXTEND: text.replace("https://goldcard.nat.gov.tw", "http://goldcard.nat.gov.tw", 1)})


def run_case(project, how: str, threads: str = "alone") -> dict:
    result = subprocess.run([sys.executable, "-c", CASE, str(project), how, threads], capture_output=True,
                            text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def in_place(project) -> dict:
    from goldcard.checks import read_config
    from goldcard.checks.beside import check_report

    report = check_report(read_config(project / "mkdocs.yml"))
    return {"problems": list(report.problems), "notices": list(report.notices)}


def test_in_a_child_process_the_checks_report_what_they_report_in_place(broken_project):
    case = run_case(broken_project, "as they are")
    assert case.pop("in_child") is True
    assert case == in_place(broken_project)
    assert [p for p in case["problems"] if f"{EXTEND}:" in p and "the link http://goldcard" in p], case["problems"]


def test_a_check_that_breaks_in_the_child_is_told_with_its_traceback(broken_project):
    case = run_case(broken_project, "broken")
    assert case["in_child"] is True
    assert "Traceback" in case["failed"] and "ValueError: a bug in a check" in case["failed"]


def test_a_child_that_stops_without_a_report_is_told_with_its_exit_status(broken_project):
    case = run_case(broken_project, "stopped")
    assert case["in_child"] is True
    assert "without a report (exit status 3)" in case["failed"]


def test_beside_another_thread_the_checks_run_in_place_with_the_same_report(broken_project):
    case = run_case(broken_project, "as they are", "with a thread")
    assert case.pop("in_child") is False
    assert case == in_place(broken_project)


def test_where_no_process_can_be_started_the_checks_run_in_place_with_the_same_report(broken_project):
    case = run_case(broken_project, "as they are", "no process to spare")
    assert case.pop("in_child") is False
    assert case == in_place(broken_project)
