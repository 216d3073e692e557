"""Search in the page's language: one index per language, each with the glossary's terms (goldcard/search.py).

mkdocs-static-i18n writes one index of both languages once its last language is built, in its on_post_build
(priority -100); this hook runs after it, splits that index by language, and adds an entry per glossary term.
Each English page's Material `base` then points at `en/`, where its index is. The i18n plugin also calls this
hook at the end of each language's own build (with one language in the index): the outermost call, last,
writes the final indexes. Before any page is indexed, the glossary's labels join the segmenter's dictionary
(beside data/jieba_user_dict.txt), so that 「待繳費」 is one word in the index and not 待 and 繳費.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from goldcard.load import last_loaded_site, load_site_cached
from goldcard.model import Glossary, Lang
from goldcard.problems import DataError
from goldcard.search import glossary_entries, label_words, search_from_root, segment_chinese, split_by_language, with_glossary

INDEX = Path("search") / "search_index.json"
GLOSSARY_PAGE = "glossary/"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def language_roots(config: MkDocsConfig) -> dict[Lang, str]:
    """Each language's folder in the built site: "" for the default language, "en/" for English."""
    languages = config.plugins["i18n"].config.languages
    return {("zh" if str(language.locale).startswith("zh") else "en"): ("" if language.default else f"{language.locale}/")
            for language in languages}


def glossary_to_index() -> Glossary:
    try:
        return load_site_cached(DATA_DIR).glossary
    except DataError:
        # Only reached while serving (hooks/pages.py stops a build on broken data before this runs, and keeps
        # the last data that loaded in a preview): the index keeps the glossary of that data, too.
        last = last_loaded_site(DATA_DIR)
        return last.glossary if last is not None else Glossary(terms=[])


@event_priority(-50)  # after Material's search plugin has loaded data/jieba_user_dict.txt
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    words = label_words(glossary_to_index())
    for word in words:
        jieba.add_word(word)
    remember_segmentation(config, words)
    return config


class RememberedCuts:
    """Material cuts every page's Chinese into words again on each rebuild of `make serve`, though all but the
    page just edited are unchanged (a sixth of a rebuild), and so do the glossary's entries here: the cuts are
    kept, under the dictionary they were cut with (the segmenter's user dictionary and the glossary's labels),
    which a change to either drops. MkDocs loads a hook once per `mkdocs serve`, so they outlive a rebuild."""

    LIMIT = 20_000  # a few builds' worth of pages' titles and sections; a long preview starts again past it

    def __init__(self) -> None:
        self.dictionary = ""
        self._cuts: dict[tuple[str, str], str] = {}

    def use_dictionary(self, user_dictionary: Path, words: list[str]) -> None:
        text = user_dictionary.read_text(encoding="utf-8") if user_dictionary.is_file() else ""
        dictionary = hashlib.sha256("\n".join([text, *words]).encode("utf-8")).hexdigest()
        if dictionary != self.dictionary or len(self._cuts) > self.LIMIT:
            self.dictionary, self._cuts = dictionary, {}

    def cut(self, cutter: str, text: str, cut: Callable[[str], str]) -> str:
        key = (cutter, text)  # Material's cut and ours are kept apart, should they ever differ
        if key not in self._cuts:
            self._cuts[key] = cut(text)
        return self._cuts[key]


_cuts = RememberedCuts()


def remember_segmentation(config: MkDocsConfig, words: list[str]) -> None:
    search = config.plugins.get("material/search")
    _cuts.use_dictionary(Path(config.config_file_path).parent / (search.config.jieba_dict_user or ""), words)
    index = getattr(search, "search_index", None)  # made by the search plugin's own on_config, just before this
    material_cut = getattr(index, "_segment_chinese", None)
    if material_cut is not None:  # else another Material, which cuts as it always did
        index._segment_chinese = lambda text: _cuts.cut("material", text, material_cut)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    roots = language_roots(config)
    root = next((root for root in sorted(roots.values(), key=len, reverse=True) if page.url.startswith(root)), "")
    return search_from_root(output, root)


@event_priority(-150)  # after the i18n plugin has written the index of both languages
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    path = site_dir / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    roots = language_roots(config)
    glossary = glossary_to_index()
    for lang, own in split_by_language(index, roots).items():
        entries = glossary_entries(glossary, lang, GLOSSARY_PAGE,
                                   lambda text: _cuts.cut("glossary", text, lambda run: segment_chinese(run, jieba.cut)))
        target = site_dir / roots[lang] / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(with_glossary(own, entries), ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
