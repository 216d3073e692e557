"""Out-of-date English (goldcard/checks/reviewed.py, data/translations.lock): on copies of the project, a changed
Chinese text is reported at its English with what the Chinese was and is, in `make check` and in builds (strict
fails, non-strict only warns); whitespace, reindenting and moving a step are not changes; `i18n_status.py
--reviewed` records a place, a guide, a shared block or the glossary as reviewed, and only that; the lock is
written the same way every time, and today's data is reviewed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from goldcard.checks import check_project, read_config
from goldcard.checks.reviewed import FIX, unreviewed_left
from goldcard.load import load_site
from goldcard.translation_lock import LOCK_NAME, chinese_hash, lock_text, read_lock

from conftest import ROOT, build_site, copy_project

EXTEND = "data/guides/07-extend.yaml"
APPLY = "data/guides/02-apply.yaml"
LOGIN = "data/shared/login.yaml"
GLOSSARY = "data/glossary.yaml"
LOCK = f"data/{LOCK_NAME}"
OUT_OF_DATE = "the English is out of date"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path / "project")
    monkeypatch.chdir(root)  # problems name files relative to the working directory
    return root


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in check_project(read_config(root / "mkdocs.yml"))]


def status(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n_status.py"), *args, "--data", str(root / "data")],
                          cwd=root, capture_output=True, text=True, timeout=300)


def replace(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def english_at(root: Path, name: str, zh_line: str) -> str:
    """`name:line:column` of the English value that follows the (unique) Chinese line `zh_line` of a pair."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    index = lines.index(zh_line)
    for number in range(index + 1, len(lines)):
        match = re.match(r"^( *)en: ?", lines[number])
        if match:
            return f"{name}:{number + 1}:{match.end() + 1}"
    raise AssertionError(f"no en: after {zh_line!r} in {name}")


def out_of_date(found: list[str]) -> list[str]:
    return [problem for problem in found if OUT_OF_DATE in problem]


def expected(place: str, old: str, new: str) -> str:
    return f"{place}: {OUT_OF_DATE}: the Chinese changed from “{old}” to “{new}”; {FIX}"


# ------------------------------------------------------------------------------------------------ today's data


def test_todays_data_is_reviewed_and_its_lock_is_what_the_tool_writes(tmp_path):
    real = read_config(ROOT / "mkdocs.yml")
    assert out_of_date([str(p) for p in check_project(real)]) == []
    assert unreviewed_left(real) == []
    # The committed lock is exactly what `--reviewed data` writes for today's data, from nothing.
    project = copy_project(tmp_path / "project")
    (project / LOCK).unlink()
    result = status(project, "--reviewed", "data")
    assert result.returncode == 0, result.stderr
    assert (project / LOCK).read_bytes() == (ROOT / LOCK).read_bytes()
    assert lock_text(read_lock(ROOT / "data")) == (ROOT / LOCK).read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------ the check


def test_a_changed_chinese_is_reported_at_its_english_with_the_old_and_the_new(project):
    replace(project, EXTEND, "  zh: 延期申請教學\n", "  zh: 展延申請教學\n")
    place = english_at(project, EXTEND, "  zh: 展延申請教學")
    assert problems(project) == [expected(place, "延期申請教學", "展延申請教學")]


def test_a_long_text_is_quoted_around_what_changed(project):
    body = next(line for line in (project / EXTEND).read_text(encoding="utf-8").splitlines()
                if "到期前 4 個月內盡快線上申請" in line)
    replace(project, EXTEND, body + "\n", body.replace("4 個月", "3 個月") + "\n")
    place = english_at(project, EXTEND, body.replace("4 個月", "3 個月"))
    [found] = problems(project)
    match = re.fullmatch(rf"{re.escape(place)}: {OUT_OF_DATE}: the Chinese changed from “(.+)” to “(.+)”; "
                         f"{re.escape(FIX)}", found)
    assert match, found
    old, new = match[1], match[2]
    whole = body.split("zh: ", 1)[1]
    assert len(old) < len(whole) and "…" in old  # short, yet precise: the change itself, and the same around it
    assert "4 個月" in old and new == old.replace("4 個月", "3 個月")
    assert old.strip("…") in whole


