"""A preview's rebuild (`make serve`) reuses what the build before it made (hooks/preview.py, hooks/search.py,
the checks' caches), and gives the same site as a build from scratch."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site, copy_project

GUIDE = "data/guides/07-extend.yaml"
TEMPLATE = "overrides/main.html"
DICTIONARY = "data/jieba_user_dict.txt"


def rebuild(tmp_path: Path, project: Path, edits: dict[str, str]) -> dict[str, dict[str, int]]:
    """Build `project` into first/, edit it, build it again in the same process into second/ (tests/rebuilds.py);
    how much each build segmented and compiled."""
    edits_file = tmp_path / "edits.json"
    edits_file.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "rebuilds.py"), str(project), str(tmp_path / "first"),
                          str(tmp_path / "second"), str(edits_file)], cwd=project, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def edited_summary(guide: str) -> str:
    """The guide with its English summary changed, as an editor changes it (its Chinese, reviewed, stays)."""
    edited = guide.replace("  en: Apply online to extend", "  en: Preview test. Apply online to extend", 1)
    assert edited != guide
    return edited


def differing_files(a: Path, b: Path) -> list[str]:
    names = sorted({p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()})
    return [name for name in names
            if not ((a / name).is_file() and (b / name).is_file() and filecmp.cmp(a / name, b / name, shallow=False))]


def test_a_rebuild_after_edits_is_the_site_a_fresh_build_makes(tmp_path):
    project = copy_project(tmp_path / "project")
    guide = (project / GUIDE).read_text(encoding="utf-8")
    template = (project / TEMPLATE).read_text(encoding="utf-8")
    dictionary = (project / DICTIONARY).read_text(encoding="utf-8")
    assert "金卡到期" in guide and "金卡到期" not in dictionary
    edits = {
        GUIDE: edited_summary(guide),
        # A template override: its compiled form from the first build must not be reused.
        TEMPLATE: template.replace('<meta name="referrer" content="no-referrer">',
                                   '<meta name="referrer" content="no-referrer"><!-- preview test -->', 1),
        # The segmenter's dictionary: the first build's cuts must not be reused.
        DICTIONARY: dictionary + "金卡到期 10 n\n",
    }
    assert edits[TEMPLATE] != template
    counts = rebuild(tmp_path, project, edits)

    fresh = build_site(project, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert differing_files(tmp_path / "second", tmp_path / "fresh") == []
    # The edits show (so the comparison compares something), and the dictionary's change reached the index.
    assert "Preview test. Apply" in (tmp_path / "second" / "en" / "guides" / "extend" / "index.html").read_text(encoding="utf-8")
    assert "<!-- preview test -->" in (tmp_path / "second" / "index.html").read_text(encoding="utf-8")
    first_index = (tmp_path / "first" / "search" / "search_index.json").read_text(encoding="utf-8")
    second_index = (tmp_path / "second" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\u200b金卡到期\u200b" not in first_index and "\u200b金卡到期\u200b" in second_index

    # With the dictionary changed, the second build cuts everything again; with a template changed, it converts
    # the Markdown of no more pages than the data edit alone does (the conversion knows no template).
    assert counts["second"]["cuts"] >= counts["first"]["cuts"] * 0.9, counts
    assert counts["second"]["conversions"] == 2, counts


def test_a_rebuild_after_a_data_edit_reuses_the_cuts_and_the_templates(tmp_path):
    project = copy_project(tmp_path / "project")
    guide = (project / GUIDE).read_text(encoding="utf-8")
    counts = rebuild(tmp_path, project, {GUIDE: edited_summary(guide)})
    # Only the texts holding the edited summary are cut again (the home page's and the guide page's).
    assert counts["second"]["cuts"] < counts["first"]["cuts"] * 0.1, counts
    # The first build compiles the theme's ~40 templates; the second, a few (Material's language partials)
    # that the cache of hooks/preview.py does not reach.
    assert counts["second"]["compiles"] < counts["first"]["compiles"] * 0.1, counts
    # Of the pages, only those whose Markdown the edit changed are converted again: the English guide page and
    # the English home page, which lists the guide with its summary.
    assert counts["first"]["conversions"] > 10 and counts["second"]["conversions"] == 2, counts
    assert "Preview test. Apply" in (tmp_path / "second" / "en" / "guides" / "extend" / "index.html").read_text(encoding="utf-8")
