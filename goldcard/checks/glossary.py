"""Glossary: every platform label written 「...」 has an entry in data/glossary.yaml, and only one.

English pages show a label as 「中文」 (English) with the English from the glossary; a label without an entry
would show no English at all. In the guides and shared blocks (steps, notices, intro, checklist), 「」 marks
a label in both languages. Elsewhere (the glossary's own explanations, the deadline rules, the site's words,
the Markdown pages) Chinese prose also uses 「」 as quotation marks, so there a label is what the English
text, or an English page, writes in 「」.
"""

from __future__ import annotations

import difflib

from ..load import Site
from ..model import LABEL_PATTERN, Guide, SharedBlock, Term
from ..problems import Problem
from .where import Document, Page, all_texts


def fix_for(label: str, known: list[str]) -> str:
    close = difflib.get_close_matches(label, known, n=3, cutoff=0.6)
    add = f"add it to data/glossary.yaml (zh: {label}, en, kind, explain)"
    if close:
        return f"did you mean {' or '.join(f'「{c}」' for c in close)}? otherwise {add}"
    return add


def check_glossary(site: Site, docs: list[Document], pages: list[Page]) -> list[Problem]:
    problems: list[Problem] = []
    known = list(site.glossary.by_label)  # in order, for the suggestions
    known_set = set(known)
    # One report per missing label and file, at its first place, so that one missing entry is one line to read.
    reported: dict[tuple[str, str], int] = {}
    later: dict[tuple[str, str], int] = {}
    for item in all_texts(docs):
        in_guide = isinstance(item.doc.model, (Guide, SharedBlock))
        for lang in ("zh", "en") if in_guide else ("en",):
            if "「" not in item.text[lang]:
                continue
            for match in LABEL_PATTERN.finditer(item.text[lang]):
                label = match[1]
                if label in known_set:
                    continue
                key = (str(item.doc.path), label)
                if key in reported:
                    later[key] = later.get(key, 0) + 1
                    continue
                reported[key] = len(problems)
                problems.append(item.doc.problem(item.loc + (lang,), f"「{label}」 has no glossary entry",
                                                 fix_for(label, known), match.start(), match[0]))
    for page in (page for page in pages if page.lang == "en"):
        for number, line in enumerate(page.lines, start=1):
            for match in LABEL_PATTERN.finditer(line):
                key = (str(page.path), match[1])
                if match[1] in known_set or key in reported:
                    continue
                reported[key] = len(problems)
                problems.append(page.problem(number, match.start() + 1, f"「{match[1]}」 has no glossary entry",
                                             fix_for(match[1], known)))
    for key, count in later.items():
        index = reported[key]
        first = problems[index]
        places = "place" if count == 1 else "places"
        problems[index] = Problem(first.path, first.line, first.column,
                                  f"{first.message} (used in {count} more {places} in this file)", first.fix)
    return problems + duplicate_terms(site, docs)


def duplicate_terms(site: Site, docs: list[Document]) -> list[Problem]:
    glossary_doc = next((doc for doc in docs if doc.model is site.glossary), None)
    if glossary_doc is None:
        return []
    problems = []
    first_line: dict[str, int] = {}
    for loc, obj in glossary_doc.nodes:
        if isinstance(obj, Term):
            line = glossary_doc.position(loc + ("zh",))[0]
            if obj.zh in first_line:
                problems.append(glossary_doc.problem(loc + ("zh",), f"「{obj.zh}」 is in the glossary twice (also line "
                                                     f"{first_line[obj.zh]})", "merge the two entries into one"))
            else:
                first_line[obj.zh] = line
    return problems
