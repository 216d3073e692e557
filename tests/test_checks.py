"""Each validation rule, fed a broken copy of the data, reports file, line, column and what to do; the real
data passes. The copies are the real data plus two small sample guides (91-sample, 92-other) to break."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from goldcard.checks import check_project, read_config
from goldcard.checks.config import config_from_extra
from goldcard.checks.links import url_refs
from goldcard.checks.liveness import check_liveness
from goldcard.checks.where import documents, markdown_pages
from goldcard.load import load_site

from conftest import ROOT, at, checks_project, edit, one_problem_at, problems_in

SAMPLE = "data/guides/91-sample.yaml"
OTHER = "data/guides/92-other.yaml"

SAMPLE_TEXT = """\
# yaml-language-server: $schema=../schema/guide.schema.json
number: 91
slug: sample
title: {zh: 範例教學, en: Sample guide}
summary: {zh: 一行說明。, en: One line.}
author: {zh: 就業金卡辦公室, en: Taiwan Gold Card Office}
created: 2024-07-30
updated: 2024-07-30
declared_steps: 7
intro:
  zh: 請先閱讀[就業金卡網站](https://goldcard.nat.gov.tw/zh/)。
  en: First read the [Gold Card website](https://goldcard.nat.gov.tw/en/).
links:
  - label: {zh: 申辦平臺, en: The application platform}
    url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh
  - label: {zh: 常見問題, en: Frequently asked questions}
    url:
      zh: https://goldcard.nat.gov.tw/zh/faq/
      en: https://goldcard.nat.gov.tw/en/faq/
sections:
  - id: start
    title: {zh: 開始, en: Start}
    declared_steps: 7
    steps:
      - include: login
      - id: open-form
        title: {zh: 開啟表單, en: Open the form}
        body:
          zh: 在「線上申辦」選單中開啟表單。
          en: Open the form from the 「線上申辦」 menu.
      - id: send
        title: {zh: 送出表單, en: Submit the form}
        body:
          zh: |
            確認資料後按「送出」。

            完成後請看[](step:other/done)。
          en: |
            Check everything, then click 「送出」.

            Then see [](step:other/done).
"""

OTHER_TEXT = """\
# yaml-language-server: $schema=../schema/guide.schema.json
number: 92
slug: other
title: {zh: 另一篇, en: Another guide}
summary: {zh: 另一行說明。, en: Another line.}
author: {zh: 就業金卡辦公室, en: Taiwan Gold Card Office}
created: 2024-07-30
updated: 2024-07-30
sections:
  - id: only
    title: {zh: 唯一段落, en: The only part}
    steps:
      - id: done
        title: {zh: 完成, en: Done}
        body:
          zh: 若要修改，回到[](step:sample/open-form..send)。
          en: To change something, go back to [](step:sample/open-form..send).
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = checks_project(tmp_path / "project", {SAMPLE: SAMPLE_TEXT, OTHER: OTHER_TEXT})
    monkeypatch.chdir(root)  # problems name files relative to the working directory
    return root


# ------------------------------------------------------------------------------------------------ real data


def test_the_real_data_passes_every_check():
    problems = check_project(read_config(ROOT / "mkdocs.yml"))
    assert problems == [], "\n".join(map(str, problems))


def test_the_unbroken_sample_passes(project):
    assert problems_in(project) == []


def test_the_allowed_hosts_come_from_mkdocs_yml():
    config = read_config(ROOT / "mkdocs.yml")
    assert {"goldcard.nat.gov.tw", "coa.immigration.gov.tw", "www.immigration.gov.tw", "www.boca.gov.tw"} <= set(config.allowed_hosts)
    assert config.language_hosts == ("goldcard.nat.gov.tw",)
    assert config.check_links is False


# ------------------------------------------------------------------------------------------------ links


def test_an_http_link_is_reported_with_the_https_address(project):
    edit(project, SAMPLE, "(https://goldcard.nat.gov.tw/zh/)", "(http://goldcard.nat.gov.tw/zh/)")
    one_problem_at(problems_in(project), at(project, SAMPLE, "http://goldcard"), "uses http://, not https://",
         "write https://goldcard.nat.gov.tw/zh/")


def test_a_near_miss_host_is_reported_with_the_right_one(project):
    edit(project, SAMPLE, "(https://goldcard.nat.gov.tw/en/)", "(https://gold-card.nat.gov.tw/en/)")
    one_problem_at(problems_in(project), at(project, SAMPLE, "https://gold-card"), "goes to gold-card.nat.gov.tw, which is not the right host",
         "did you mean goldcard.nat.gov.tw?", "write https://goldcard.nat.gov.tw/en/")


def test_a_host_off_the_allow_list_is_reported(project):
    edit(project, SAMPLE, "url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh",
         "url: https://example.com/page")
    one_problem_at(problems_in(project), at(project, SAMPLE, "https://example.com"), "goes to example.com, which is not on the allow-list",
         "allowed_hosts", "mkdocs.yml")


@pytest.mark.parametrize("target", ["", "#"])
def test_a_link_without_target_is_reported(project, target):
    edit(project, SAMPLE, "[就業金卡網站](https://goldcard.nat.gov.tw/zh/)", f"[就業金卡網站]({target})")
    location = at(project, SAMPLE, "()" if target == "" else "#)", prefix="[就業金卡網站]" if target == "" else "[就業金卡網站](")
    one_problem_at(problems_in(project), location, f"the link [就業金卡網站]({target}) has no target",
         "give the address it points to")


def test_chinese_text_must_link_to_the_chinese_version_and_english_to_the_english(project):
    edit(project, SAMPLE, "(https://goldcard.nat.gov.tw/zh/)", "(https://goldcard.nat.gov.tw/en/)")
    edit(project, SAMPLE, "en: https://goldcard.nat.gov.tw/en/faq/", "en: https://goldcard.nat.gov.tw/zh/faq/")
    problems = problems_in(project)
    one_problem_at(problems, at(project, SAMPLE, "https://goldcard.nat.gov.tw/en/)"),
         "the Chinese text links to the English version of goldcard.nat.gov.tw", "write https://goldcard.nat.gov.tw/zh/")
    one_problem_at(problems, at(project, SAMPLE, "https://goldcard.nat.gov.tw/zh/faq/", 1),
         "the English text links to the Chinese version", "write https://goldcard.nat.gov.tw/en/faq/")


def test_one_address_for_both_languages_may_not_be_a_language_version(project):
    edit(project, SAMPLE, "url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh",
         "url: https://goldcard.nat.gov.tw/zh/apply/")
    one_problem_at(problems_in(project), at(project, SAMPLE, "https://goldcard.nat.gov.tw/zh/apply/"), "for both languages",
         "url: {zh: https://goldcard.nat.gov.tw/zh/..., en: https://goldcard.nat.gov.tw/en/...}")


def test_links_in_markdown_pages_are_checked(project):
    page = "docs/index.en.md"
    (project / page).write_text((project / page).read_text(encoding="utf-8")
                                + "\nSee [the office](http://gold-card.nat.gov.tw/en/).\n", encoding="utf-8")
    problems = problems_in(project)
    location = at(project, page, "http://gold-card")
    assert any(p.startswith(location + ": ") and "did you mean goldcard.nat.gov.tw?" in p for p in problems), problems
    assert any(p.startswith(location + ": ") and "uses http://" in p for p in problems), problems


def test_a_step_link_to_an_unknown_guide_suggests_the_right_one(project):
    edit(project, SAMPLE, "完成後請看[](step:other/done)", "完成後請看[](step:otter/done)")
    one_problem_at(problems_in(project), at(project, SAMPLE, "step:otter/done"), "names the guide “otter”, which does not exist",
         "did you mean other?")


def test_a_step_link_to_an_unknown_step_suggests_close_ids(project):
    edit(project, OTHER, "回到[](step:sample/open-form..send)", "回到[](step:sample/open-from..send)")
    one_problem_at(problems_in(project), at(project, OTHER, "step:sample/open-from"), "names the step “open-from”",
         "the guide “sample” does not have", "did you mean open-form")


def test_a_step_link_with_no_close_id_lists_the_ids(project):
    edit(project, SAMPLE, "Then see [](step:other/done).", "Then see [](step:other/zzz).")
    one_problem_at(problems_in(project), at(project, SAMPLE, "step:other/zzz"), "names the step “zzz”", "its step ids are: done")


def test_a_step_range_that_runs_backwards_is_reported(project):
    edit(project, OTHER, "go back to [](step:sample/open-form..send)", "go back to [](step:sample/send..open-form)")
    one_problem_at(problems_in(project), at(project, OTHER, "step:sample/send..open-form"), "ends before it begins")


def test_a_step_link_in_a_markdown_page_is_reported(project):
    page = "docs/index.md"
    (project / page).write_text((project / page).read_text(encoding="utf-8") + "\n見[](step:apply/log-in)。\n",
                                encoding="utf-8")
    one_problem_at(problems_in(project), at(project, page, "step:apply/log-in"), "step links are not rendered")


# ------------------------------------------------------------------------------------------------ numbering


def test_a_duplicated_step_id_names_both_lines(project):
    edit(project, SAMPLE, "      - id: send\n", "      - id: open-form\n")
    first = at(project, SAMPLE, "open-form").split(":")[1]
    one_problem_at(problems_in(project), at(project, SAMPLE, "open-form", 1), "the step id “open-form” is used twice",
         f"also line {first}", "give each step its own id")


def test_a_step_id_that_a_shared_block_also_uses_is_reported(project):
    step_id = load_site(ROOT / "data").blocks["login"][0].steps[-1].id
    edit(project, SAMPLE, "      - id: open-form\n", f"      - id: {step_id}\n")
    one_problem_at(problems_in(project), at(project, SAMPLE, step_id, prefix="- id: "), f"the step id “{step_id}” is used twice",
         "the shared block login included on line 25")


def test_an_include_of_a_missing_block_is_reported_in_the_same_form(project):
    edit(project, SAMPLE, "      - include: login\n", "      - include: logon\n")
    one_problem_at(problems_in(project), at(project, SAMPLE, "include: logon"),
         "include names a shared block 'logon' that does not exist", "use one of: login")


def test_a_wrong_declared_count_of_the_guide_is_reported(project):
    edit(project, SAMPLE, "declared_steps: 7\nintro:", "declared_steps: 8\nintro:")
    one_problem_at(problems_in(project), at(project, SAMPLE, "8", prefix="declared_steps: "),
         "the guide “sample” declares 8 steps but 7 render")


def test_a_wrong_declared_count_of_a_section_is_reported(project):
    edit(project, SAMPLE, "    declared_steps: 7\n    steps:", "    declared_steps: 6\n    steps:")
    one_problem_at(problems_in(project), at(project, SAMPLE, "6", prefix="declared_steps: "),
         "the section “start” declares 6 steps but 7 render")


@pytest.mark.parametrize("written", ["STEP 6", "第 6 步", "步驟 6", "steps 1-6"])
def test_a_step_number_written_by_hand_is_reported_with_the_link_to_write(project, written):
    edit(project, SAMPLE, "確認資料後按「送出」。", f"確認資料後按「送出」，再回到{written}。")
    message = one_problem_at(problems_in(project), at(project, SAMPLE, written), f"a step number is written by hand: “{written}”",
                   "link to the step instead")
    if written != "steps 1-6":
        assert "step 6 is now [](step:sample/open-form)" in message


def test_a_step_number_in_english_is_reported_too(project):
    edit(project, SAMPLE, "Check everything, then click 「送出」.", "Check everything (see Step 6), then click 「送出」.")
    one_problem_at(problems_in(project), at(project, SAMPLE, "Step 6"), "written by hand: “Step 6”")


def test_two_guides_with_one_number_are_reported(project):
    edit(project, OTHER, "number: 92", "number: 91")
    one_problem_at(problems_in(project), at(project, OTHER, "91", prefix="number: "), "the number 91 is also that of 91-sample.yaml")


# ------------------------------------------------------------------------------------------------ translations


def test_an_empty_english_text_is_reported(project):
    edit(project, SAMPLE, "title: {zh: 送出表單, en: Submit the form}", "title: {zh: 送出表單, en: ''}")
    one_problem_at(problems_in(project), at(project, SAMPLE, "''"), "the English text is empty", "translate the Chinese: “送出表單”")


def test_an_empty_chinese_text_is_reported(project):
    edit(project, SAMPLE, "title: {zh: 開啟表單, en: Open the form}", "title: {zh: '', en: Open the form}")
    one_problem_at(problems_in(project), at(project, SAMPLE, "''"), "the Chinese text is empty")


def test_chinese_left_in_english_is_reported_where_it_is(project):
    edit(project, SAMPLE, "Check everything, then click 「送出」.", "Check everything, then click 送出.")
    one_problem_at(problems_in(project), at(project, SAMPLE, "送出.", 0), "the English text contains Chinese outside 「」: “送出”")


def test_labels_in_english_are_not_chinese_left_over(project):
    assert problems_in(project) == []  # the sample's English has 「線上申辦」 and 「送出」


def test_a_chinese_text_identical_to_its_english_is_reported(project):
    edit(project, OTHER, "title: {zh: 完成, en: Done}", "title: {zh: Done, en: Done}")
    one_problem_at(problems_in(project), at(project, OTHER, "Done", prefix="zh: "), "the Chinese text is the same as the English")


def test_a_glossary_term_without_english_is_reported(project):
    glossary = "data/glossary.yaml"
    text = (project / glossary).read_text(encoding="utf-8")
    (project / glossary).write_text(text.rstrip("\n") + "\n" + textwrap.indent(textwrap.dedent("""\
        - zh: 範例按鈕
          en: 範例
          kind: button
          explain: {zh: 範例。, en: An example.}
        """), "  "), encoding="utf-8")
    one_problem_at(problems_in(project), at(project, glossary, "範例", prefix="en: "), "the English text contains Chinese outside 「」: “範例”")


# ------------------------------------------------------------------------------------------------ glossary


def test_a_label_without_a_glossary_entry_is_reported_with_close_entries(project):
    edit(project, SAMPLE, "確認資料後按「送出」。", "確認資料後按「送出申請」。")
    one_problem_at(problems_in(project), at(project, SAMPLE, "「送出申請」"), "「送出申請」 has no glossary entry", "did you mean 「送出」",
         "add it to data/glossary.yaml")


def test_a_missing_label_is_reported_once_per_file_with_its_count(project):
    edit(project, SAMPLE, "在「線上申辦」選單", "在「線上申請」選單")
    edit(project, SAMPLE, "from the 「線上申辦」 menu", "from the 「線上申請」 menu")
    problems = [p for p in problems_in(project) if "「線上申請」" in p]
    assert len(problems) == 1, problems
    assert problems[0].startswith(at(project, SAMPLE, "「線上申請」") + ": ")
    assert "(used in 1 more place in this file)" in problems[0] and "did you mean 「線上申辦」" in problems[0]


def test_a_label_on_an_english_page_needs_an_entry(project):
    page = "docs/glossary.en.md"
    (project / page).write_text((project / page).read_text(encoding="utf-8") + "\nSee 「不存在的按鈕」.\n", encoding="utf-8")
    one_problem_at(problems_in(project), at(project, page, "「不存在的按鈕」"), "「不存在的按鈕」 has no glossary entry")


def test_a_term_twice_in_the_glossary_is_reported(project):
    glossary = "data/glossary.yaml"
    first = load_site(ROOT / "data").glossary.terms[0]
    text = (project / glossary).read_text(encoding="utf-8")
    (project / glossary).write_text(text.rstrip("\n") + "\n" + textwrap.indent(textwrap.dedent(f"""\
        - zh: {first.zh}
          en: {first.en} again
          kind: {first.kind}
          explain: {{zh: 又一次。, en: Once more.}}
        """), "  "), encoding="utf-8")
    one_problem_at(problems_in(project), at(project, glossary, first.zh, 1, prefix="zh: "), f"「{first.zh}」 is in the glossary twice",
         "merge the two entries")


# ------------------------------------------------------------------------------------------------ load errors


def test_yaml_that_does_not_parse_is_one_line_with_its_place(project):
    edit(project, SAMPLE, "title: {zh: 開啟表單, en: Open the form}", "title: {zh: 開啟表單, en: Open the form")
    problems = problems_in(project)
    assert len(problems) == 1 and problems[0].startswith(f"{SAMPLE}:") and "YAML syntax" in problems[0], problems


def test_a_duplicated_key_is_a_load_error_with_both_lines(project):
    edit(project, SAMPLE, "updated: 2024-07-30\n", "updated: 2024-07-30\nupdated: 2024-07-31\n")
    one_problem_at(problems_in(project), f"{SAMPLE}:9:1", "the key 'updated' appears twice (first on line 8)")


def test_check_script_prints_one_line_per_problem_and_fails(project):
    edit(project, SAMPLE, "(https://goldcard.nat.gov.tw/zh/)", "(http://goldcard.nat.gov.tw/zh/)")
    edit(project, OTHER, "title: {zh: 完成, en: Done}", "title: {zh: 完成")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(project / "mkdocs.yml")],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{OTHER}:") and "YAML syntax" in line for line in lines), lines


def test_check_script_passes_on_the_real_data():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py")], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and "no problems found" in result.stderr


# ------------------------------------------------------------------------------------------------ liveness


class Links(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        Links.asked.append(self.path)
        if self.path == "/slow":
            threading.Event().wait(2)
        self.send_response(200 if self.path in ("/ok", "/slow") else 404)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def link_server():
    Links.asked = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Links)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def live_config(root: Path, timeout: float = 5.0):
    base = read_config(root / "mkdocs.yml")
    return type(base)(**{**vars(base), "check_links": True, "link_timeout": timeout})


def test_dead_links_are_reported_where_they_are_and_live_ones_are_cached(project, link_server):
    edit(project, SAMPLE, "url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh",
         f"url: {link_server}/ok")
    edit(project, SAMPLE, "(https://goldcard.nat.gov.tw/en/)", f"({link_server}/gone)")
    config = live_config(project)
    site = load_site(project / "data")
    refs = url_refs(documents(site), markdown_pages(config.docs_dir))
    problems = [str(p) for p in check_liveness(refs, config)]
    one_problem_at(problems, at(project, SAMPLE, f"{link_server}/gone"), f"the link {link_server}/gone does not work: HTTP 404")
    assert not any("/ok" in p for p in problems)
    assert Links.asked.count("/ok") == 1 and Links.asked.count("/gone") == 1  # each address once
    cached = json.loads(config.link_cache.read_text(encoding="utf-8"))["answered"]
    assert f"{link_server}/ok" in cached and f"{link_server}/gone" not in cached
    check_liveness(refs, config)  # again: the live link comes from the cache, the dead one is asked again
    assert Links.asked.count("/ok") == 1 and Links.asked.count("/gone") == 2


def test_a_link_that_does_not_answer_in_time_is_reported(project, link_server):
    edit(project, SAMPLE, "url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh",
         f"url: {link_server}/slow")
    config = live_config(project, timeout=0.5)
    refs = url_refs(documents(load_site(project / "data")), [])
    one_problem_at([str(p) for p in check_liveness(refs, config)], at(project, SAMPLE, f"{link_server}/slow"),
         "does not work: no answer within 0.5 s")


def test_links_are_fetched_only_when_asked(project, link_server, monkeypatch):
    edit(project, SAMPLE, "url: https://coa.immigration.gov.tw/coa-frontend/four-in-one/entry/main?lang=zh",
         f"url: {link_server}/gone")
    monkeypatch.delenv("GOLDCARD_CHECK_LINKS", raising=False)
    assert not any("does not work" in p for p in problems_in(project))
    assert Links.asked == []
    monkeypatch.setenv("GOLDCARD_CHECK_LINKS", "1")
    assert read_config(project / "mkdocs.yml").check_links is True
    assert any("does not work: HTTP 404" in p for p in problems_in(project))
    assert Links.asked == ["/gone"]
    assert config_from_extra(project, {"goldcard": {"check_links": True}}, None).check_links is True
