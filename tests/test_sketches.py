"""Sketches of the platform's screens: the model and data/platform.yaml, each check fed a broken sketch, and the
renderer (marks, the English of labels, neutral data). The browser and the PDFs are tested in
test_sketches_browser.py and test_pdf_sketches.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from goldcard.checks import read_config
from goldcard.checks.sketches import sketches_left
from goldcard.load import load_site
from goldcard.model import Sketch
from goldcard.problems import DataError
from goldcard.text import Context
from goldcard.render import draw_sketches, render_guide
from goldcard.render.sketch import NEUTRAL_NUMBER, SKETCH_WIDTH, render_sketch_svg
from goldcard.render.text_width import is_wide

from conftest import ROOT, at, checks_project, edit, one_problem_at, problems_in

SVG = "{http://www.w3.org/2000/svg}"
GUIDE = "data/guides/93-sketched.yaml"

# A guide of two sketched steps, to break: the menu, a form with its tabs, a dialog.
GUIDE_TEXT = """\
number: 93
slug: sketched
title: {zh: 畫面範例, en: Sketch sample}
summary: {zh: 一行說明。, en: One line.}
author: {zh: 就業金卡辦公室, en: Taiwan Gold Card Office}
sections:
  - id: start
    title: {zh: 開始, en: Start}
    steps:
      - id: open-menu
        title: {zh: 點選「就業金卡延期申請」, en: Click 「就業金卡延期申請」}
        body:
          zh: 在「線上申辦」選單中點選「就業金卡延期申請」。
          en: In the menu 「線上申辦」, click 「就業金卡延期申請」.
        screen:
          zh: 「線上申辦」的選單已展開。
          en: The menu 「線上申辦」 is open.
        sketch:
          menu_bar: member
          open_menu: 線上申辦
          marks: [就業金卡延期申請]
      - id: fill-form
        title: {zh: 填寫「基本資料」並按「下一頁」, en: Fill in 「基本資料」 and click 「下一頁」}
        screen:
          zh: 「基本資料」頁籤。
          en: The tab 「基本資料」.
        sketch:
          menu_bar: member
          tabs: application
          current_tab: 基本資料
          parts:
            - field: 護照號碼
              required: true
              value: filled
            - button_row: form
          marks: [基本資料, 下一頁]
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = checks_project(tmp_path / "project", {GUIDE: GUIDE_TEXT})
    monkeypatch.chdir(root)  # problems name files relative to the working directory
    return root


def test_the_sample_sketches_pass(project):
    assert problems_in(project) == []


# ------------------------------------------------------------------------------------------------ the model


def test_an_unknown_part_is_a_located_error(project):
    edit(project, GUIDE, "            - button_row: form", "            - buton: [下一頁]")
    found = problems_in(project)
    assert any(p.startswith(at(project, GUIDE, "- buton", 0).rsplit(":", 1)[0]) for p in found), found


def test_a_value_that_is_not_neutral_is_refused(project):
    edit(project, GUIDE, "value: filled", "value: A1234567")
    found = problems_in(project)
    one_problem_at(found, at(project, GUIDE, "value: A1234567"), "value", "filled")


def test_the_platform_file_is_checked_by_the_model(project):
    edit(project, "data/platform.yaml", "  - id: member\n", "  - id: Member Bar\n")
    with pytest.raises(DataError) as error:
        load_site(project / "data")
    assert any(p.path.endswith("platform.yaml") and p.line > 1 for p in error.value.problems)


# ------------------------------------------------------------------------------------------------ the checks


def test_a_mark_the_steps_text_never_mentions_is_reported(project):
    edit(project, GUIDE, "marks: [基本資料, 下一頁]", "marks: [基本資料, 儲存]")
    one_problem_at(problems_in(project), at(project, GUIDE, "儲存]"), "「儲存」", "never mentions")


def test_a_mark_the_sketch_does_not_show_is_reported(project):
    edit(project, GUIDE, "marks: [就業金卡延期申請]", "marks: [案件撤銷]")
    edit(project, GUIDE, "點選「就業金卡延期申請」。", "點選「就業金卡延期申請」或「案件撤銷」。")
    one_problem_at(problems_in(project), at(project, GUIDE, "案件撤銷]"), "「案件撤銷」", "does not show")


