"""The search index, one per language: the pages of a language find only that language's pages.

Material for MkDocs writes one index (`search/search_index.json`) and mkdocs-static-i18n fills it with both
languages, so a Chinese label typed on an English page listed the Chinese pages first. `split_by_language`
makes one index per language root instead (`search/` for the default language, `en/search/` for English),
with each entry's address relative to that root, as Material's search reads it from the page's `base`.

Each glossary term also gets an entry of its own (`glossary_entries`), pointing at its row: a platform label
typed in the search box finds the term that explains it, above the steps that merely use it. Its title holds
the Chinese and the English, so either finds it on the pages of both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .model import Glossary, Lang
from .pages import term_anchor

SearchIndex = dict[str, object]  # {"config": {...}, "docs": [{"location", "title", "text", ...}]}

# A glossary term's own entry ranks above a step with the same label in its title: the term explains it.
TERM_BOOST = 2
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Material writes the zero-width space between the words it segmented; lunr splits on it.
WORD_BREAK = "\u200b"


def language_of(location: str, roots: Mapping[Lang, str]) -> Lang:
    """The language whose root holds a page: the longest root that begins its address."""
    matching = [(len(root), lang) for lang, root in roots.items() if location.startswith(root)]
    return max(matching)[1]


def split_by_language(index: SearchIndex, roots: Mapping[Lang, str]) -> dict[Lang, SearchIndex]:
    """One index per language, each entry's address made relative to its language's root ("" or "en/")."""
    docs: dict[Lang, list[dict[str, object]]] = {lang: [] for lang in roots}
    for entry in index["docs"]:  # type: ignore[union-attr]
        lang = language_of(str(entry["location"]), roots)
        docs[lang].append({**entry, "location": str(entry["location"])[len(roots[lang]):]})
    return {lang: {**index, "docs": entries} for lang, entries in docs.items()}


def glossary_entries(glossary: Glossary, lang: Lang, glossary_page: str,
                     segment: Callable[[str], str]) -> list[dict[str, object]]:
    """An entry per term, at its row of the language's glossary page, in Material's format (text segmented
    as Material segments Chinese)."""
    entries = []
    for term in glossary.terms:
        text = term.explain[lang] + (f" {term.next[lang]}" if term.next else "")
        entries.append({"location": f"{glossary_page}#{term_anchor(term)}",
                        "title": segment(f"「{term.zh}」 {term.en}"),
                        "text": segment(text.strip()),
                        "boost": TERM_BOOST})
    return entries


def with_glossary(index: SearchIndex, entries: list[dict[str, object]]) -> SearchIndex:
    """The index with the glossary's entries, once each however often the build passes (a rebuild re-adds)."""
    locations = {entry["location"] for entry in entries}
    kept = [entry for entry in index["docs"] if entry["location"] not in locations]  # type: ignore[union-attr]
    return {**index, "docs": kept + entries}


def label_words(glossary: Glossary) -> list[str]:
    """The words a platform label is made of, whole ("IC卡待製證" gives "卡待製證"; "補正(件)列表" gives "補正"
    and "列表"), for the segmenter's dictionary: a label typed in the box is one word, as it is in the index,
    not single characters that match everything."""
    return sorted({run for term in glossary.terms for run in HAN.findall(term.zh) if len(run) > 1})


def segment_chinese(text: str, cut: Callable[[str], object]) -> str:
    """Chinese runs cut into words and set off by zero-width spaces, as Material's search plugin writes them,
    so that a label typed in the box matches the same words here as in the pages."""
    return HAN.sub(lambda run: WORD_BREAK + WORD_BREAK.join(cut(run[0])) + WORD_BREAK, text).strip(WORD_BREAK)  # type: ignore[arg-type]


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)(")')


def search_from_root(page_html: str, root: str) -> str:
    """The page with Material's `base` (where its search reads the index and resolves the results' addresses)
    moved from the site's root to the language's root ("en/"): the page searches its own language's index.
    The slash ends it, as a folder: Material resolves `search/search_index.json` against it."""
    if not root:
        return page_html
    return CONFIG_BASE.sub(lambda match: f"{match[1]}{match[2]}/{root}{match[3]}", page_html, count=1)
