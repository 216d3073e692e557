"""One term, one English name: where a Chinese text names a term, its English uses the term's English.

A glossary entry may say, in `prose_en`, which English running text must use for its term (統一證號 is
"Unified ID Number", never "UI number" in one place and "resident certificate number" in another). Where a
Chinese text uses the term outside 「」, the English of the same text must contain those words, or the
platform label 「統一證號」 itself (an English page shows it with the glossary's English beside it).
Inside 「」 the Chinese is a label, which the glossary check already covers; so is a longer glossary label
that holds the term (外交部審查, 移民署初審), quoted or not: it names a stage, whose English is its own.
"""

from __future__ import annotations

from ..load import Site
from ..model import LABEL_PATTERN, Term
from ..problems import Problem
from .where import all_texts, Document


def blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def outside_labels(text: str, longer: list[str]) -> str:
    """The text with every 「label」 blanked out, same length, so that offsets still point into the text; and
    the longer labels that hold the term (外交部審查 holds 外交部) even unquoted, as they name something else."""
    text = LABEL_PATTERN.sub(lambda match: " " * len(match[0]), text)
    for label in longer:
        at = text.find(label)
        while at >= 0:
            text = blank(text, at, at + len(label))
            at = text.find(label, at + len(label))
    return text


def uses_english(english: str, term: Term) -> bool:
    return term.prose_en.casefold() in english.casefold() or f"「{term.zh}」" in english


def check_terminology(site: Site, docs: list[Document]) -> list[Problem]:
    terms = [term for term in site.glossary.terms if term.prose_en]
    if not terms:
        return []
    labels = [term.zh for term in site.glossary.terms]
    longer = {term.zh: sorted((label for label in labels if term.zh in label and label != term.zh), key=len,
                              reverse=True) for term in terms}
    problems = []
    for item in all_texts(docs):
        for term in terms:
            if term.zh not in item.text.zh:
                continue
            at = outside_labels(item.text.zh, longer[term.zh]).find(term.zh)
            if at < 0 or uses_english(item.text.en, term):
                continue
            line, _ = item.doc.position(item.loc + ("zh",), at, term.zh)
            problems.append(item.doc.problem(
                item.loc + ("en",),
                f"the Chinese says {term.zh} (line {line}) but the English does not say “{term.prose_en}”",
                f"use “{term.prose_en}” in the English, the name data/glossary.yaml gives {term.zh} (prose_en)"))
    return problems
