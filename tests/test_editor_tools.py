"""The editors' tools: import-tango on the five sources (and its defect report), new-guide on a copy of the
project (it builds and shows in both languages' navigation at once), i18n-status, and --help for each."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldcard.checks import check_project, read_config
from goldcard.load import load_model
from goldcard.model import Guide
from goldcard.scaffold import PLACEHOLDER_OPENINGS, PLACEHOLDERS

from conftest import ROOT, build_site, copy_project

SOURCES = Path("/work/shared/sources") if Path("/work/shared/sources").is_dir() else ROOT.parent / "shared" / "sources"
SOURCE = {
    "apply": "000_800ac3f0af354857.txt",
    "track-and-collect": "004_e1783e5fe41f3a22.txt",
    "supplement": "001_c921ff019332ae37.txt",
    "update-details": "003_7726a704017afde1.txt",
    "extend": "002_e99c191038a09f0f.txt",
}
SCRIPTS = ["check.py", "new_guide.py", "import_tango.py", "i18n_status.py"]


def script(name: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_tool_explains_itself(name):
    result = script(name, "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage:"), result.stderr


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_tool_runs_directly_with_the_projects_python(name):
    # Started as `scripts/<name>`, whatever python3 is first on the PATH: the tool re-runs itself with .venv's.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    result = subprocess.run([str(ROOT / "scripts" / name), "--help"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("usage:"), result.stderr


# ------------------------------------------------------------------------------------------------ import-tango


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Every source imported into a folder; the report printed for each."""
    out = tmp_path_factory.mktemp("imported")
    reports = {}
    for slug, name in SOURCE.items():
        result = script("import_tango.py", str(SOURCES / name), "--slug", slug, "--out", str(out / f"{slug}.yaml"),
                        "--date", "2026-01-01")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        reports[slug] = result.stdout
    return out, reports


@pytest.mark.parametrize("slug,steps,sections", [
    ("apply", 22, [5, 5, 12]), ("track-and-collect", 7, [4, 3]), ("supplement", 13, [6, 7]),
    ("update-details", 12, [12]), ("extend", 16, [16]),
])
def test_all_five_sources_import_as_guides_with_chinese_filled_in(imported, slug, steps, sections):
    out, _ = imported
    guide, _ = load_model(out / f"{slug}.yaml", Guide)
    assert guide.slug == slug and guide.source_file == SOURCE[slug]
    assert [len(section.steps) for section in guide.sections] == sections
    assert sum(sections) == steps
    every_step = [step for section in guide.sections for step in section.steps]
    assert all(step.title.zh.strip() and step.title.en == "" for step in every_step)
    assert guide.title.zh.strip() and guide.title.en == ""
    assert (out / f"{slug}.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/guide.schema.json")


def report_lines(imported, slug: str) -> list[str]:
    return imported[1][slug].splitlines()


def has(lines: list[str], source: str, line: int | None, *words: str) -> bool:
    prefix = f"{SOURCES / source}:{line}:" if line is not None else f"{SOURCES / source}:"
    return any(x.startswith(prefix) and all(w in x for w in words) for x in lines)


def test_the_apply_report_names_its_lost_steps_and_counts(imported):
    lines, source = report_lines(imported, "apply"), SOURCE["apply"]
    assert has(lines, source, None, "the source declares 23 steps; 22 found")
    assert has(lines, source, 406, "STEP 17 has lost its heading", "申請表第四個頁籤：居留申請")
    assert has(lines, source, 454, "STEP 19 is missing", "between STEP 18", "and STEP 20")
    assert has(lines, source, 314, "gold-card.nat.gov.tw", "did you mean goldcard.nat.gov.tw?")
    assert has(lines, source, 410, "gold-card.nat.gov.tw")


