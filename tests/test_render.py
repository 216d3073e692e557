"""Rendering (plain Python, no MkDocs): numbered steps with the contract's attributes, labels, step links."""

from __future__ import annotations

import re

import markdown
import pytest

from goldcard.render import render_guide
from goldcard.text import Context

from conftest import SLUGS

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "toc", "tables"]


def html_of(site_data, slug: str, lang: str) -> str:
    loaded = site_data.guide(slug)
    return markdown.markdown(render_guide(loaded, Context(site_data, lang, slug)), extensions=EXTENSIONS)


def test_render_core_does_not_import_mkdocs():
    import goldcard.render  # noqa: F401
    import sys

    assert not any(name == "mkdocs" or name.startswith("mkdocs.") for name in sys.modules if name in {
        m for m in sys.modules if m.startswith("goldcard")}), "goldcard must not import MkDocs"
    for path in (__import__("pathlib").Path(goldcard.render.__file__).parent).glob("*.py"):
        assert "import mkdocs" not in path.read_text() and "from mkdocs" not in path.read_text(), path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_extend_renders_sixteen_numbered_steps_with_the_contract_attributes(site_data, lang):
    html = html_of(site_data, "extend", lang)
    assert len(re.findall(r'data-guide="extend"', html)) == 1
    assert 'data-step-count="16"' in html
    sections = re.findall(r'<section class="gc-step" ([^>]*)>', html)
    assert len(sections) == 16
    ids = [step.step.id for step in site_data.guide("extend").steps]
    for n, (attributes, step_id) in enumerate(zip(sections, ids), start=1):
        assert f'id="step-{n}"' in attributes
        assert f'data-step="{n}"' in attributes
        assert f'data-step-id="{step_id}"' in attributes


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_guide_numbers_its_steps_without_gaps(site_data, slug, lang):
    html = html_of(site_data, slug, lang)
    numbers = [int(n) for n in re.findall(r'<section class="gc-step"[^>]*data-step="(\d+)"', html)]
    assert numbers == list(range(1, len(site_data.guide(slug).steps) + 1))


def test_labels_are_chinese_on_chinese_pages_and_chinese_with_english_on_english_pages(site_data):
    term = site_data.glossary.by_label["線上申辦"]
    zh = html_of(site_data, "extend", "zh")
    en = html_of(site_data, "extend", "en")
    assert "「線上申辦」" in zh and f"({term.en})" not in zh
    assert f'<span lang="zh-TW">「線上申辦」</span> ({term.en})' in en


def test_notes_are_admonitions_and_screens_are_collapsible(site_data):
    html = html_of(site_data, "extend", "en")
    assert 'class="admonition warning"' in html
    steps = site_data.guide("extend").steps
    # a screen with a sketch is the sketch's caption; one without stays a collapsible description
    assert html.count('<details class="screen">') == sum(1 for s in steps if s.step.screen and not s.step.sketch)
    assert html.count('<figure class="gc-sketch"') == sum(1 for s in steps if s.step.sketch)
    assert "<strong>What you will see</strong>" in html


def test_a_step_link_to_another_guide_names_its_steps_and_points_at_their_anchor(site_data):
    html = html_of(site_data, "track-and-collect", "en")
    assert re.search(r'<a href="apply.md#step-1">STEPS 1–5 \([^)]+\)</a>', html), "the cross-guide link to apply's login"
    zh = html_of(site_data, "track-and-collect", "zh")
    assert re.search(r'<a href="apply.md#step-1">步驟 1–5', zh)


def test_reconstructed_notes_are_for_editors_only(site_data):
    notes = [s.step.reconstructed for g in site_data.guides for s in g.steps if s.step.reconstructed]
    assert notes, "apply's STEP 19 is marked as reconstructed"
    for slug in SLUGS:
        for lang in ("zh", "en"):
            html = html_of(site_data, slug, lang)
            assert not any(note.strip()[:40] in html for note in notes)
