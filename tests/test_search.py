"""Search in the page's language (goldcard/search.py, hooks/search.py): one index per language, a glossary
entry per term, the platform's labels kept whole by the segmenter; then Material's search box in Chromium."""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import jieba
import pytest

from goldcard.pages import term_anchor
from goldcard.search import (glossary_entries, label_words, language_of, search_from_root, segment_chinese,
                             split_by_language, with_glossary)

ROOTS = {"zh": "", "en": "en/"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def read_index(site: Path, root: str) -> dict:
    return json.loads((site / root / "search" / "search_index.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the core, on its own

def test_an_address_belongs_to_the_language_of_the_longest_root_that_begins_it():
    assert language_of("guides/apply/#step-1", ROOTS) == "zh"
    assert language_of("en/guides/apply/#step-1", ROOTS) == "en"
    assert language_of("", ROOTS) == "zh"


def test_splitting_gives_each_language_its_entries_with_addresses_from_its_root():
    index = {"config": {"lang": ["en", "zh"]}, "docs": [
        {"location": "guides/apply/", "title": "申請", "text": ""},
        {"location": "en/guides/apply/", "title": "Apply", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
    ]}
    split = split_by_language(index, ROOTS)
    assert [doc["location"] for doc in split["zh"]["docs"]] == ["guides/apply/"]
    assert [doc["location"] for doc in split["en"]["docs"]] == ["guides/apply/", ""]
    assert split["en"]["config"] == index["config"]


def test_each_term_gets_an_entry_at_its_row_with_both_names_in_its_title(site_data):
    entries = glossary_entries(site_data.glossary, "en", "glossary/", lambda text: text)
    assert len(entries) == len(site_data.glossary.terms)
    term = site_data.glossary.by_label["待繳費"]
    entry = next(entry for entry in entries if entry["location"] == "glossary/#" + term_anchor(term))
    assert "待繳費" in entry["title"] and term.en in entry["title"]
    assert term.explain["en"].strip() in entry["text"]
    zh = glossary_entries(site_data.glossary, "zh", "glossary/", lambda text: text)
    assert term.explain["zh"].strip() in next(e["text"] for e in zh if e["location"] == entry["location"])


def test_the_glossary_entries_are_added_once_however_often_the_build_passes(site_data):
    entries = glossary_entries(site_data.glossary, "zh", "glossary/", lambda text: text)
    index = {"config": {}, "docs": [{"location": "glossary/", "title": "詞彙", "text": ""}]}
    twice = with_glossary(with_glossary(index, entries), entries)
    assert len(twice["docs"]) == 1 + len(entries)


def test_chinese_is_cut_into_words_set_off_as_material_writes_them():
    assert segment_chinese("Click 「待繳費」 now", lambda run: [run[:1], run[1:]]) == "Click 「\u200b待\u200b繳費\u200b」 now"
    assert segment_chinese("no Chinese", jieba.cut) == "no Chinese"


def test_a_label_gives_the_segmenter_its_words_whole(site_data):
    words = label_words(site_data.glossary)
    assert {"待繳費", "登出倒數", "補正", "列表"} <= set(words)  # 「補正(件)列表」 gives 補正 and 列表
    assert all(len(word) > 1 and HAN.search(word) for word in words)


def test_an_english_page_searches_from_its_own_root_and_a_chinese_page_is_unchanged():
    page = '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script>'
    assert '"base": "../../en/"' in search_from_root(page, "en/")
    assert search_from_root(page, "") == page


# ------------------------------------------------------------------ the built site

def test_each_language_has_its_own_index_of_its_own_pages(built_site):
    for lang, root in ROOTS.items():
        docs = read_index(built_site, root)["docs"]
        assert len(docs) > 100
        for doc in docs:
            path = doc["location"].split("#")[0]
            assert not path.startswith("en/"), f"{lang} index: {doc['location']}"
            page = built_site / root / path / "index.html"
            assert page.is_file(), f"{lang} index: {doc['location']} is no page of {root or 'the Chinese site'}"
            expected = "zh-TW" if lang == "zh" else "en"
            assert f'<html lang="{expected}"' in page.read_text(encoding="utf-8")[:400], doc["location"]


def test_english_entries_hold_english_and_chinese_entries_chinese(built_site):
    en = [doc for doc in read_index(built_site, "en/")["docs"] if doc["location"].startswith("guides/apply/#step-")]
    zh = [doc for doc in read_index(built_site, "")["docs"] if doc["location"].startswith("guides/apply/#step-")]
    assert en and zh
    assert all(re.search(r"[A-Za-z]{4}", doc["title"]) for doc in en)
    assert all(HAN.search(doc["title"]) for doc in zh)


def test_every_term_is_in_both_indexes_and_labels_stay_whole_words(built_site, site_data):
    for root in ROOTS.values():
        docs = {doc["location"]: doc for doc in read_index(built_site, root)["docs"]}
        for term in site_data.glossary.terms:
            assert f"glossary/#{term_anchor(term)}" in docs, f"{root}: {term.zh}"
        title = docs["glossary/#" + term_anchor(site_data.glossary.by_label["登出倒數"])]["title"]
        assert "\u200b登出倒數\u200b" in title, repr(title)  # one word, not 登出 and 倒數
    # the domain dictionary (data/jieba_user_dict.txt) still applies to the pages' own text
    zh_text = "".join(doc["text"] for doc in read_index(built_site, "")["docs"])
    assert "\u200b就業金卡\u200b" in zh_text and "\u200b統一證號\u200b" in zh_text


def test_english_pages_point_their_search_at_the_english_index(built_site):
    for path, base in (("en/guides/apply/index.html", "../../../en/"), ("en/index.html", "../en/"),
                       ("guides/apply/index.html", "../.."), ("index.html", ".")):
        html = (built_site / path).read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
        assert config["base"] == base, path


# ------------------------------------------------------------------ Material's search box in Chromium

def search_results(page, start: str, query: str) -> list[list[str]]:
    """Each result of typing `query` on the page `start`: the addresses of its page and its sections."""
    page.goto(start)
    page.keyboard.press("s")  # Material's search shortcut
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone sends none
    # The results are for this query once the meta line counts them (Material writes it with the list).
    page.wait_for_function("""() => {
        const meta = document.querySelector(".md-search-result__meta");
        return meta && /\\d/.test(meta.textContent) && document.querySelector(".md-search-result__item");
    }""")
    items = page.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map(item =>
        [...item.querySelectorAll("a")].map(a => a.href))""")
    return [[urllib.parse.unquote(urllib.parse.urlsplit(href).path + "#" + urllib.parse.urlsplit(href).fragment)
             for href in links] for links in items]




@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("label", ["補正", "待繳費", "登出倒數"])
def test_a_platform_label_on_the_english_site_finds_the_english_glossary_then_english_steps(page, site_data, label):
    results = search_results(page, "/en/guides/apply/", label)
    first = results[0]
    assert first[0].startswith("/en/glossary/"), results[:3]
    term = site_data.glossary.by_label[label]
    # Its row is in that result; Material splits a typed label into the index's shorter words, so rows of
    # longer labels that begin with it (「補正完成」 for 補正) may rank above it there.
    assert f"/en/glossary/#{term_anchor(term)}" in first, first
    assert all(link.startswith("/en/") for result in results for link in result), results
    guides = [result[0] for result in results[1:] if result[0].startswith("/en/guides/")]
    assert guides, f"no English step mentions {label}: {results}"
    text = page.locator(".md-search-result__item").nth(1 + [r[0] for r in results[1:]].index(guides[0])).inner_text()
    assert label in text.replace("\u200b", "")


@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("word", ["extension", "Supplementary"])
def test_an_english_word_on_the_chinese_site_finds_the_chinese_glossary(page, word):
    results = search_results(page, "/guides/apply/", word)
    assert results[0][0] == "/glossary/#", results
    assert all(not link.startswith("/en/") for result in results for link in result), results
    assert any("#term-" in link for link in results[0])


@pytest.mark.xdist_group("browser")
def test_chinese_pages_find_chinese_pages_only(page):
    results = search_results(page, "/", "延期")
    pages = [result[0] for result in results]
    assert any(link.startswith("/guides/extend/") for link in pages), pages
    assert all(not link.startswith("/en/") for result in results for link in result), results