def test_the_extend_report_names_its_lost_heading_and_bad_links(imported):
    lines, source = report_lines(imported, "extend"), SOURCE["extend"]
    assert has(lines, source, 262, "STEP 12 has lost its heading", "居留申請頁籤")
    assert has(lines, source, 5, "the link [此檔](#) has no target")
    assert has(lines, source, 13, "the link http://goldcard.nat.gov.tw uses http://", "write https://goldcard.nat.gov.tw")
    assert has(lines, source, 37, "bare host name", "[coa.immigration.gov.tw](http://coa.immigration.gov.tw)")
    assert has(lines, source, 324, "gold-card.nat.gov.tw, which is not the right host")
    assert not any("declares" in x for x in lines[1:])  # 16 declared, 16 found (STEP 12 kept, without its heading)


def test_the_other_reports_name_their_defects(imported):
    track = report_lines(imported, "track-and-collect")
    assert has(track, SOURCE["track-and-collect"], 28, "steps are referred to by number", "1-5")
    update = report_lines(imported, "update-details")
    assert has(update, SOURCE["update-details"], 19, "gold-card.nat.gov.tw", "did you mean goldcard.nat.gov.tw?")
    assert has(update, SOURCE["update-details"], 21, "gold-card.nat.gov.tw")
    assert has(update, SOURCE["update-details"], None, "the source gives no creation date")
    supplement = report_lines(imported, "supplement")
    assert has(supplement, SOURCE["supplement"], None, "no creation date")
    for slug in SOURCE:
        assert report_lines(imported, slug)[0].startswith(f"{SOURCES / SOURCE[slug]}: guide "), slug


