"""Run one command in a fresh process and measure it: wall time and the peak memory of that process alone."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child: less disturbed by other work on a busy machine
    peak_mb: float  # maximum resident set size of the child, from wait4's rusage
    returncode: int
    output: str  # the end of stdout and stderr, for error messages

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 1800) -> Run:
    """One command, one fresh process; its own rusage (not the sum over all children) gives its peak memory."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_mb, process.returncode, output[-4000:])


def mkdocs_build(project: Path, out: Path, env: dict[str, str]) -> list[str]:
    """The command of `make build`, for a project copy and an output folder of the benchmark's choosing."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
            "-f", str(project / "mkdocs.yml"), "-d", str(out)]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class CommandFailed(RuntimeError):
    def __init__(self, what: str, run: Run):
        super().__init__(f"{what} failed (exit {run.returncode}):\n{run.output}")
