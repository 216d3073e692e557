"""The GitHub workflow, audited offline: zizmor finds nothing in it, and it is valid by GitHub's workflow schema.

Both tools are the pinned ones of requirements.lock, run from this Python's environment. Neither may reach the
network: zizmor runs `--offline`, check-jsonschema uses its vendored schema, and every proxy variable points at a
closed local port, so a tool that tried to download anything would fail here rather than quietly succeed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent
NO_NETWORK = "http://127.0.0.1:9"  # the discard port: nothing listens there
PINNED = re.compile(r"uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{path}: missing; install the pinned tools with make setup (requirements.lock)"
    return str(path)


def offline_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key.upper() not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN", "NO_PROXY"}}
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[key] = env[key.lower()] = NO_NETWORK
    return env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120)


def describe(finding: dict) -> str:
    """`path:line:column: audit (severity): what`, from zizmor's JSON (format v1)."""
    where = next((loc for loc in finding["locations"] if loc["symbolic"]["kind"] == "Primary"),
                 finding["locations"][0])
    path = where["symbolic"]["key"].get("Local", {}).get("verbatim_path", "?")
    start = where["concrete"]["location"]["start_point"]
    return (f"{path}:{start['row'] + 1}:{start['column'] + 1}: {finding['ident']} "
            f"({finding['determinations']['severity']}): {finding['desc']}; {where['symbolic']['annotation']}")


def test_there_is_a_workflow():
    assert WORKFLOWS, "no workflow in .github/workflows/"


def test_zizmor_offline_finds_nothing():
    # --no-ignores: a finding silenced by a comment in the workflow still counts.
    result = run(tool("zizmor"), "--offline", "--no-ignores", "--format", "json", *map(str, WORKFLOWS))
    assert result.stdout.strip(), f"zizmor wrote nothing (exit {result.returncode}):\n{result.stderr}"
    findings = json.loads(result.stdout)
    assert not findings, f"zizmor: {len(findings)} finding(s):\n" + "\n".join(map(describe, findings))
    assert result.returncode == 0, f"zizmor exited {result.returncode}:\n{result.stderr}"


def test_every_workflow_is_valid_by_githubs_schema():
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", "--output-format", "json",
                 *map(str, WORKFLOWS))
    report = json.loads(result.stdout)
    problems = [f"{error['filename']}: {error['path']}: {error.get('best_match', error)['message']}"
                for error in report["errors"]]
    problems += [f"{error['filename']}: {error['message']}" for error in report.get("parse_errors", [])]
    assert not problems, "check-jsonschema:\n" + "\n".join(problems)
    assert report["status"] == "ok" and result.returncode == 0, result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_names_the_release_its_commit_is(workflow):
    """zizmor asks for a commit; the comment says which release it is, so an update knows where it starts."""
    unnamed = [f"{workflow.name}:{number}: {line.strip()}"
               for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1)
               if re.match(r"\s*(- )?uses:", line) and not PINNED.search(line)]
    assert not unnamed, "not `uses: owner/action@<commit> # vX.Y.Z`:\n" + "\n".join(unnamed)
