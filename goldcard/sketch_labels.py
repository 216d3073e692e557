"""The labels a sketch shows, with where each is written: one walk over a sketch, for the renderer and the checks.

A label is written either in the step's own `sketch:` (its path of keys from there) or in data/platform.yaml
(a menu entry, a tab, a button row, a dialog), which the sketch names by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from .model import (
    BoxPart, ButtonRowPart, ButtonsPart, ChoicePart, DialogView, FieldPart, LinkPart, ParagraphPart, Platform,
    Sketch, StagesPart, TablePart, TickPart, TitlePart,
)

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class LabelAt:
    label: str
    loc: Loc  # a path of keys in the step's sketch, or None where the platform file supplies the label
    in_sketch: bool


def part_labels(part: Any, loc: Loc) -> Iterator[tuple[str, Loc]]:
    """The labels one part writes itself, with their paths of keys."""
    if isinstance(part, FieldPart):
        yield part.field, loc + ("field",)
    elif isinstance(part, TickPart):
        yield part.tick, loc + ("tick",)
    elif isinstance(part, ChoicePart):
        yield part.choice, loc + ("choice",)
        for index, option in enumerate(part.options):
            yield option, loc + ("options", index)
    elif isinstance(part, ButtonsPart):
        for index, button in enumerate(part.buttons):
            yield button, loc + ("buttons", index)
    elif isinstance(part, LinkPart):
        yield part.link, loc + ("link",)
    elif isinstance(part, TablePart):
        for index, column in enumerate(part.table):
            yield column, loc + ("table", index)
        if isinstance(part.rows, list):
            for r, row in enumerate(part.rows):
                for c, cell in enumerate(row):
                    if cell is not None:
                        yield cell, loc + ("rows", r, c)
    elif isinstance(part, ParagraphPart):
        if part.heading:
            yield part.heading, loc + ("heading",)
    elif isinstance(part, StagesPart):
        for index, stage in enumerate(part.stages):
            yield stage, loc + ("stages", index)
    elif isinstance(part, TitlePart):
        yield part.title, loc + ("title",)
    elif isinstance(part, BoxPart):
        yield part.box, loc + ("box",)
        for index, inner in enumerate(part.parts):
            yield from part_labels(inner, loc + ("parts", index))


def platform_labels(platform: Platform) -> Iterator[tuple[str, Loc]]:
    """Every label of data/platform.yaml, with its path of keys there."""
    yield platform.header.agency, ("header", "agency")
    yield platform.header.name, ("header", "name")
    for index, label in enumerate(platform.header.signed_in):
        yield label, ("header", "signed_in", index)
    for b, bar in enumerate(platform.menu_bars):
        for m, menu in enumerate(bar.menus):
            yield menu.label, ("menu_bars", b, "menus", m, "label")
            for e, entry in enumerate(menu.entries):
                yield entry, ("menu_bars", b, "menus", m, "entries", e)
    for t, tabs in enumerate(platform.tabs):
        for index, tab in enumerate(tabs.tabs):
            yield tab, ("tabs", t, "tabs", index)
    for r, row in enumerate(platform.button_rows):
        for index, button in enumerate(row.buttons):
            yield button, ("button_rows", r, "buttons", index)
    for d, dialog in enumerate(platform.dialogs):
        yield dialog.title, ("dialogs", d, "title")
        for p, part in enumerate(dialog.parts):
            yield from part_labels(part, ("dialogs", d, "parts", p))
        for index, button in enumerate(dialog.buttons):
            yield button, ("dialogs", d, "buttons", index)


def _parts_shown(parts: list[Any], platform: Platform, loc: Loc) -> Iterator[LabelAt]:
    for index, part in enumerate(parts):
        if isinstance(part, ButtonRowPart):
            row = platform.button_row(part.button_row)
            for button in row.buttons if row else []:
                yield LabelAt(button, loc + (index, "button_row"), False)
        else:
            for label, where in part_labels(part, loc + (index,)):
                yield LabelAt(label, where, True)


def dialog_labels(view: DialogView, platform: Platform) -> Iterator[LabelAt]:
    if view.use is not None:
        dialog = platform.dialog(view.use)
        if dialog is None:
            return
        yield LabelAt(dialog.title, ("dialog", "use"), False)
        for label, _ in (pair for part in dialog.parts for pair in part_labels(part, ())):
            yield LabelAt(label, ("dialog", "use"), False)
        for button in dialog.buttons:
            yield LabelAt(button, ("dialog", "use"), False)
    if view.title is not None:
        yield LabelAt(view.title, ("dialog", "title"), True)
    yield from _parts_shown(view.parts, platform, ("dialog", "parts"))
    for index, button in enumerate(view.buttons):
        yield LabelAt(button, ("dialog", "buttons", index), True)


def sketch_labels(sketch: Sketch, platform: Platform) -> list[LabelAt]:
    """Every label the sketch shows, in drawing order; those from the platform file are marked so."""
    found: list[LabelAt] = []
    bar = platform.menu_bar(sketch.menu_bar) if sketch.menu_bar else None
    if bar is not None:
        header = platform.header
        found += [LabelAt(header.agency, ("menu_bar",), False), LabelAt(header.name, ("menu_bar",), False)]
        if bar.signed_in:
            found += [LabelAt(label, ("menu_bar",), False) for label in header.signed_in]
        for menu in bar.menus:
            found.append(LabelAt(menu.label, ("menu_bar",), False))
            if menu.label == sketch.open_menu:
                found += [LabelAt(entry, ("open_menu",), False) for entry in menu.entries]
    tabs = platform.tab_strip(sketch.tabs) if sketch.tabs else None
    if tabs is not None:
        found += [LabelAt(tab, ("tabs",), False) for tab in tabs.tabs]
    found += _parts_shown(sketch.parts, platform, ("parts",))
    if sketch.dialog is not None:
        found += dialog_labels(sketch.dialog, platform)
    return found
