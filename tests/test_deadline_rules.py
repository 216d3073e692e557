"""data/deadlines.yaml without a browser: checked on load, written out as prose from its own numbers, and
embedded as the calculator's configuration; the guides' checkboxes and tools in the rendered Markdown."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import pytest

from goldcard.deadlines import render_deadlines_page, render_tools, script_config
from goldcard.load import load_site
from goldcard.problems import DataError
from goldcard.render import render_guide
from goldcard.text import Context

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "toc", "tables"]


def page_html(site, lang: str) -> str:
    return markdown.markdown(render_deadlines_page(Context(site, lang, None, "guides/")), extensions=EXTENSIONS)


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("lang, words", [
    ("zh", ["到期日前 4 個月", "到期日前 1 個月", "鎖定日的前一天", "收到通知日後第 30 天", "收到通知日後 6 個月",
            "入境日後第 30 天"]),
    ("en", ["4 months before the expiry date", "1 month before the expiry date", "The day before the locking date",
            "30 days after the day you received the notice", "6 months after the day you received the notice",
            "30 days after the date of entry"]),
])
def test_the_rules_are_written_out_from_their_numbers(site_data, lang, words):
    html = page_html(site_data, lang)
    for phrase in words:
        assert phrase in html, phrase


def test_one_change_in_the_data_changes_the_prose_and_the_calculator(tmp_path):
    data = data_copy(tmp_path)
    edit(data / "deadlines.yaml", "        from: expiry\n        months: -4\n", "        from: expiry\n        months: -3\n")
    site = load_site(data)
    assert "3 months before the expiry date" in page_html(site, "en")
    assert "4 months before" not in page_html(site, "en")
    config = script_config(Context(site, "en", None, "guides/"))
    opens = next(c for c in config["calculators"] if c["id"] == "extension")["dates"][0]
    assert (opens["id"], opens["months"]) == ("opens", -3)


def test_the_page_embeds_the_rules_as_json_in_its_language(site_data):
    for lang, expected in (("zh", "到期日"), ("en", "the expiry date")):
        html = page_html(site_data, lang)
        found = re.findall(r'<script type="application/json" id="gc-deadline-rules">(.*?)</script>', html, re.S)
        assert len(found) == 1 and "<" not in found[0]
        config = json.loads(found[0])
        extension = next(c for c in config["calculators"] if c["id"] == "extension")
        assert extension["input"]["noun"] == expected
        assert config["utcOffsetMinutes"] == 480 and config["lang"] == lang
        assert config["words"]["date_long"] == site_data.ui.root["date_long"][lang]


def test_the_page_has_a_section_per_calculator_the_timeline_and_the_date_rules(site_data):
    html = page_html(site_data, "en")
    for anchor in ("extension", "supplement", "pickup", "address", "timeline", "date-rules"):
        assert f'<h2 id="{anchor}">' in html, anchor
    assert html.count('class="gc-calculator"') == 5
    assert "Sun 28 February 2027" in html and "2027-02-28" in html  # the worked example, in words and ISO
    assert "Civil Code" in html


def test_calculator_controls_are_marked_for_print_to_leave_out(site_data):
    html = page_html(site_data, "zh")
    for form in re.findall(r"<form .*?</form>", html, re.S):
        assert ' hidden' in form.split(">", 1)[0]  # shown by its script only
        assert re.search(r'class="gc-field gc-interactive"', form)
        assert 'class="gc-submit gc-interactive"' in form
    assert "gc-needs-js gc-interactive" in html


@pytest.mark.parametrize("old, new, message", [
    ("      - id: lastDay\n", "      - id: finalDay\n", "must give exactly the dates"),
    ("        from: locks\n        days: -1\n", "        from: nowhere\n        days: -1\n", "counts from 'nowhere'"),
    ("    guide: extend\n", "    guide: extended\n", "names no guide 'extended'"),
    ("      - id: locked\n", "      - id: closed\n", "must have the statuses"),
    ("          max: {weeks: 1}\n", "          max: {weeks: 1, days: 2}\n", "exactly one of months, weeks or days"),
])
def test_mistakes_in_the_rules_are_reported_with_file_and_line(tmp_path, old, new, message):
    data = data_copy(tmp_path)
    edit(data / "deadlines.yaml", old, new)
    with pytest.raises(DataError) as error:
        load_site(data)
    text = str(error.value)
    assert message in text and re.search(r"deadlines\.yaml:\d+:\d+: ", text), text


def test_a_guide_naming_an_unknown_tool_is_reported(tmp_path):
    data = data_copy(tmp_path)
    edit(data / "guides" / "07-extend.yaml", "tools: [extension]", "tools: [extensions]")
    with pytest.raises(DataError, match=r"07-extend.yaml:\d+:\d+: tools\[0\]"):
        load_site(data)


def guide_html(site, slug: str, lang: str) -> str:
    loaded = site.guide(slug)
    return markdown.markdown(render_guide(loaded, Context(site, lang, slug)), extensions=EXTENSIONS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_step_has_a_done_box_with_a_label_and_the_checklist_items_have_boxes(site_data, lang):
    for loaded in site_data.guides:
        html = guide_html(site_data, loaded.guide.slug, lang)
        steps = loaded.steps
        for numbered in steps:
            box = f'<input type="checkbox" id="done-step-{numbered.number}" class="gc-box" data-progress-item="{numbered.step.id}">'
            assert box in html
            assert f'<label for="done-step-{numbered.number}">' in html
        boxes = re.findall(r'<input type="checkbox" id="(ready-[0-9a-f]+)"', html)
        assert len(boxes) == len(set(boxes)) == len(loaded.guide.checklist)
        for box_id in boxes:
            assert f'<label for="{box_id}">' in html
        assert html.count("data-progress-for=") == 1


def test_the_guides_embed_the_tools_their_data_names(site_data):
    expected = {"apply": [], "extend": ["extension"], "supplement": ["supplement"],
                "track-and-collect": ["timeline", "pickup"], "update-details": ["address"]}
    for slug, tools in expected.items():
        html = guide_html(site_data, slug, "en")
        found = re.findall(r'data-(?:calculator|timeline)="([a-z]+)"', html)
        assert found == tools, slug
        assert ('id="gc-deadline-rules"' in html) is bool(tools)
        for tool in tools:
            assert f'href="../deadlines.md#{tool}"' in html
    assert render_tools([], Context(site_data, "zh", "apply")) == ""
