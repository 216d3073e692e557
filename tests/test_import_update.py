"""scripts/import_tango.py EXPORT --update GUIDE: a new export of a guide merged into its data file, tried with a
changed copy of a real export (a step removed, two changed, one added, one renumbered, one that lost its heading)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
import subprocess
import sys
from pathlib import Path

from goldcard.checks import check_project, read_config
from goldcard.load import load_model, read_yaml
from goldcard.model import SLUG, Guide, Include, Step
from goldcard.tango import parse
from goldcard.tango_update import export_steps, match

from conftest import ROOT, copy_project

SOURCES = Path("/work/shared/sources") if Path("/work/shared/sources").is_dir() else ROOT.parent / "shared" / "sources"
EXTEND = SOURCES / "002_e99c191038a09f0f.txt"  # guide 7, extend: the login steps are an `include: login`
GUIDE = ROOT / "data" / "guides" / "07-extend.yaml"

OLD_BODY_8 = "頁面顯示「系統使用聲明事項(就業金卡部分)」視窗，勾選「同意上述條款，請打勾。」後，點「確定」鈕，即進入就業金卡延期申請畫面。"
# The changed texts name only labels the glossary has, so that the checks ask for nothing but the translation.
NEW_BODY_8 = "頁面顯示「系統使用聲明事項(就業金卡部分)」視窗，請詳閱條款內容，勾選「同意上述條款，請打勾。」後點「確定」，進入延期申請畫面。"
NEW_TITLE_10 = "填寫或修改延期申請所需資料"
ADDED_TITLE = "確認您的電子郵件信箱"
ADDED_BODY = "系統會請您確認註冊的電子郵件信箱是否正確。若信箱已變更，請先至「帳號維護」修改後再繼續。"


def script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "import_tango.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def changed_export(tmp_path: Path) -> Path:
    """The extend export as the tool might export it next: STEP 8's instructions and STEP 10's title changed,
    a new step after STEP 9 (so the steps after it are renumbered), STEP 14 gone, STEP 13 without its heading
    (as STEP 12 already is), a later update date."""
    text = EXTEND.read_text(encoding="utf-8")
    for old in (OLD_BODY_8, "### 填寫延期申請所需資料\n", "Jan 27, 2026", "## STEP 13\n\n### 領域專長頁籤\n"):
        assert text.count(old) == 1, old
    text = text.replace(OLD_BODY_8, NEW_BODY_8).replace("### 填寫延期申請所需資料\n", f"### {NEW_TITLE_10}\n")
    text = text.replace("Jan 27, 2026", "Nov 30, 2026")
    start, end = text.index("## STEP 14\n"), text.index("## STEP 15\n")
    text = text[:start] + text[end:]  # STEP 14 (文件上傳及送出) removed
    text = text.replace("## STEP 13\n\n### 領域專長頁籤\n", "### 領域專長頁籤\n")  # its heading lost
    text = text.replace("## STEP 11\n", "## STEP 12\n").replace("## STEP 10\n", "## STEP 11\n")
    text = text.replace("## STEP 11\n", f"## STEP 10\n\n### {ADDED_TITLE}\n\n{ADDED_BODY}\n\n## STEP 11\n")
    out = tmp_path / "extend-2026-11-30.txt"
    out.write_text(text, encoding="utf-8")
    return out


def steps_of(path: Path) -> list[Step | Include]:
    guide, _ = load_model(path, Guide)
    return [item for section in guide.sections for item in section.steps]


def step(path: Path, step_id: str) -> Step:
    return next(item for item in steps_of(path) if isinstance(item, Step) and item.id == step_id)


def comments(text: str) -> list[str]:
    """Every comment of a YAML file: whole comment lines, and comments after a value."""
    found = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            found.append(line.strip())
        elif (after := re.search(r"\s(#\s.*)$", line)) is not None:
            found.append(after[1])
    return found


def test_a_new_export_is_merged_into_its_guide(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    target = project / "data" / "guides" / "07-extend.yaml"
    before = target.read_text(encoding="utf-8")
    export = changed_export(tmp_path)
    shown = script(str(export), "--update", str(target), "--previous", str(EXTEND), "--report-only")
    assert shown.returncode == 0 and "not written (--report-only)" in shown.stdout, shown.stdout + shown.stderr
    assert target.read_text(encoding="utf-8") == before
    result = script(str(export), "--update", str(target), "--previous", str(EXTEND))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr
    report = result.stdout
    assert "2 step(s) changed, 1 added, 1 removed" in report and "2 step(s) changed, 1 added, 1 removed" in shown.stdout
    # The source's defects are listed as the import lists them (here: the two steps that lost their heading).
    assert re.search(r"extend-2026-11-30.txt:\d+:1: STEP 14 has lost its heading: “領域專長頁籤”", report), report
    after = target.read_text(encoding="utf-8")
    old, new = {s.id: s for s in steps_of(GUIDE) if isinstance(s, Step)}, steps_of(target)

    # The two changed steps: the export's new Chinese, their English and ids as they were.
    terms = step(target, "accept-terms")
    assert terms.body.zh == NEW_BODY_8 and terms.body.en == old["accept-terms"].body.en
    assert terms.title == old["accept-terms"].title and terms.notes == old["accept-terms"].notes
    basic = step(target, "fill-basic-data")
    assert basic.title.zh == NEW_TITLE_10 and basic.title.en == old["fill-basic-data"].title.en
    assert basic.body == old["fill-basic-data"].body
    for step_id in ("accept-terms", "fill-basic-data"):
        line = next(line for line in report.splitlines() if line.startswith(f"changed: `{step_id}`"))
        assert "English must be reviewed" in line

    # The added step: at the export's place (after STEP 9's step, before STEP 11's), English empty, a fresh id.
    ids = [item.id for item in new if isinstance(item, Step)]
    added = new[ids.index("look-up-card") + 1 + 1]  # +1: the include is the first item of `new`
    assert isinstance(added, Step) and added.title.zh == ADDED_TITLE and added.body.zh == ADDED_BODY
    assert added.title.en == "" and added.body.en == ""
    assert added.id not in old and re.fullmatch(SLUG, added.id) and ids.count(added.id) == 1
    assert ids[ids.index(added.id) + 1] == "fill-basic-data"
    assert f"added: `{added.id}`" in report

    # The removed step is gone, and all its English is in the report.
    assert "upload-and-submit" not in ids and "removed: `upload-and-submit`" in report
    gone = old["upload-and-submit"]
    for english in (gone.title.en, gone.body.en, gone.notes[0].title.en, gone.notes[0].text.en, gone.screen.en):
        assert english in report

    # Renumbered steps, and one that lost its heading in the new export, are the same steps, unchanged.
    for step_id, number in (("passport-data", 12), ("residence-application", 13), ("field-of-expertise", 14)):
        assert step(target, step_id).model_dump(exclude={"source"}) == old[step_id].model_dump(exclude={"source"})
        assert step(target, step_id).source.step == number
    assert [i for i in ids if i != added.id] == [i for i in old if i != "upload-and-submit"]

    # The login steps stay the include; the dates and the source file are the export's; every comment is kept.
    assert new[0] == Include(include="login")
    guide, _ = load_model(target, Guide)
    assert str(guide.updated) == "2026-11-30" and guide.source_file == export.name
    assert str(guide.created) == "2024-07-03"
    kept = comments(after)
    assert all(kept.count(line) >= comments(before).count(line) for line in comments(before))
    # in order; a removed step's comments (its sketch's too) stay where it was, under a line that says so
    assert [line.strip() for line in before.splitlines() if line.lstrip().startswith("#")] == \
        [line.strip() for line in after.splitlines() if line.lstrip().startswith("#")
         and "import_tango.py --update removed the step `upload-and-submit`" not in line]

    # The checks ask only for the new step's English (and, once the English remembers its Chinese, for a review
    # of the two changed steps' English).
    monkeypatch.chdir(project)
    problems = [str(p) for p in check_project(read_config(project / "mkdocs.yml"))]
    assert problems and all(p.startswith("data/guides/07-extend.yaml:") for p in problems), problems
    empty = [p for p in problems if "the English text is empty" in p]
    assert len(empty) == 2 and all("out of date" in p for p in problems if p not in empty), problems

    # The same export again: nothing left to merge (its previous export is now itself, found beside it).
    again = script(str(export), "--update", str(target))
    assert again.returncode == 0 and "unchanged" in again.stdout, again.stdout + again.stderr
    assert target.read_text(encoding="utf-8") == after


def test_the_export_a_guide_was_made_from_changes_nothing(tmp_path):
    for name, guide in (("002_e99c191038a09f0f.txt", "07-extend.yaml"), ("000_800ac3f0af354857.txt", "02-apply.yaml"),
                        ("001_c921ff019332ae37.txt", "05-supplement.yaml")):
        target = tmp_path / guide
        shutil.copy(ROOT / "data" / "guides" / guide, target)
        result = script(str(SOURCES / name), "--update", str(target))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 step(s) changed, 0 added, 0 removed" in result.stdout and "unchanged" in result.stdout
        assert target.read_bytes() == (ROOT / "data" / "guides" / guide).read_bytes()


def test_steps_are_matched_by_content_however_they_moved():
    old = export_steps(parse(EXTEND))
    order = [8, 6, 7] + list(range(9, len(old)))  # STEP 9 moved before STEP 7; the login steps gone
    new = [replace(old[i], number=n) for n, i in enumerate(order, start=1)]  # all renumbered from 1
    new[3] = replace(new[3], lost_heading=True, line=1)
    new[1] = replace(new[1], body=new[1].body.replace("點選", "按下") + "完成後請按「下一頁」。")  # reworded
    assert new[1].content != old[6].content
    assert match(old, new) == dict(enumerate(order))


def test_a_step_the_export_moved_keeps_its_place_in_the_guide(tmp_path):
    text = EXTEND.read_text(encoding="utf-8")
    start, end = text.index("## STEP 14\n"), text.index("## STEP 15\n")
    moved = text[:start] + text[end:] + "\n" + text[start:end]  # STEP 14 now comes last, after STEP 16
    export = tmp_path / "moved.txt"
    export.write_text(moved, encoding="utf-8")
    target = tmp_path / "07-extend.yaml"
    shutil.copy(GUIDE, target)
    result = script(str(export), "--update", str(target), "--previous", str(EXTEND))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 step(s) changed, 0 added, 0 removed" in result.stdout
    assert re.search(r"note: `upload-and-submit` .* the guide keeps its order", result.stdout), result.stdout
    assert [s.id for s in steps_of(target) if isinstance(s, Step)] == [s.id for s in steps_of(GUIDE) if isinstance(s, Step)]


def test_a_removed_steps_comments_stay_in_the_file(tmp_path):
    text = EXTEND.read_text(encoding="utf-8")
    start, end = text.index("## 居留申請頁籤\n"), text.index("## STEP 13\n")  # the step that lost its heading
    export = tmp_path / "without-residence.txt"
    export.write_text(text[:start] + text[end:], encoding="utf-8")
    target = tmp_path / "07-extend.yaml"
    shutil.copy(GUIDE, target)
    result = script(str(export), "--update", str(target), "--previous", str(EXTEND))
    assert result.returncode == 0 and "removed: `residence-application`" in result.stdout, result.stdout + result.stderr
    assert "residence-application" not in [s.id for s in steps_of(target) if isinstance(s, Step)]
    before, after = GUIDE.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
    assert "the step `residence-application`" in after
    assert all(comments(after).count(line) >= comments(before).count(line) for line in comments(before))


def test_update_explains_what_it_cannot_merge(tmp_path):
    target = tmp_path / "07-extend.yaml"
    shutil.copy(GUIDE, target)
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n", encoding="utf-8")
    unknown = tmp_path / "99-unknown.yaml"
    unknown.write_text(GUIDE.read_text(encoding="utf-8").replace("source_file: 002_e99c191038a09f0f.txt",
                                                                  "source_file: gone.txt"), encoding="utf-8")
    cases = [
        ((str(EXTEND), "--update", str(tmp_path / "missing.yaml")), "no such guide data file"),
        ((str(EXTEND), "--update", str(ROOT / "data" / "shared" / "login.yaml")), "not a guide data file"),
        ((str(junk), "--update", str(target)), "cannot import"),
        ((str(tmp_path / "missing.txt"), "--update", str(target)), "cannot import: No such file"),
        ((str(SOURCES / "001_c921ff019332ae37.txt"), "--update", str(target)), "is the export of guide 5"),
        ((str(EXTEND), "--update", str(unknown)), "gone.txt (its `source_file:`), is in none of"),
    ]
    for args, message in cases:
        result = script(*args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    assert target.read_bytes() == GUIDE.read_bytes()
