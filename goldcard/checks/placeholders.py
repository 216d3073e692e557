"""Texts that scripts/new_guide.py wrote for the editor to replace (goldcard.scaffold.PLACEHOLDERS).

They are what is left to write, not mistakes: a new guide builds and previews from its first minute, so they
are listed apart from the problems, by `make check` and on every build, and do not fail `--strict`.
"""

from __future__ import annotations

from ..load import load_site_cached
from ..problems import DataError, Problem
from ..scaffold import PLACEHOLDER_OPENINGS, PLACEHOLDERS
from .config import CheckConfig
from .where import all_texts, documents


def placeholders_left(config: CheckConfig) -> list[Problem]:
    """Each placeholder still in the data, `path:line:column: what; fix`; none when the data does not load."""
    try:
        site = load_site_cached(config.data_dir)
    except DataError:
        return []  # the problems say why; the placeholders wait until the data loads
    # Only the files that hold a placeholder's opening words are walked: the rest is one substring search.
    docs = [doc for doc in documents(site)
            if any(opening in doc.path.read_text(encoding="utf-8") for opening in PLACEHOLDER_OPENINGS)]
    found = []
    for item in all_texts(docs):
        for lang, language in (("zh", "Chinese"), ("en", "English")):
            if item.text[lang].strip() in PLACEHOLDERS:
                found.append(item.doc.problem(item.loc + (lang,), f"left to write: the {language} text is still "
                                              "the placeholder from scripts/new_guide.py",
                                              "replace it with this guide's own text"))
    return sorted(found)
