"""Sketches: what a step's `sketch:` names exists in data/platform.yaml, its labels have glossary entries, and
what it marks is on the screen and named by the step's own text (a reader is told to use what is marked).

Listed apart, never failing a build: the steps that describe a screen and have no sketch of it yet.
"""

from __future__ import annotations

from ..load import Site, load_site_cached
from ..model import Platform, SharedBlock, Guide, Sketch, Step
from ..problems import DataError, Problem
from ..sketch_labels import platform_labels, sketch_labels
from .config import CheckConfig
from .glossary import fix_for
from .where import Document, Loc, documents


def sketched_steps(doc: Document) -> list[tuple[Loc, Step]]:
    return [(loc, obj) for loc, obj in doc.nodes if isinstance(obj, Step)]


def check_sketches(site: Site, docs: list[Document]) -> list[Problem]:
    platform = site.platform
    if platform is None:
        return []  # the loader reported the file
    known = list(site.glossary.by_label)
    known_set = set(known)
    problems: list[Problem] = []
    for doc in docs:
        if isinstance(doc.model, Platform):
            for label, loc in platform_labels(doc.model):
                if label not in known_set:
                    problems.append(doc.problem(loc, f"「{label}」 has no glossary entry", fix_for(label, known)))
        if not isinstance(doc.model, (Guide, SharedBlock)):
            continue
        for loc, step in sketched_steps(doc):
            if step.sketch is not None:
                problems += check_sketch(doc, loc + ("sketch",), step, step.sketch, platform, known, known_set)
    return problems


def check_sketch(doc: Document, loc: Loc, step: Step, sketch: Sketch, platform: Platform, known: list[str],
                 known_set: set[str]) -> list[Problem]:
    problems = references(doc, loc, sketch, platform)
    shown = sketch_labels(sketch, platform)
    for item in shown:
        if item.in_sketch and item.label not in known_set:
            problems.append(doc.problem(loc + item.loc, f"「{item.label}」 has no glossary entry", fix_for(item.label, known)))
    labels = {item.label for item in shown}
    mentioned = set(step.labels())
    for index, mark in enumerate(sketch.marks):
        where = loc + ("marks", index)
        if mark not in labels:
            problems.append(doc.problem(where, f"the sketch marks 「{mark}」, which it does not show",
                                        "mark a label the sketch shows (its parts, or the platform's menus, tabs and "
                                        "buttons it names), or add the part that shows it"))
        elif mark not in mentioned:
            problems.append(doc.problem(where, f"the sketch marks 「{mark}」, which the step's text never mentions",
                                        f"say in the step's title or body what to do with 「{mark}」, or unmark it"))
        if mark in sketch.marks[:index]:
            problems.append(doc.problem(where, f"「{mark}」 is marked twice", "mark it once"))
    return problems


def references(doc: Document, loc: Loc, sketch: Sketch, platform: Platform) -> list[Problem]:
    """The sketch's names of platform parts, each of which data/platform.yaml must have."""
    problems = []

    def missing(key: Loc, what: str, name: str, choices: list[str]) -> None:
        problems.append(doc.problem(loc + key, f"data/platform.yaml has no {what} {name!r}",
                                    f"use one of: {', '.join(choices) or 'none yet'}, or add it to data/platform.yaml"))

    bar = platform.menu_bar(sketch.menu_bar) if sketch.menu_bar else None
    if sketch.menu_bar and bar is None:
        missing(("menu_bar",), "menu bar", sketch.menu_bar, [b.id for b in platform.menu_bars])
    if sketch.open_menu:
        menus = [menu.label for menu in bar.menus] if bar else []
        if bar is None and not sketch.menu_bar:
            problems.append(doc.problem(loc + ("open_menu",), "an open menu needs a menu bar", "add `menu_bar:`"))
        elif bar is not None and sketch.open_menu not in menus:
            missing(("open_menu",), f"menu in the menu bar {bar.id!r} called", sketch.open_menu, menus)
        elif bar is not None and not next(m for m in bar.menus if m.label == sketch.open_menu).entries:
            missing(("open_menu",), "entries for the menu", sketch.open_menu, [m.label for m in bar.menus if m.entries])
    tabs = platform.tab_strip(sketch.tabs) if sketch.tabs else None
    if sketch.tabs and tabs is None:
        missing(("tabs",), "tab strip", sketch.tabs, [t.id for t in platform.tabs])
    if sketch.current_tab:
        if not sketch.tabs:
            problems.append(doc.problem(loc + ("current_tab",), "a current tab needs a tab strip", "add `tabs:`"))
        elif tabs is not None and sketch.current_tab not in tabs.tabs:
            missing(("current_tab",), f"tab in the strip {tabs.id!r} called", sketch.current_tab, tabs.tabs)
    dialog_parts = sketch.dialog.parts if sketch.dialog else []
    for key, parts in ((("parts",), sketch.parts), (("dialog", "parts"), dialog_parts)):
        for index, part in enumerate(parts):
            row_id = getattr(part, "button_row", None)
            if row_id is not None and platform.button_row(row_id) is None:
                missing(key + (index, "button_row"), "button row", row_id, [r.id for r in platform.button_rows])
    if sketch.dialog and sketch.dialog.use and platform.dialog(sketch.dialog.use) is None:
        missing(("dialog", "use"), "dialog", sketch.dialog.use, [d.id for d in platform.dialogs])
    return problems


def unsketched(docs: list[Document]) -> list[Problem]:
    """Each step of these files that describes its screen and has no sketch of it, at its `screen:`."""
    found = []
    for doc in docs:
        if not isinstance(doc.model, (Guide, SharedBlock)):
            continue
        for loc, step in sketched_steps(doc):
            if step.screen is not None and step.sketch is None:
                found.append(doc.problem(loc + ("screen",), f"left to draw: step {step.id!r} describes its screen "
                                         "and has no sketch of it", "add `sketch:` (see data/README.md, Sketches)"))
    return sorted(found)


def sketches_left(config: CheckConfig) -> list[Problem]:
    """`unsketched` for the whole data; none when the data does not load (the problems say why)."""
    try:
        site = load_site_cached(config.data_dir)
    except DataError:
        return []
    return unsketched(documents(site))