def test_a_label_without_a_glossary_entry_is_reported(project):
    edit(project, GUIDE, "- field: 護照號碼", "- field: 護照號碼二")
    one_problem_at(problems_in(project), at(project, GUIDE, "護照號碼二"), "「護照號碼二」", "glossary")


def test_a_platform_label_without_a_glossary_entry_is_reported(project):
    edit(project, "data/platform.yaml", "案件撤銷]", "案件撤回]")
    one_problem_at(problems_in(project), at(project, "data/platform.yaml", "案件撤回"), "「案件撤回」", "glossary")


@pytest.mark.parametrize(("old", "new", "needle", "words"), [
    ("menu_bar: member\n          open_menu", "menu_bar: members\n          open_menu", "members", ("menu bar", "public")),
    ("open_menu: 線上申辦", "open_menu: 線上繳納", "線上繳納", ("menu", "線上申辦")),
    ("open_menu: 線上申辦", "open_menu: 線上繳費", "線上繳費", ("entries",)),
    ("tabs: application", "tabs: applications", "applications", ("tab strip",)),
    ("current_tab: 基本資料", "current_tab: 完成送出", "完成送出", ("tab",)),
    ("- button_row: form", "- button_row: forms", "forms", ("button row",)),
])
def test_a_part_the_platform_file_does_not_have_is_reported(project, old, new, needle, words):
    edit(project, GUIDE, old, new)
    one_problem_at(problems_in(project), at(project, GUIDE, needle), "data/platform.yaml has no", *words)


def test_a_dialog_the_platform_file_does_not_have_is_reported(project):
    edit(project, GUIDE, "            - button_row: form\n", "            - button_row: form\n          dialog:\n"
         "            use: no-such-dialog\n")
    one_problem_at(problems_in(project), at(project, GUIDE, "no-such-dialog"), "dialog", "no-such-dialog")


def test_a_screen_without_a_sketch_is_listed_and_does_not_fail(project):
    text = (project / GUIDE).read_text(encoding="utf-8")
    start = text.index("        sketch:\n          menu_bar: member\n          open_menu")
    end = text.index("      - id: fill-form")
    (project / GUIDE).write_text(text[:start] + text[end:], encoding="utf-8")
    assert problems_in(project) == []
    left = [str(p) for p in sketches_left(read_config(project / "mkdocs.yml")) if p.path == GUIDE]
    assert len(left) == 1 and "left to draw: step 'open-menu' describes its screen" in left[0], left
    assert left[0].startswith(at(project, GUIDE, "zh: 「線上申辦」的選單已展開").rsplit(":", 1)[0] + ":"), left


def test_every_screen_of_the_real_guides_has_a_sketch():
    left = sketches_left(read_config(ROOT / "mkdocs.yml"))
    assert left == [], "\n".join(map(str, left))


# ------------------------------------------------------------------------------------------------ the renderer


def svg_of(site, step_id: str, lang: str, guide: str | None = None) -> ET.Element:
    """The sketch of the step with this id (in this guide: ids are unique within a guide only)."""
    step = next(s.step for g in site.guides for s in g.steps
                if s.step.id == step_id and s.step.sketch and guide in (None, g.guide.slug))
    english = (lambda label: site.glossary.by_label[label].en if label in site.glossary.by_label else None)
    markup = render_sketch_svg(step.sketch, site.platform, lang, english, "name", "caption")
    return ET.fromstring(markup)


def texts(element: ET.Element) -> list[str]:
    """Each <text>'s words, its lines (tspans) joined, without a field's required star."""
    return ["".join(text.itertext()).removesuffix(" *") for text in element.iter(f"{SVG}text")]


@pytest.fixture
def sample_site(project):
    return load_site(project / "data")


def test_marks_are_numbered_in_order_and_hold_their_chinese_label(sample_site):
    svg = svg_of(sample_site, "fill-form", "zh")
    marks = [g for g in svg.iter(f"{SVG}g") if "data-mark" in g.attrib]
    assert [g.get("data-mark") for g in marks] == ["1", "2"]
    assert "基本資料" in texts(marks[0]) and "1" in texts(marks[0])
    assert "下一頁" in texts(marks[1]) and "2" in texts(marks[1])
    # the mark shows by shape and number: an outline and a badge, besides its colour
    for g in marks:
        assert any(r.get("class") == "m" for r in g.iter(f"{SVG}rect"))
        assert any(c.get("class") == "mb" for c in g.iter(f"{SVG}circle"))


