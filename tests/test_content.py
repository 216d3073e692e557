"""The five guides' content: complete in both languages, shared steps stored once, labels in the glossary."""

from __future__ import annotations

import re

import pytest

from goldcard.load import read_yaml
from goldcard.model import LABEL_PATTERN, Step

from conftest import ROOT, SLUGS

HAN = re.compile(r"[\u3400-\u9fff]")


def guide_texts(loaded):
    guide = loaded.guide
    texts = [guide.title, guide.summary, guide.author] + ([guide.intro] if guide.intro else [])
    texts += guide.checklist
    for note in guide.notices:
        texts += [note.text] + ([note.title] if note.title else [])
    texts += [link.label for link in guide.links]
    texts += [section.section.title for section in loaded.sections]
    for numbered in loaded.steps:
        texts += numbered.step.texts()
    return texts


@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_has_chinese_and_english_and_english_has_no_stray_chinese(site_data, slug):
    for text in guide_texts(site_data.guide(slug)):
        assert text.zh.strip() and text.en.strip(), text
        assert not HAN.search(LABEL_PATTERN.sub("", text.en)), f"Chinese outside 「」 in English: {text.en}"


@pytest.mark.parametrize("slug", SLUGS)
def test_both_languages_mention_the_same_platform_labels(site_data, slug):
    for text in guide_texts(site_data.guide(slug)):
        assert sorted(set(LABEL_PATTERN.findall(text.zh))) == sorted(set(LABEL_PATTERN.findall(text.en))), text


def test_the_login_sequence_is_stored_once_and_included_by_the_guides_that_log_in(site_data):
    block, _, _ = site_data.blocks["login"]
    login_ids = [step.id for step in block.steps]
    assert login_ids == ["open-platform", "login-button", "choose-role", "log-in", "verify-email"]
    for path in sorted((ROOT / "data" / "guides").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for step_id in login_ids:
            assert not re.search(rf"^\s*- id: {step_id}\s*$", text, re.M), f"{path.name} repeats the login step {step_id}"
    including = {g.guide.slug for g in site_data.guides if any(s.block == "login" for s in g.steps)}
    assert including == {"apply", "supplement", "update-details", "extend"}


def test_shared_steps_record_the_newest_source(site_data):
    block, _, _ = site_data.blocks["login"]
    for step in block.steps:
        assert step.source.guide == "extend" and str(step.source.date) == "2026-01-27"
    assert "Microsoft Edge" in block.steps[0].notes[0].text.en


def test_every_label_a_step_mentions_is_in_the_glossary(site_data):
    known = site_data.glossary.by_label
    missing = {
        (loaded.guide.slug, label)
        for loaded in site_data.guides for text in guide_texts(loaded) for label in LABEL_PATTERN.findall(text.zh)
        if label not in known
    }
    assert not missing, sorted(missing)


def test_glossary_covers_the_statuses_and_stages_with_what_to_do_next(site_data):
    terms = site_data.glossary.by_label
    for label in ("線上申辦", "居留申請", "補正", "待繳費", "勞發署審查", "IC卡待製證", "整團撤銷", "審核中", "完成"):
        assert label in terms, label
    for term in site_data.glossary.terms:
        if term.kind in ("status", "stage"):
            assert term.next and term.next.zh.strip() and term.next.en.strip(), term.zh
    assert len({term.zh for term in site_data.glossary.terms}) == len(site_data.glossary.terms), "duplicate entries"


def test_apply_step_19_is_reconstructed_with_a_note_for_editors(site_data):
    step = next(s for s in site_data.guide("apply").steps if s.number == 19)
    assert step.step.reconstructed and len(step.step.reconstructed) > 40
    assert "文件上傳" in step.step.title.zh


def test_restored_headings(site_data):
    assert "居留申請" in next(s for s in site_data.guide("apply").steps if s.number == 17).step.title.zh
    assert "居留申請" in next(s for s in site_data.guide("extend").steps if s.number == 12).step.title.zh


def test_track_and_collect_links_to_the_apply_guides_login_steps(site_data):
    first = site_data.guide("track-and-collect").steps[0].step
    assert "](step:apply/open-platform..verify-email)" in first.body.zh
    assert "](step:apply/open-platform..verify-email)" in first.body.en
    apply = site_data.guide("apply")
    assert apply.number_of("open-platform") == 1 and apply.number_of("verify-email") == 5


def test_no_http_no_wrong_host_and_no_empty_target_in_the_data():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        # Comments for editors may name the defect they fixed; the data itself must not contain it.
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
        assert "http://" not in text, path
        assert "gold-card." not in text, path
        assert "](#)" not in text and "]()" not in text, path


def test_the_home_page_lists_the_five_guides_in_series_order(built_site):
    for prefix in ("", "en/"):
        html = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        order = [html.index(f'data-guide-card="{slug}"') for slug in SLUGS]
        assert order == sorted(order)


def test_a_guide_whose_source_gives_no_date_shows_none(site_data, built_site):
    undated = {"supplement", "update-details"}  # their sources give no date (the others do)
    for loaded in site_data.guides:
        assert (loaded.guide.updated is None) == (loaded.guide.slug in undated), loaded.guide.slug
        assert (loaded.guide.created is None) == (loaded.guide.slug in undated), loaded.guide.slug
    for prefix, words in (("", "最近更新"), ("en/", "Last updated")):
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        for slug in SLUGS:
            card = home[home.index(f'data-guide-card="{slug}"'):]
            card = card[:card.index("</li>")]
            assert (words in card) == (slug not in undated), (prefix, slug)
            page = (built_site / prefix / "guides" / slug / "index.html").read_text(encoding="utf-8")
            meta = re.search(r'<p class="gc-meta">(.*?)</p>', page, re.S)[1]
            assert (words in meta) == (slug not in undated), (prefix, slug)


def test_file_limits_are_stated_only_where_the_source_gives_them(site_data):
    # The supplement source gives them, for supplementary documents; the apply source gives none.
    def shows_limits(slug):
        return any("1024" in text.zh or "1024" in text.en for text in guide_texts(site_data.guide(slug)))
    assert shows_limits("supplement")
    assert not shows_limits("apply")


def test_the_hong_kong_and_macau_warning_holds_from_the_opening_date(site_data):
    # The extend source asks for an application as early as possible within the whole window.
    warning = site_data.deadlines.calculator("extension").warnings[0]
    assert (warning.id, warning.from_, warning.months, warning.days, warning.during) == ("hong-kong-macau", "opens", 0, 0, ["open"])