def test_whitespace_reindenting_and_moving_a_step_are_not_changes(project):
    before = load_site(project / "data").guide("extend")
    path = project / EXTEND
    text = path.read_text(encoding="utf-8")
    # Whitespace only: a space inside a Chinese title, a Chinese list reflowed onto more lines.
    text = text.replace("  zh: 延期申請教學\n", "  zh: 延期申請 教學 \n", 1)
    assert "                - 在臺設有戶籍者不適用本申請。\n" in text
    text = text.replace("                - 在臺設有戶籍者不適用本申請。\n", "                - 在臺設有戶籍者\n                  不適用本申請。\n", 1)
    # Moving: the logout-countdown step to the middle of the next section.
    start = text.index("      - id: logout-countdown\n")
    end = text.index("  - id: fill-in-extension\n")
    step = text[start:end]
    text = text[:start] + text[end:]
    at = text.index("      - id: look-up-card\n")
    text = text[:at] + step + text[at:]
    # Reindenting: every line of the sections two spaces deeper.
    head, sections = text.split("\nsections:\n", 1)
    text = head + "\nsections:\n" + "".join("  " + line if line.strip() else line for line in sections.splitlines(True))
    path.write_text(text, encoding="utf-8")

    after = load_site(project / "data").guide("extend")
    assert [n.step.id for n in after.steps] != [n.step.id for n in before.steps]  # the step moved
    assert after.guide.title.zh != before.guide.title.zh  # and the Chinese changed, in its whitespace only
    found = problems(project)
    assert out_of_date(found) == [], found
    assert unreviewed_left(read_config(project / "mkdocs.yml")) == []


# ------------------------------------------------------------------------------------------------ --reviewed


def test_reviewed_place_records_that_english_and_only_it(project):
    replace(project, EXTEND, "  zh: 延期申請教學\n", "  zh: 展延申請教學\n")
    replace(project, EXTEND, "          zh: 就業金卡延期申請功能\n", "          zh: 就業金卡展延申請功能\n")
    title = english_at(project, EXTEND, "  zh: 展延申請教學")
    step = english_at(project, EXTEND, "          zh: 就業金卡展延申請功能")
    assert [p.split(": ", 1)[0] for p in problems(project)] == [title, step]

    result = status(project, "--reviewed", step)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{step}: marked reviewed against “就業金卡展延申請功能”")
    assert problems(project) == [expected(title, "延期申請教學", "展延申請教學")]
    entry = read_lock(project / "data")["guides/07-extend.yaml"]["steps/open-extension-form/title"]
    assert (entry.zh, entry.hash) == ("就業金卡展延申請功能", chinese_hash("就業金卡展延申請功能"))

    # The same place again, a place without English, a file that is not there: said plainly, nothing written.
    lock = (project / LOCK).read_bytes()
    line = title.rsplit(":", 1)[0]  # PATH:LINE, without the column, as an editor may type it
    for place, words in ((step, "already reviewed"), (f"{EXTEND}:1", "no English text starts here"),
                         ("data/guides/99-none.yaml:3", "there is no file")):
        again = status(project, "--reviewed", line, place)
        assert again.returncode == 2, again.stdout + again.stderr
        assert words in again.stderr and "nothing recorded" in again.stderr and "Traceback" not in again.stderr
        assert (project / LOCK).read_bytes() == lock
    result = status(project, "--reviewed", line)
    assert result.returncode == 0, result.stderr
    assert problems(project) == []


def test_reviewed_guide_records_the_whole_guide_and_no_other(project):
    replace(project, EXTEND, "  zh: 延期申請教學\n", "  zh: 展延申請教學\n")
    replace(project, EXTEND, "          zh: 就業金卡延期申請功能\n", "          zh: 就業金卡展延申請功能\n")
    apply_title = next(line for line in (project / APPLY).read_text(encoding="utf-8").splitlines()
                       if line.startswith("  zh: "))
    replace(project, APPLY, apply_title + "\n", apply_title + "（新版）\n")
    assert len(out_of_date(problems(project))) == 3

    listed = status(project, "extend", "apply")
    assert listed.returncode == 0, listed.stderr
    heads = [line for line in listed.stdout.splitlines() if not line.startswith("  ")]
    assert heads == ["guide apply (data/guides/02-apply.yaml): 1 English text(s) out of date",
                     "guide extend (data/guides/07-extend.yaml): 2 English text(s) out of date"]
    assert sum(OUT_OF_DATE in line for line in listed.stdout.splitlines()) == 3

    unknown = status(project, "--reviewed", "extnd")
    assert unknown.returncode == 2 and "no guide and no data file" in unknown.stderr and "extend" in unknown.stderr
    assert "Traceback" not in unknown.stderr

    result = status(project, "--reviewed", "extend")
    assert result.returncode == 0, result.stderr
    assert "2 English text(s) marked reviewed" in result.stderr
    assert [p.split(": ", 1)[0] for p in problems(project)] == [english_at(project, APPLY, apply_title + "（新版）")]
    lock = (project / LOCK).read_bytes()
    again = status(project, "--reviewed", "extend")
    assert again.returncode == 0 and "nothing to mark" in again.stderr
    assert (project / LOCK).read_bytes() == lock  # the same lock, byte for byte