def test_english_pages_show_each_labels_chinese_with_its_english(sample_site):
    glossary = sample_site.glossary.by_label
    zh, en = texts(svg_of(sample_site, "open-menu", "zh")), texts(svg_of(sample_site, "open-menu", "en"))
    for label in ("線上申辦", "就業金卡延期申請", "登出"):
        assert label in zh and label in en
        assert glossary[label].en in " ".join(en)
        assert glossary[label].en not in " ".join(zh)
    chinese = [t for t in svg_of(sample_site, "open-menu", "en").iter(f"{SVG}text") if t.text == "線上申辦"]
    assert chinese and all(t.get("lang") == "zh-TW" for t in chinese)


def test_the_drawings_go_into_the_pages_html_and_not_its_markdown(sample_site):
    """Markdown and the search index never read a drawing (hooks/pages.py draws them into the HTML): the guide's
    Markdown has each figure with its caption and an empty frame, which draw_sketches fills with that step's."""
    loaded = sample_site.guide("sketched")
    for lang in ("zh", "en"):
        ctx = Context(sample_site, lang, "sketched", "")
        markdown = render_guide(loaded, ctx)
        assert "<svg" not in markdown
        frames = re.findall(r'data-sketch-for="([a-z-]+)"><div class="gc-sketch-frame"></div><figcaption', markdown)
        assert frames == ["open-menu", "fill-form"]
        # as Markdown leaves it: a line break between the figure and its frame
        html = draw_sketches(markdown.replace('"><div class="gc-sketch-frame">', '">\n<div class="gc-sketch-frame">'), loaded, ctx)
        drawn = re.findall(r'data-sketch-for="([a-z-]+)">\n<div class="gc-sketch-frame"><svg[^>]*aria-describedby="([^"]+)"'
                           r".*?</svg></div><figcaption id=\"([^\"]+)\"", html, re.S)
        assert [(step, described) for step, described, _ in drawn] == [("open-menu", "step-1-screen"),
                                                                        ("fill-form", "step-2-screen")]
        assert all(described == caption for _, described, caption in drawn)


def test_the_open_menu_lists_the_platform_files_entries(sample_site):
    shown = texts(svg_of(sample_site, "open-menu", "zh"))
    entries = next(m for m in sample_site.platform.menu_bar("member").menus if m.label == "線上申辦").entries
    assert all(entry in shown for entry in entries)


def test_renaming_a_menu_entry_in_the_platform_file_redraws_every_sketch_that_shows_it(project):
    edit(project, "data/platform.yaml", "就業金卡延期申請,", "就業金卡延期申請書,")
    glossary = project / "data/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("- zh: 就業金卡延期申請\n", "- zh: 就業金卡延期申請書\n"),
                        encoding="utf-8")
    site = load_site(project / "data")
    showing = [s.step.id for g in site.guides for s in g.steps
               if s.step.sketch and s.step.sketch.open_menu == "線上申辦" and s.step.sketch.menu_bar == "member"]
    assert "open-menu" in showing
    for step_id in showing:
        shown = texts(svg_of(site, step_id, "zh"))
        assert "就業金卡延期申請書" in shown and "就業金卡延期申請" not in shown, step_id


def test_values_are_neutral_whatever_is_filled_in(sample_site):
    svg = svg_of(sample_site, "fill-form", "en")
    # a filled field is a grey bar, not words; nothing drawn is a sample value
    assert any(r.get("class") == "v" for r in svg.iter(f"{SVG}rect"))
    field = Sketch(parts=[{"field": "申請案號", "value": "number"}])
    site = sample_site
    markup = render_sketch_svg(field, site.platform, "zh", lambda label: None, "name", "caption")
    assert NEUTRAL_NUMBER in markup and not re.search(r">\s*\d{3,}", markup)


