"""Translations: every text has both languages, and the English is English.

Reported: an empty `zh` or `en`; English that still holds Chinese outside 「」 (platform labels stay Chinese
there, and the glossary gives their English); a Chinese text identical to its English, which is a copy
that nobody translated (unless it is only platform labels, which both languages write alike). Glossary
terms are checked the same way (their `zh` is the platform's label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..model import LABEL_PATTERN, Term
from ..problems import Problem
from .where import Document, Loc, all_texts

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def chinese_outside_labels(english: str) -> re.Match[str] | None:
    """The first run of Chinese characters in an English text that is not inside 「」."""
    blanked = LABEL_PATTERN.sub(lambda match: " " * len(match[0]), english)
    return HAN.search(blanked)


def only_labels(text: str) -> bool:
    """A text that is nothing but platform labels (「勞發署審查」) is written the same in both languages."""
    return bool(LABEL_PATTERN.search(text)) and not LABEL_PATTERN.sub("", text).strip(" 、,;/／")


def shorten(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass(frozen=True)
class Pair:
    """A Chinese and an English text that say the same thing: a Text, or a glossary term's label and name."""

    doc: Document
    loc: Loc
    zh: str
    en: str


def pairs(docs: list[Document]) -> Iterator[Pair]:
    for item in all_texts(docs):
        yield Pair(item.doc, item.loc, item.text.zh, item.text.en)
    for doc in docs:
        for loc, obj in doc.nodes:
            if isinstance(obj, Term):
                yield Pair(doc, loc, obj.zh, obj.en)


def untranslated(pair: Pair) -> list[tuple[str, str, str, int | None, str | None]]:
    """(language, message, fix, offset, needle) for what is missing or wrong in one pair."""
    found = []
    if not pair.zh.strip():
        found.append(("zh", "the Chinese text is empty", "write it: the Chinese is the original text", None, None))
    if not pair.en.strip():
        what = f"translate the Chinese: “{shorten(pair.zh)}”" if pair.zh.strip() else "write it"
        found.append(("en", "the English text is empty", what, None, None))
        return found
    chinese = chinese_outside_labels(pair.en)
    if chinese:
        found.append(("en", f"the English text contains Chinese outside 「」: “{chinese[0]}”",
                      "translate it; a platform label stays Chinese inside 「」 (the glossary gives its English)",
                      chinese.start(), chinese[0]))
    if pair.zh.strip() and pair.zh.strip() == pair.en.strip() and not only_labels(pair.zh):
        found.append(("zh", f"the Chinese text is the same as the English: “{shorten(pair.zh)}”",
                      "translate one of them: each language has its own text", None, None))
    return found


def check_translations(docs: list[Document]) -> list[Problem]:
    problems = []
    for pair in pairs(docs):
        for lang, message, fix, offset, needle in untranslated(pair):
            problems.append(pair.doc.problem(pair.loc + (lang,), message, fix, offset, needle))
    return problems


@dataclass(frozen=True)
class TranslationStatus:
    """How far one data file is translated: its texts, and the problems of those that are not."""

    doc: Document
    texts: int
    untranslated: int  # texts with at least one problem
    problems: list[Problem]


def translation_status(docs: list[Document]) -> list[TranslationStatus]:
    statuses = []
    for doc in docs:
        found = [(pair, untranslated(pair)) for pair in pairs([doc])]
        problems = [pair.doc.problem(pair.loc + (lang,), message, fix, offset, needle)
                    for pair, issues in found for lang, message, fix, offset, needle in issues]
        statuses.append(TranslationStatus(doc, len(found), sum(1 for _, issues in found if issues), sorted(problems)))
    return statuses
