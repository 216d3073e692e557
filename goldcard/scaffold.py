"""A new guide: its data file with every text in both languages, its two pages under docs/guides/, and its
line in mkdocs.yml's nav, so that it builds, passes validation and shows in both languages' navigation.

The texts are placeholders that say what to write; the editor replaces them (README.md, "For editors").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .yaml_text import pair

NAV_GUIDE = re.compile(r"^(?P<indent>\s*)- (?:[^:\n]+:\s*)?guides/(?P<slug>[a-z0-9-]+)\.md\s*$")
GUIDE_FILE = re.compile(r"^(?P<number>\d+)-(?P<slug>[a-z0-9-]+)\.yaml$")


class ScaffoldError(Exception):
    """The guide cannot be created as asked; the message says why and what to do."""


# The texts a new guide starts with, each saying what to write: (zh, en). `make check` and every build list
# those still there (goldcard/checks/placeholders.py), as what is left to write.
SUMMARY = ("（請寫一句話說明這篇教學的用途。）", "(Write one line on what this guide is for.)")
STEP_TITLE = ("（請寫這個步驟要做什麼。）", "(Write what this step does.)")
STEP_BODY = ("（請寫操作說明；平臺上的按鈕和選單名稱寫在「」中，並加入 data/glossary.yaml。）",
             "(Write the instructions; put the names of the platform's buttons and menus, in Chinese, "
             "inside 「」, and add them to data/glossary.yaml.)")
PLACEHOLDERS = frozenset(SUMMARY + STEP_TITLE + STEP_BODY)
PLACEHOLDER_OPENINGS = ("（請寫", "(Write ")  # how each begins, short enough to survive YAML's line folding


@dataclass(frozen=True)
class NewGuide:
    number: int
    slug: str
    title_zh: str
    title_en: str
    summary_zh: str = SUMMARY[0]
    summary_en: str = SUMMARY[1]
    login: bool = False  # start with the shared login steps (data/shared/login.yaml)
    date: dt.date = dt.date(2000, 1, 1)


def guide_yaml(new: NewGuide) -> str:
    date = new.date.isoformat()
    steps = "      - include: login\n" if new.login else ""
    steps += ("      - id: first-step\n"
              + pair("title", *STEP_TITLE, "        ")
              + pair("body", *STEP_BODY, "        "))
    return ("# yaml-language-server: $schema=../schema/guide.schema.json\n"
            f"# Guide {new.number} of the series, created by scripts/new_guide.py on {date}. Replace every text in\n"
            "# parentheses; README.md (\"For editors\") says how, and `make check` finds what is left to fix.\n"
            f"number: {new.number}\n"
            f"slug: {new.slug}\n"
            + pair("title", new.title_zh, new.title_en, "")
            + pair("summary", new.summary_zh, new.summary_en, "")
            + pair("author", "就業金卡辦公室", "Taiwan Gold Card Office", "")
            + f"created: {date}\nupdated: {date}\n\nsections:\n  - id: steps\n"
            + pair("title", "操作步驟", "Steps", "    ")
            + "    steps:\n" + steps)


def page_text(slug: str) -> str:
    return f"---\ngoldcard: guide\nguide: {slug}\n---\n"


def existing_guides(data_dir: Path) -> dict[str, int]:
    """slug -> number of the guides in data/guides/, from their file names (<number>-<slug>.yaml)."""
    found = {}
    for path in (data_dir / "guides").glob("*.yaml"):
        match = GUIDE_FILE.match(path.name)
        if match:
            found[match["slug"]] = int(match["number"])
    return found


def add_to_nav(mkdocs_text: str, slug: str, number: int, numbers: dict[str, int]) -> str:
    """mkdocs.yml with `- guides/<slug>.md` among the other guides of the nav, in series order."""
    lines = mkdocs_text.split("\n")
    entries = [(index, match) for index, line in enumerate(lines) if (match := NAV_GUIDE.match(line))]
    if any(match["slug"] == slug for _, match in entries):
        return mkdocs_text
    if not entries:
        raise ScaffoldError("mkdocs.yml has no `- guides/<slug>.md` line in its nav to put the new guide beside; "
                            "add `- guides/" + slug + ".md` to the nav by hand")
    before = [(index, match) for index, match in entries if numbers.get(match["slug"], 0) < number]
    index, match = before[-1] if before else entries[0]
    at = index + 1 if before else index
    lines.insert(at, f"{match['indent']}- guides/{slug}.md")
    return "\n".join(lines)


def create_guide(root: Path, new: NewGuide) -> list[Path]:
    """Write the data file and the pages, and add the nav entry; refuses to overwrite anything."""
    data_dir = root / "data"
    numbers = existing_guides(data_dir)
    if new.slug in numbers:
        raise ScaffoldError(f"a guide with the slug {new.slug!r} exists already (data/guides/"
                            f"{numbers[new.slug]:02d}-{new.slug}.yaml); choose another slug")
    taken = {number: slug for slug, number in numbers.items()}
    if new.number in taken:
        raise ScaffoldError(f"guide number {new.number} is taken by {taken[new.number]!r}; "
                            f"free numbers include {max(taken, default=0) + 1}")
    data_file = data_dir / "guides" / f"{new.number:02d}-{new.slug}.yaml"
    pages = [root / "docs" / "guides" / f"{new.slug}.md", root / "docs" / "guides" / f"{new.slug}.en.md"]
    for path in [data_file, *pages]:
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} exists already; remove it or choose another slug")
    mkdocs_yml = root / "mkdocs.yml"
    nav = add_to_nav(mkdocs_yml.read_text(encoding="utf-8"), new.slug, new.number, numbers)
    data_file.write_text(guide_yaml(new), encoding="utf-8")
    for page in pages:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(page_text(new.slug), encoding="utf-8")
    mkdocs_yml.write_text(nav, encoding="utf-8")
    return [data_file, *pages, mkdocs_yml]