def test_an_imported_guide_leaves_the_english_to_validation(imported, tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    text = (imported[0] / "extend.yaml").read_text(encoding="utf-8")
    text = text.replace("number: 7\n", "number: 97\n").replace("slug: extend\n", "slug: extend-imported\n")
    text = text.replace("{guide: extend,", "{guide: extend-imported,")
    (project / "data" / "guides" / "97-extend-imported.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    problems = [str(p) for p in check_project(read_config(project / "mkdocs.yml"))]
    imported_file = "data/guides/97-extend-imported.yaml"
    assert problems and all(p.startswith(imported_file) for p in problems), problems
    assert sum("the English text is empty" in p for p in problems) > 30
    assert any("uses http://" in p for p in problems)
    assert any("「線上申請」 has no glossary entry; did you mean 「線上申辦」" in p for p in problems)


def test_import_refuses_to_overwrite_and_reports_a_file_that_is_not_an_export(tmp_path):
    out = tmp_path / "guide.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = script("import_tango.py", str(SOURCES / SOURCE["extend"]), "--out", str(out))
    assert result.returncode == 2 and "not overwritten" in result.stderr and out.read_text() == "keep me"
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n", encoding="utf-8")
    result = script("import_tango.py", str(junk), "--report-only")
    assert result.returncode == 2 and "cannot import" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------------------------ new-guide


class NavLinks(HTMLParser):
    """The links of the primary navigation of a built page."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (attrs.get("class") or ""):
            self.depth = 1
        elif self.depth and tag == "nav":
            self.depth += 1
        elif self.depth and tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.depth and tag == "nav":
            self.depth -= 1


def nav_links(page: Path) -> list[str]:
    parser = NavLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_a_new_guide_builds_and_is_in_both_languages_navigation_at_once(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    result = script("new_guide.py", "replace-card", "--number", "8", "--title-zh", "補發申請教學",
                    "--title-en", "Replacing your Gold Card", "--login", "--date", "2026-02-01", "--root", str(project))
    assert result.returncode == 0, result.stderr
    for name in ("data/guides/08-replace-card.yaml", "docs/guides/replace-card.md", "docs/guides/replace-card.en.md"):
        assert (project / name).exists(), name
    assert "      - guides/replace-card.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    assert check_project(read_config(project / "mkdocs.yml")) == []

    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    # The strict build passes, and says what is left to write (make check lists the same: the test below).
    assert "08-replace-card.yaml" in built.stderr and "left to write" in built.stderr, built.stderr
    zh, en = tmp_path / "site" / "guides" / "replace-card" / "index.html", tmp_path / "site" / "en" / "guides" / "replace-card" / "index.html"
    assert "補發申請教學" in zh.read_text(encoding="utf-8") and "Replacing your Gold Card" in en.read_text(encoding="utf-8")
    assert 'data-guide="replace-card"' in en.read_text(encoding="utf-8")
    home_zh, home_en = tmp_path / "site" / "index.html", tmp_path / "site" / "en" / "index.html"
    assert "guides/replace-card/" in nav_links(home_zh)
    assert "guides/replace-card/" in nav_links(home_en)
    # In series order: after the extend guide (7).
    links = [link for link in nav_links(home_en) if link.startswith("guides/")]
    assert links.index("guides/replace-card/") == links.index("guides/extend/") + 1


def test_new_guide_refuses_a_slug_or_number_that_is_taken(tmp_path):
    project = copy_project(tmp_path / "project")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = script("new_guide.py", "extend", "--number", "9", "--title-zh", "重複", "--title-en", "Again",
                    "--root", str(project))
    assert result.returncode == 2 and "exists already" in result.stderr
    result = script("new_guide.py", "new-one", "--number", "7", "--title-zh", "重複", "--title-en", "Again",
                    "--root", str(project))
    assert result.returncode == 2 and "guide number 7 is taken by 'extend'" in result.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (project / "docs" / "guides" / "new-one.md").exists()


# ------------------------------------------------------------------------------------------------ i18n-status


def test_i18n_status_on_the_real_data_lists_every_file():
    result = script("i18n_status.py", "--summary")
    assert result.returncode == 0, result.stderr
    for slug in SOURCE:
        assert any(line.startswith(f"guide {slug} (") for line in result.stdout.splitlines()), result.stdout


def test_i18n_status_lists_untranslated_texts_per_guide_with_their_lines(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "guides" / "07-extend.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  en: Extending your Gold Card\n", "  en: ''\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("  en: ''\n")].count("\n") + 1
    result = script("i18n_status.py", "extend", "--data", str(project / "data"), cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("guide extend (data/guides/07-extend.yaml): 1 of ") and "lack a translation" in lines[0]
    assert lines[1].strip().startswith(f"data/guides/07-extend.yaml:{line}:7: the English text is empty")
    assert len(lines) == 2


def test_make_check_lists_a_new_guides_placeholders_until_they_are_written(tmp_path):
    project = copy_project(tmp_path / "project")
    created = script("new_guide.py", "replace-card", "--number", "8", "--title-zh", "補發申請教學",
                     "--title-en", "Replacing your Gold Card", "--date", "2026-02-01", "--root", str(project))
    assert created.returncode == 0, created.stderr
    data = project / "data" / "guides" / "08-replace-card.yaml"
    lines = data.read_text(encoding="utf-8").splitlines()
    checked = script("check.py", "--config", str(project / "mkdocs.yml"), cwd=project)
    # Left to write, not wrong: listed with file:line, and the check still passes (the guide builds).
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = [line for line in checked.stdout.splitlines() if "left to write" in line]
    assert len(listed) == 6, checked.stdout  # summary, step title, step body; each in both languages
    for line in listed:
        match = re.match(r"data/guides/08-replace-card\.yaml:(\d+):(\d+): left to write: the (Chinese|English) text", line)
        assert match, line
        key = "zh:" if match[3] == "Chinese" else "en:"
        assert lines[int(match[1]) - 1].strip().startswith(key), (line, lines[int(match[1]) - 1])
    assert "6 text(s) left to write in new guides" in checked.stderr

    written = data.read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        written = written.replace(placeholder, "補發金卡" if re.search(r"[\u4e00-\u9fff]", placeholder) else "Replace the card")
    data.write_text(written, encoding="utf-8")
    checked = script("check.py", "--config", str(project / "mkdocs.yml"), cwd=project)
    assert checked.returncode == 0 and "left to write" not in checked.stdout, checked.stdout + checked.stderr


def test_every_placeholder_begins_with_words_the_quick_search_looks_for():
    assert all(text.startswith(PLACEHOLDER_OPENINGS) for text in PLACEHOLDERS)