def test_shared_blocks_and_the_glossary_are_checked_and_recorded(project):
    replace(project, LOGIN, "      zh: 開啟外國專業人才申辦窗口平臺\n", "      zh: 開啟外國專業人才線上申辦平臺\n")
    explain = next(line for line in (project / GLOSSARY).read_text(encoding="utf-8").splitlines()
                   if line.startswith("      zh: 協助就業金卡申請人的服務單位"))
    replace(project, GLOSSARY, explain + "\n", explain.replace("服務單位", "服務窗口") + "\n")
    login = english_at(project, LOGIN, "      zh: 開啟外國專業人才線上申辦平臺")
    term = english_at(project, GLOSSARY, explain.replace("服務單位", "服務窗口"))
    found = problems(project)
    assert [p.split(": ", 1)[0] for p in found] == [term, login]
    assert found[1] == expected(login, "開啟外國專業人才申辦窗口平臺", "開啟外國專業人才線上申辦平臺")
    assert "“協助就業金卡申請人的服務單位" in found[0] and "“協助就業金卡申請人的服務窗口" in found[0]

    assert status(project, "--reviewed", login).returncode == 0
    assert [p.split(": ", 1)[0] for p in problems(project)] == [term]
    assert status(project, "--reviewed", GLOSSARY).returncode == 0
    assert problems(project) == []


def test_new_english_is_listed_apart_until_recorded_and_a_removed_steps_entry_goes(project):
    step = ("      - id: check-email\n"
            "        title:\n"
            "          zh: 查看電子郵件\n"
            "          en: Check your email\n"
            "        source: {guide: extend, step: 16, date: 2026-01-27}\n\n")
    replace(project, EXTEND, "      - id: look-up-card\n", step + "      - id: look-up-card\n")
    start = (project / EXTEND).read_text(encoding="utf-8").index("      - id: logout-countdown\n")
    text = (project / EXTEND).read_text(encoding="utf-8")
    (project / EXTEND).write_text(text[:start] + text[text.index("  - id: fill-in-extension\n"):], encoding="utf-8")
    place = english_at(project, EXTEND, "          zh: 查看電子郵件")
    line = place.rsplit(":", 1)[0]
    assert out_of_date(problems(project)) == []  # not a mistake: a build does not fail on it
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(project / "mkdocs.yml")],
                             cwd=project, capture_output=True, text=True, timeout=300)
    listed = [x for x in checked.stdout.splitlines() if "not yet marked reviewed" in x]
    assert listed == [f"{place}: not yet marked reviewed: the lock has no record of the Chinese this English "
                      f"translates; once it translates it, record it: scripts/i18n_status.py --reviewed {line}"]

    result = status(project, "--reviewed", line)
    assert result.returncode == 0, result.stderr
    assert unreviewed_left(read_config(project / "mkdocs.yml")) == []
    entries = read_lock(project / "data")["guides/07-extend.yaml"]
    assert entries["steps/check-email/title"].zh == "查看電子郵件"
    assert not [key for key in entries if key.startswith("steps/logout-countdown/")]  # the removed step's are gone


def test_a_lock_that_does_not_read_is_reported_at_its_line(project):
    path = project / LOCK
    lines = path.read_text(encoding="utf-8").splitlines(True)
    lines.insert(10, "<<<<<<< HEAD\n")
    path.write_text("".join(lines), encoding="utf-8")
    found = problems(project)
    assert found and all(p.startswith(f"{LOCK}:") for p in found), found
    result = status(project, "--reviewed", "extend")
    assert result.returncode == 2 and f"{LOCK} does not read" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------------------------ builds


def test_a_strict_build_fails_on_out_of_date_english_and_a_preview_build_only_warns(tmp_path):
    project = copy_project(tmp_path / "project")
    replace(project, EXTEND, "  zh: 延期申請教學\n", "  zh: 展延申請教學\n")
    line = english_at(project, EXTEND, "  zh: 展延申請教學")
    message = expected(line, "延期申請教學", "展延申請教學")

    strict = build_site(project, tmp_path / "strict")
    output = strict.stdout + strict.stderr
    assert strict.returncode != 0 and "Traceback" not in output
    assert [x for x in output.splitlines() if x.startswith("WARNING") and x.endswith(message)], output

    # As `make serve` builds: not strict; the same line is a warning and the site is built.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    preview = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", str(project / "mkdocs.yml"),
                              "-d", str(tmp_path / "preview")], cwd=project, env=env, capture_output=True, text=True,
                             timeout=600)
    output = preview.stdout + preview.stderr
    assert preview.returncode == 0, output
    assert [x for x in output.splitlines() if x.startswith("WARNING") and x.endswith(message)], output
    assert (tmp_path / "preview" / "en" / "guides" / "extend" / "index.html").is_file()
