"""The content checks (terminology, spelling, repeats), each fed a copy of the real data with one planted
defect: it reports the defect at the right file, line and column, with the fix; the real data passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldcard.checks.repeats import check_repeats
from goldcard.checks.spelling import check_spelling
from goldcard.checks.terminology import check_terminology
from goldcard.checks.where import documents, markdown_pages
from goldcard.load import load_site

from conftest import ROOT, at, checks_project, edit, one_problem_at, problems_in

UPDATE = "data/guides/06-update-details.yaml"
EXTEND = "data/guides/07-extend.yaml"
TRACK = "data/guides/04-track-and-collect.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = checks_project(tmp_path / "project", {})
    # The planted texts change Chinese, which the translation lock would report as out-of-date English (that
    # rule has its own tests, tests/test_translation_lock.py): without a lock, nothing is reviewed yet.
    (root / "data" / "translations.lock").unlink()
    monkeypatch.chdir(root)  # problems name files relative to the working directory
    return root


def test_the_real_data_passes_the_content_checks():
    site = load_site(ROOT / "data")
    docs = documents(site)
    problems = check_terminology(site, docs) + check_spelling(docs, markdown_pages(ROOT / "docs")) + check_repeats(docs)
    assert problems == [], "\n".join(map(str, problems))


def test_the_unbroken_copy_passes(project):
    assert problems_in(project) == []


# ---- terminology -------------------------------------------------------------------------------------------


def test_a_term_the_chinese_names_but_the_english_calls_otherwise_is_reported(project):
    edit(project, UPDATE, "en: Your Unified ID Number and your date of birth", "en: Your UI number and your date of birth")
    problem = one_problem_at(problems_in(project), at(project, UPDATE, "Your UI number"), "統一證號", "“Unified ID Number”", "prose_en")
    assert f"(line {at(project, UPDATE, '您的統一證號').split(':')[1]})" in problem  # where the Chinese names it


def test_an_agency_named_in_chinese_must_be_named_in_english(project):
    edit(project, UPDATE, "you do not need to visit the National Immigration Agency in person",
         "you do not need to visit the agency in person")
    one_problem_at(problems_in(project), at(project, UPDATE, "To change your residence address you must provide"), "移民署",
         "“National Immigration Agency”")


def test_the_label_in_the_english_counts_as_the_term(project):
    edit(project, UPDATE, "en: Your Unified ID Number and your date of birth", "en: Your 「統一證號」 and your date of birth")
    assert problems_in(project) == []


def test_a_term_inside_a_label_of_the_chinese_is_not_checked(project):
    edit(project, UPDATE, "zh: 您的統一證號，以及出生日期（西元）。", "zh: 您的「統一證號」，以及出生日期（西元）。")
    edit(project, UPDATE, "en: Your Unified ID Number and your date of birth", "en: Your 「統一證號」 and your date of birth")
    assert problems_in(project) == []


# ---- spelling ----------------------------------------------------------------------------------------------


def test_a_british_spelling_is_reported_at_its_word_with_the_american_form(project):
    edit(project, TRACK, "and a color printer.", "and a colour printer.")
    one_problem_at(problems_in(project), at(project, TRACK, "colour"), "“colour” is British spelling", "write “color”", "American")


def test_the_american_form_keeps_the_capital(project):
    edit(project, TRACK, "en: Print in color, at actual size", "en: Colour print, at actual size")
    one_problem_at(problems_in(project), at(project, TRACK, "Colour"), "write “Color”")


def test_a_british_spelling_in_an_english_page_is_reported(project):
    page = next(path for path in sorted((project / "docs").rglob("*.en.md")))
    page.write_text(page.read_text(encoding="utf-8") + "\nAsk a service centre.\n", encoding="utf-8")
    name = page.relative_to(project).as_posix()
    one_problem_at(problems_in(project), at(project, name, "centre"), "write “center”")


def test_a_glossary_name_is_checked_too(project):
    edit(project, "data/glossary.yaml", "en: Authorized agency applying", "en: Authorised agency applying")
    one_problem_at(problems_in(project), at(project, "data/glossary.yaml", "Authorised"), "write “Authorized”")


def test_addresses_and_allowed_names_are_not_spelling(project):
    edit(project, TRACK, "and a color printer.", "and a color printer from the Colour Centre (https://example.org/colour).")
    site = load_site(project / "data")
    docs = documents(site)
    assert [str(p) for p in check_spelling(docs, [], names=["Colour Centre"])] == []
    reported = [str(p) for p in check_spelling(docs, [])]
    assert [p.split(": ")[1].split(" is")[0] for p in reported] == ["“Colour”", "“Centre”"]


# ---- repeats -----------------------------------------------------------------------------------------------

HK_ZH = "港澳申請案無法加速審核，請在到期前 4 個月內盡快申請，並預留至少 1-2 個月的審核時間。"
HK_EN = "Hong Kong and Macau applications cannot be expedited, so apply early and allow at least 1-2 months."


def plant_in_intro(root: Path, zh: str, en: str) -> None:
    edit(root, EXTEND, "    本教學說明如何在平臺上申請延期您的就業金卡", f"    {zh}\n\n    本教學說明如何在平臺上申請延期您的就業金卡")
    edit(root, EXTEND, "    This guide shows how to extend your Gold Card", f"    {en}\n\n    This guide shows how to extend your Gold Card")


def plant_in_field_step(root: Path, zh: str, en: str) -> None:
    edit(root, EXTEND, "              zh: 就業金卡申請及延期除了建築設計領域外", f"              zh: {zh}就業金卡申請及延期除了建築設計領域外")
    edit(root, EXTEND, "              en: Except in the field of architecture, you do not need",
         f"              en: {en} Except in the field of architecture, you do not need")


def test_a_sentence_of_the_intro_said_again_in_a_step_is_reported_at_the_second(project):
    plant_in_intro(project, HK_ZH, HK_EN)
    plant_in_field_step(project, HK_ZH, HK_EN)
    intro_line = at(project, EXTEND, HK_ZH[:20]).split(":")[1]
    problem = one_problem_at(problems_in(project), at(project, EXTEND, HK_ZH[:20], nth=1), "the extend page already shows",
                   f"(line {intro_line})", "say it once")
    assert HK_ZH[:20] in problem


def test_a_sentence_said_again_with_one_word_changed_is_reported(project):
    plant_in_intro(project, HK_ZH, HK_EN)
    plant_in_field_step(project, HK_ZH.replace("請在", "務必在"), HK_EN.replace("apply early", "apply soon"))
    one_problem_at(problems_in(project), at(project, EXTEND, HK_ZH.replace("請在", "務必在")[:20]), "the extend page already shows")


def test_only_the_english_repeating_is_reported_too(project):
    plant_in_intro(project, HK_ZH, HK_EN)
    plant_in_field_step(project, "港澳的申請另有說明。", HK_EN)
    one_problem_at(problems_in(project), at(project, EXTEND, HK_EN[:70], nth=1), "the extend page already shows")


def test_two_steps_may_say_the_same(project):
    sentence_zh = "請確認您已備妥這個頁籤所需的全部資料，再按下一頁。"
    sentence_en = "Make sure you have everything this tab needs before you go on to the next one."
    for old_zh, old_en in (("zh: 請在「護照資料」頁籤填寫您的護照資料，完成後按「下一頁」。",
                            "en: Fill in your passport details on the 「護照資料」 tab, then click 「下一頁」."),
                           ("zh: 於「文件上傳」頁籤上傳所需文件。完成後，點選下方「送出」。",
                            "en: Upload the required documents on the 「文件上傳」 tab. When you are done, click 「送出」 at the bottom.")):
        edit(project, EXTEND, old_zh, f"{old_zh}{sentence_zh}")
        edit(project, EXTEND, old_en, f"{old_en} {sentence_en}")
    assert problems_in(project) == []


def test_a_note_repeating_its_own_step_is_reported(project):
    edit(project, TRACK, "              zh: 您的境外核准證明務必使用彩色列印，列印時採原比例，不可縮放。",
         "              zh: 請輸入「申請案號」和「繳費日期」，然後點選「查詢」，列印境外核准證明。")
    one_problem_at(problems_in(project), at(project, TRACK, "請輸入「申請案號」和「繳費日期」", nth=1), "the track-and-collect page already shows")


def test_a_guide_notice_repeating_a_shared_step_is_reported_at_the_step_with_the_notices_file(project):
    # The notices come before the steps on the page, so the shared login step is the second to say it.
    edit(project, EXTEND, "      zh: 由於平臺沒有儲存功能，操作時請連續點選下一步並送出。",
         "      zh: 由於平臺沒有儲存功能，操作時請連續點選下一步並送出。若您無法成功登入或忘記帳號、密碼，請參考常見問題說明。")
    notice_line = at(project, EXTEND, "若您無法成功登入或忘記帳號").split(":")[1]
    problem = one_problem_at(problems_in(project), at(project, "data/shared/login.yaml", "若您無法成功登入或忘記帳號"),
                   "the extend page already shows")
    assert f"(line {notice_line} of 07-extend.yaml)" in problem