def test_every_text_in_the_real_sketches_is_a_label_a_message_or_a_mark(site_data):
    """Nothing is drawn that is not the glossary's (labels and their English), a notice's own words, a mark's
    number, the required star or the neutral number: no sample data from a screenshot can slip in."""
    glossary = site_data.glossary.by_label
    allowed = {" ".join(s.split()) for term in glossary.values() for s in (term.zh, term.en)}
    for loaded in site_data.guides:
        for numbered in loaded.steps:
            sketch = numbered.step.sketch
            if sketch is None:
                continue
            own = [" ".join(t[lang].split()) for t in _own_texts(sketch) for lang in ("zh", "en")]
            for lang in ("zh", "en"):
                for line in texts(svg_of(site_data, numbered.step.id, lang, loaded.guide.slug)):
                    ok = (line.isdigit() and int(line) <= len(sketch.marks)) or line in ("*", NEUTRAL_NUMBER) or any(
                        line in whole for whole in allowed | set(own))
                    assert ok, f"{numbered.step.id} ({lang}): {line!r} is not a label, message or mark"


def test_the_chinese_in_an_english_line_is_a_tspan_of_its_language_with_nothing_lost_after_it(site_data):
    """An English gloss that quotes a label (Click 「儲存」 ...): the quote is a tspan lang="zh-TW", which the PDFs
    draw in Noto Sans CJK TC (WeasyPrint took the Japanese face for it); and no words follow a tspan nested in
    another, which WeasyPrint would drop."""
    quoted = 0
    for loaded in site_data.guides:
        for numbered in loaded.steps:
            if numbered.step.sketch is None:
                continue
            svg = svg_of(site_data, numbered.step.id, "en", loaded.guide.slug)
            for text in svg.iter(f"{SVG}text"):
                if "e" not in (text.get("class") or "").split():
                    continue
                outside = (text.text or "") + "".join(
                    (child.tail or "") + ("" if child.get("lang") else "".join(child.itertext())) for child in text)
                assert not any(is_wide(char) for char in outside), f"{numbered.step.id}: {ET.tostring(text)!r}"
                quoted += sum(1 for span in text.iter(f"{SVG}tspan") if span.get("lang") == "zh-TW")
                for span in text.iter(f"{SVG}tspan"):
                    for child in span:
                        assert not (child.tail or "").strip(), f"{numbered.step.id}: words after a nested tspan"
    assert quoted, "some English gloss quotes a label: the test needs one"


def _own_texts(sketch: Sketch) -> list:
    found = []

    def visit(parts) -> None:  # noqa: ANN001
        for part in parts:
            for name in ("notice", "text"):
                value = getattr(part, name, None)
                if value is not None:
                    found.append(value)
            visit(getattr(part, "parts", []))

    visit(sketch.parts)
    if sketch.dialog is not None:
        visit(sketch.dialog.parts)
    return found


def test_sample_personal_data_of_the_screenshots_is_never_drawn(built_site):
    # Names and numbers that the sources' screenshots show (design.md: 呂測試 sample data).
    for sample in ("呂測試", "112551036230", "Resume_2014", "SFNMHa"):
        for page in built_site.rglob("*.html"):
            assert sample not in page.read_text(encoding="utf-8"), f"{sample} in {page}"


def test_every_sketch_is_a_figure_with_one_described_image(built_site):
    page = (built_site / "en/guides/apply/index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="gc-sketch" data-sketch-for="([a-z0-9-]+)">(.*?)</figure>', page, re.S)
    assert figures
    for step_id, body in figures:
        assert body.count("<svg") == 1 and 'role="img"' in body, step_id
        described = re.search(r'aria-describedby="([^"]+)"', body)[1]
        assert f'<figcaption id="{described}">' in body, step_id
        assert re.search(r'aria-label="[^"]+"', body), step_id
        assert f'width="{SKETCH_WIDTH}"' in body


def test_i18n_status_lists_a_screen_without_a_sketch(project):
    import subprocess
    import sys

    text = (project / GUIDE).read_text(encoding="utf-8")
    start = text.index("        sketch:\n          menu_bar: member\n          open_menu")
    (project / GUIDE).write_text(text[:start] + text[text.index("      - id: fill-form"):], encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts/i18n_status.py"), "sketched", "--data",
                          str(project / "data")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "guide sketched (data/guides/93-sketched.yaml): " in run.stdout and "1 screen(s) without a sketch" in run.stdout
    assert "left to draw: step 'open-menu'" in run.stdout
    assert "1 screen(s) without a sketch" in run.stderr
