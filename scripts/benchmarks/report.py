"""The benchmark's table: one row per measure, with the figure, what it is compared with, the ratio, the
target and whether it is met; as Markdown for the terminal and the README, and the raw results as JSON."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

README_START = "<!-- bench:table:start -->"
README_END = "<!-- bench:table:end -->"


@dataclass
class Row:
    measure: str
    value: str
    against: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""  # "ok", "MISS", "n/a" or "" for figures without a target

    @staticmethod
    def met(ok: bool) -> str:
        return "ok" if ok else "MISS"


HEADER = ("measure", "this site", "compared with", "ratio", "target", "met")


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = (row.measure, row.value, row.against, row.ratio, row.target, row.verdict)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def kilobytes(value: float) -> str:
    return f"{value / 1000:.1f} KB"


def ratio(value: float) -> str:
    return f"{value:.2f}×"


def write_results(out_dir: Path, rows: list[Row], results: dict, notes: list[str]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "latest.json"
    json_path.write_text(json.dumps({**results, "table": [asdict(row) for row in rows], "notes": notes},
                                    ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path = out_dir / "latest.md"
    md_path.write_text(readme_block(rows, results, notes) + "\n", encoding="utf-8")
    return json_path, md_path


def readme_block(rows: list[Row], results: dict, notes: list[str]) -> str:
    machine = results.get("machine", {})
    heading = (f"Measured {results.get('date', '')} at commit {results.get('commit', '?')} on "
               f"{machine.get('cpus', '?')} CPUs, Python {machine.get('python', '?')}, mkdocs "
               f"{machine.get('mkdocs', '?')}, Material {machine.get('material', '?')}.")
    parts = [heading, "", markdown_table(rows)]
    if notes:
        parts += [""] + [f"- {note}" for note in notes]
    return "\n".join(parts)


def update_readme(readme: Path, block: str) -> bool:
    """Replace the table between the README's bench markers; False if the markers are not there."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        return False
    replacement = f"{README_START}\n{block}\n{README_END}"
    readme.write_text(pattern.sub(lambda _: replacement, text), encoding="utf-8")
    return True
