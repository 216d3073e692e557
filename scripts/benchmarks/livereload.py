"""Live-reload latency for an editor: save a guide's data file under `mkdocs serve` and time until the served
page shows the change."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .measure import median
from .projects import yaml_rt
from .serve import free_port

# What `mkdocs serve` prints once a rebuild is served. Not "Documentation built in 0.52 seconds": MkDocs drops
# a log line equal to the one before it, so two builds of the same duration print it once.
BUILT = "Reloading browsers"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, timeout: float, interval: float = 0.05) -> float | None:  # noqa: ANN001
    """Seconds until condition() is true, or None after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def edit_summary(path: Path, marker: str) -> None:
    """What an editor does: change the Chinese summary of a guide and save the file."""
    yaml = yaml_rt()
    raw = yaml.load(path.read_text(encoding="utf-8"))
    raw["summary"]["zh"] = f"{str(raw['summary']['zh']).strip()} {marker}"
    buffer = io.StringIO()
    yaml.dump(raw, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def reload_latency(project: Path, env: dict[str, str], edits: int = 3, timeout: float = 120) -> dict:
    """Median seconds from saving a guide's data file to the rebuilt page being served, over `edits` saves."""
    data_file = sorted((project / "data" / "guides").glob("*.yaml"))[0]
    slug = yaml_rt().load(data_file.read_text(encoding="utf-8"))["slug"]
    port = free_port()
    page = f"http://127.0.0.1:{port}/guides/{slug}/"
    with tempfile.TemporaryFile() as log:
        # The command of `make serve`, on a port of its own.
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)

        def builds() -> int:
            log.seek(0)
            return log.read().decode("utf-8", "replace").count(BUILT)

        try:
            if wait_for(lambda: fetch(page) is not None, 300, 0.5) is None:
                log.seek(0)
                raise RuntimeError(f"mkdocs serve did not serve {page}:\n{log.read().decode()[-2000:]}")
            latencies: list[float] = []
            for edit in range(edits):
                marker = f"benchmark-edit-{edit}-{time.time_ns()}"
                done = builds()
                edit_summary(data_file, marker)
                seconds = wait_for(lambda: marker in (fetch(page) or ""), timeout)
                if seconds is None:
                    return {"seconds": None, "runs": latencies, "page": f"/guides/{slug}/",
                            "error": f"the page did not change within {timeout:.0f} s of saving "
                                     f"{data_file.relative_to(project)} (is data/ watched?)"}
                latencies.append(seconds)
                wait_for(lambda: builds() > done, timeout)  # let the build finish before the next save
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return {"seconds": median(latencies), "runs": latencies, "page": f"/guides/{slug}/",
            "file": str(data_file.relative_to(project))}
