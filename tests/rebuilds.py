"""Build a project twice in one process, as `mkdocs serve` rebuilds it after a save, editing files in between.

Run by tests/test_preview.py as `python tests/rebuilds.py PROJECT FIRST_SITE SECOND_SITE EDITS.json`, where the
JSON maps a file of the project to its new text. It prints, as JSON, how much each build segmented, compiled and converted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import jieba
import jinja2
import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

counts = {"cuts": 0, "compiles": 0, "conversions": 0}


def counted(name: str, function):  # noqa: ANN001, ANN202
    def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        counts[name] += 1
        return function(*args, **kwargs)
    return call


def build_once(project: Path, site: Path) -> dict[str, int]:
    counts.update(cuts=0, compiles=0, conversions=0)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` starts
    build(config)
    return dict(counts)


def main() -> None:
    project, first, second, edits = (Path(arg) for arg in sys.argv[1:5])
    os.chdir(project)  # as `mkdocs serve` runs: from the project
    jieba.cut = counted("cuts", jieba.cut)
    jinja2.Environment.compile = counted("compiles", jinja2.Environment.compile)
    markdown.Markdown.convert = counted("conversions", markdown.Markdown.convert)
    before = build_once(project, first)
    for name, text in json.loads(edits.read_text(encoding="utf-8")).items():
        (project / name).write_text(text, encoding="utf-8")
    after = build_once(project, second)
    print(json.dumps({"first": before, "second": after}))


if __name__ == "__main__":
    main()
