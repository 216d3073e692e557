"""Step numbering: ids unique within a guide, declared counts that match, and no step number typed by hand.

Step numbers follow from order (goldcard.load), so a number written in a text (`STEP 5`, `第 5 步`,
`步驟 5`, `steps 1-5`) goes stale as soon as a step is added above it: it is reported, with the step link
to write instead. (That an include names an existing block is checked by the loader, which cannot number
the guide without it.)
"""

from __future__ import annotations

import re
from typing import Iterator

from ..load import LoadedGuide, Site
from ..model import Include
from ..problems import Problem
from .where import Document, Page, all_texts

DIGITS = "0-9０-９"
WRITTEN_STEP_NUMBER = re.compile(
    rf"(?<![a-z])steps?\s*[{DIGITS}]+(?:\s*(?:[-–—~]|to|and)\s*[{DIGITS}]+)?"  # STEP 5, steps 1-5, Step 3 to 4
    rf"|第\s*[{DIGITS}一二三四五六七八九十]+\s*步"  # 第 5 步, 第五步
    rf"|步驟?\s*的?\s*[{DIGITS}]+(?:\s*[-–—~至到]\s*[{DIGITS}]+)?",  # 步驟 5, 步驟 1-5, 前一步的 1-5
    re.IGNORECASE,
)
FIX_WRITTEN = "step numbers follow from order and change when steps move: link to the step instead, " \
              "[](step:<guide>/<step id>) or [](step:<guide>/<first id>..<last id>)"


def step_items(loaded: LoadedGuide, site: Site) -> Iterator[tuple[tuple, str, str | None]]:
    """(loc in the guide file, step id, shared block) for every step, includes expanded, in order."""
    for s_index, section in enumerate(loaded.guide.sections):
        for i_index, item in enumerate(section.steps):
            loc = ("sections", s_index, "steps", i_index)
            if isinstance(item, Include):
                for step in site.blocks[item.include][0].steps:
                    yield loc + ("include",), step.id, item.include
            else:
                yield loc + ("id",), item.id, None


def check_ids(doc: Document, site: Site) -> list[Problem]:
    loaded = doc.guide
    assert loaded is not None
    problems = []
    first_seen: dict[str, tuple[int, str | None]] = {}
    for loc, step_id, block in step_items(loaded, site):
        line = doc.position(loc)[0]
        if step_id in first_seen:
            first_line, first_block = first_seen[step_id]
            origin = f" (from the shared block {block})" if block else ""
            other = f"the shared block {first_block} included on line {first_line}" if first_block else f"line {first_line}"
            problems.append(doc.problem(loc, f"the step id “{step_id}”{origin} is used twice in the guide "
                                        f"“{loaded.guide.slug}” (also {other})",
                                        "give each step its own id: links to steps use them"))
        else:
            first_seen[step_id] = (line, block)
    section_lines: dict[str, int] = {}
    for s_index, section in enumerate(loaded.guide.sections):
        loc = ("sections", s_index, "id")
        if section.id in section_lines:
            problems.append(doc.problem(loc, f"the section id “{section.id}” is used twice (also line "
                                        f"{section_lines[section.id]})", "give each section its own id"))
        else:
            section_lines[section.id] = doc.position(loc)[0]
    return problems


def check_counts(doc: Document) -> list[Problem]:
    loaded = doc.guide
    assert loaded is not None
    problems = []
    declared, found = loaded.guide.declared_steps, len(loaded.steps)
    if declared is not None and declared != found:
        problems.append(doc.problem(("declared_steps",), f"the guide “{loaded.guide.slug}” declares {declared} steps "
                                    f"but {found} render", "add or restore the missing steps, or correct "
                                    "declared_steps if the source's count was wrong"))
    for s_index, numbered in enumerate(loaded.sections):
        declared, found = numbered.section.declared_steps, len(numbered.steps)
        if declared is not None and declared != found:
            problems.append(doc.problem(("sections", s_index, "declared_steps"),
                                        f"the section “{numbered.section.id}” declares {declared} steps but "
                                        f"{found} render", "add or restore the missing steps, or correct "
                                        "declared_steps if the source's count was wrong"))
    return problems


def hint_for(written: str, doc: Document) -> str:
    """The step a single written number points to today, in the guide the text belongs to."""
    numbers = re.findall(rf"[{DIGITS}]+", written)
    if doc.guide is None or len(numbers) != 1:
        return FIX_WRITTEN
    number = int(numbers[0].translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    steps = doc.guide.steps
    if 1 <= number <= len(steps):
        return f"{FIX_WRITTEN}; in this guide, step {number} is now [](step:{doc.guide.guide.slug}/{steps[number - 1].step.id})"
    return f"{FIX_WRITTEN}; this guide has no step {number}"


def check_written_numbers(docs: list[Document], pages: list[Page]) -> list[Problem]:
    problems = []
    for item in all_texts(docs):
        for lang in ("zh", "en"):
            if "步" not in item.text[lang] and "step" not in item.text[lang].lower():
                continue  # most texts: no need for the regular expression
            for match in WRITTEN_STEP_NUMBER.finditer(item.text[lang]):
                problems.append(item.doc.problem(item.loc + (lang,), f"a step number is written by hand: “{match[0]}”",
                                                 hint_for(match[0], item.doc), match.start(), match[0]))
    for page in pages:
        for number, line in enumerate(page.lines, start=1):
            for match in WRITTEN_STEP_NUMBER.finditer(line):
                problems.append(page.problem(number, match.start() + 1, f"a step number is written by hand: “{match[0]}”",
                                             FIX_WRITTEN))
    return problems


def check_series(docs: list[Document]) -> list[Problem]:
    """Each guide has its own number in the series and its own slug (its address)."""
    problems = []
    seen: dict[tuple[str, object], Document] = {}
    for doc in docs:
        if doc.guide is None:
            continue
        for key in ("number", "slug"):
            value = getattr(doc.guide.guide, key)
            other = seen.setdefault((key, value), doc)
            if other is not doc:
                problems.append(doc.problem((key,), f"the {key} {value} is also that of {other.path.name}",
                                            f"give each guide its own {key}"))
    return problems


def check_numbering(site: Site, docs: list[Document], pages: list[Page]) -> list[Problem]:
    problems = check_series(docs)
    for doc in docs:
        if doc.guide is not None:
            problems += check_ids(doc, site) + check_counts(doc)
    return problems + check_written_numbers(docs, pages)
