"""Lighthouse (the npm package pinned in bench/package.json) against Debian's chromium, mobile settings."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from .weight import CHROMIUM

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
CLI = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM_NODE = (18, 16)


class Unavailable(RuntimeError):
    """Lighthouse cannot run here; the message says what to install."""


def node_version(node: str) -> tuple[int, int]:
    output = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout
    match = re.match(r"v(\d+)\.(\d+)", output.strip())
    return (int(match[1]), int(match[2])) if match else (0, 0)


def ensure_installed() -> str:
    """Path of node, with Lighthouse installed in bench/node_modules from bench/package-lock.json."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise Unavailable("Node.js and npm are not installed: `apt-get install nodejs npm` (Node 18.16 or newer)")
    if node_version(node) < MINIMUM_NODE:
        raise Unavailable(f"Node.js {'.'.join(map(str, node_version(node)))} is too old for Lighthouse 12: "
                          "install Node 18.16 or newer")
    if not Path(CHROMIUM).exists():
        raise Unavailable(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium)")
    if not CLI.exists():
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH_DIR,
                                capture_output=True, text=True, timeout=900)
        if result.returncode != 0 or not CLI.exists():
            raise Unavailable(f"`npm ci` in bench/ failed:\n{result.stderr.strip()[-2000:]}")
    return node


def failing_audits(report: dict, category: str) -> list[dict]:
    """The audits that cost the category points, worst first."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            failing.append({"id": ref["id"], "title": audit["title"], "score": audit["score"],
                            "value": audit.get("displayValue", "")})
    return sorted(failing, key=lambda audit: audit["score"])


def run_lighthouse(url: str, node: str, timeout: float = 300) -> dict:
    """Scores (0-100) for each category and the audits that failed; Lighthouse's default is a mobile device."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        report_path = Path(work) / "report.json"
        command = [
            node, str(CLI), url, "--output=json", f"--output-path={report_path}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": work}
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=work)
        if result.returncode != 0 or not report_path.exists():
            raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not audit {url}: {report['runtimeError'].get('message')}")
    return {
        "scores": {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES},
        "failing": {name: failing_audits(report, name) for name in CATEGORIES},
        "version": report.get("lighthouseVersion"),
        # Lighthouse's measure of this CPU at the time: its simulated phone is 4 times slower than the machine,
        # so a busy machine lowers the performance score.
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
    }


def median_runs(urls: list[str], node: str, runs: int) -> list[dict]:
    """`run_lighthouse` on each url `runs` times, taking the urls in turn so that a busy minute of the machine
    falls on all of them: for each url, each category's median score, and the failing audits of the run whose
    performance score is the median one."""
    results: list[list[dict]] = [[] for _ in urls]
    for _ in range(max(1, runs)):
        for url, found in zip(urls, results):
            found.append(run_lighthouse(url, node))
    medians = []
    for found in results:
        scores = {name: round(statistics.median(r["scores"][name] for r in found)) for name in CATEGORIES}
        middle = sorted(found, key=lambda r: r["scores"]["performance"])[len(found) // 2]
        medians.append({**middle, "scores": scores, "runs": [r["scores"] for r in found],
                        "benchmark_indexes": [r["benchmark_index"] for r in found]})
    return medians
