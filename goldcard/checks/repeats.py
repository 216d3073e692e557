"""Each fact once: a sentence a guide page would show twice, such as an intro and a notice saying the same.

A guide page is its intro, notices and checklist, then its steps, shared ones included. A sentence of the
guide's own texts must not appear again anywhere on the page, and within one step a note must not repeat the
body. Steps may repeat each other ("When this tab is complete, click 「下一頁」." on every tab): each is a
screen of its own. Titles and link labels are headings, not facts, and short sentences are left alone.
Sentences are compared without Markdown and spacing, in each language, and two texts whose sentences differ
by a word or two (將/會) count as the same; within one text only an exact repeat does, since the items of a
list are alike on purpose.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ..model import Guide, Include, Text
from ..problems import Problem
from .where import Document, Loc

SENTENCE = {"zh": re.compile(r"[^。！？\n]+[。！？]?"), "en": re.compile(r"[^\n]+?(?:[.!?](?=\s|$)|$)")}
MIN_LENGTH = {"zh": 12, "en": 40}
SIMILAR = 0.85  # share of characters in common for two sentences to be one fact said twice  # characters once normalized: shorter sentences are phrases, not facts
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\*\*|__|`|^\s*(?:[-*]|\d+\.)\s+", re.M)


def normalized(sentence: str) -> str:
    return " ".join(MARKUP.sub(lambda match: match[1] or "", sentence).split()).strip(" ：:;；")


@dataclass(frozen=True)
class Sentence:
    doc: Document
    loc: Loc  # the text's, with the language
    offset: int
    raw: str
    block: Loc  # () for the guide's own texts, else the step's path

    def needle(self) -> str:
        return self.raw.strip().split("\n")[0][:20]

    def line(self) -> int:
        return self.doc.position(self.loc, self.offset + self.raw.find(self.needle()), self.needle())[0]


def sentences(doc: Document, loc: Loc, text: Text, block: Loc) -> Iterator[tuple[str, Sentence]]:
    for lang in ("zh", "en"):
        for match in SENTENCE[lang].finditer(text[lang]):
            key = normalized(match[0])
            if len(key) >= MIN_LENGTH[lang]:
                yield lang + ":" + key, Sentence(doc, loc + (lang,), match.start(), match[0], block)


def is_heading(loc: Loc) -> bool:
    return loc[-1] == "title" or (len(loc) >= 3 and loc[-3] == "links")


def page_texts(doc: Document, blocks: dict[str, Document]) -> Iterator[tuple[Document, Loc, Text, Loc]]:
    """(file, path, text, block) of everything a guide page shows, in page order, shared steps included."""
    for loc, obj in doc.nodes:
        if isinstance(obj, Include) and obj.include in blocks:
            shared = blocks[obj.include]
            for shared_loc, shared_obj in shared.nodes:
                if isinstance(shared_obj, Text) and len(shared_loc) > 2 and not is_heading(shared_loc):
                    yield shared, shared_loc, shared_obj, loc + shared_loc[:2]
        elif isinstance(obj, Text) and not is_heading(loc):
            block = loc[:4] if loc[:1] == ("sections",) else ()
            yield doc, loc, obj, block


@functools.lru_cache(maxsize=4096)
def _characters(sentence: str) -> Counter[str]:
    return Counter(sentence)


# Cached: each preview rebuild (`make serve`) compares the same sentences again, all but the few just edited.
@functools.lru_cache(maxsize=1 << 16)
def similar(a: str, b: str) -> bool:
    """Nearly the same sentence: one word changed (將/會, must/should) is still the same fact said twice."""
    # difflib's ratio is at most 2·shorter/(a+b), and at most 2·(characters in common)/(a+b): both bounds are
    # cheap next to the ratio itself, and rule out most pairs.
    if 2 * min(len(a), len(b)) < SIMILAR * (len(a) + len(b)):
        return False
    if 2 * sum((_characters(a) & _characters(b)).values()) < SIMILAR * (len(a) + len(b)):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def repeated(sentence: Sentence, key: str, seen: dict[str, list[tuple[str, Sentence]]]) -> Sentence | None:
    """The earlier sentence of the page that this one repeats, if any; steps may repeat each other."""
    for earlier_key, earlier in seen.get(key[:3], []):
        if earlier.block and sentence.block and earlier.block != sentence.block:
            continue  # two steps may say the same: each is a screen of its own
        if earlier_key == key:
            return earlier
        if earlier.loc != sentence.loc and similar(earlier_key, key):
            return earlier  # within one text, parallel items of a list are alike on purpose
    return None


def check_repeats(docs: list[Document]) -> list[Problem]:
    blocks = {doc.name.removeprefix("shared block "): doc for doc in docs if doc.name.startswith("shared block ")}
    problems = []
    for doc in (doc for doc in docs if isinstance(doc.model, Guide)):
        seen: dict[str, list[tuple[str, Sentence]]] = {}  # by language
        reported: set[tuple[Loc, Loc]] = set()
        for text_doc, loc, text, block in page_texts(doc, blocks):
            for key, sentence in sentences(text_doc, loc, text, block):
                first = repeated(sentence, key, seen)
                seen.setdefault(key[:3], []).append((key, sentence))
                if first is None:
                    continue
                pair = (first.loc[:-1], sentence.loc[:-1])
                if pair in reported:
                    continue  # the Chinese and the English of the same repeat: one report
                reported.add(pair)
                problems.append(text_doc.problem(
                    sentence.loc,
                    f"the {doc.name} page already shows this sentence (line {first.line()}"
                    f"{'' if first.doc is text_doc else ' of ' + first.doc.path.name}): “{sentence.needle()}…”",
                    "say it once: keep it where it matters most and leave it out here, or link to that step "
                    "with [](step:guide/id)", sentence.offset + sentence.raw.find(sentence.needle()),
                    sentence.needle()))
    return problems
