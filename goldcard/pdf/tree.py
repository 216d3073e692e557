"""Small edits of an ElementTree that keep the text around them (ElementTree stores the text after an
element in that element's `tail`, so a plain `remove` would lose it)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _append_text(parent: ET.Element, index: int, text: str | None) -> None:
    """Add `text` where the child at `index` of `parent` begins."""
    if not text:
        return
    if index > 0:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def remove(parent: ET.Element, child: ET.Element) -> None:
    index = list(parent).index(child)
    _append_text(parent, index, child.tail)
    parent.remove(child)


def unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Replace `child` by what it contains (a link without a target becomes its text)."""
    index = list(parent).index(child)
    _append_text(parent, index, child.text)
    parent.remove(child)
    inner = list(child)
    for offset, grandchild in enumerate(inner):
        parent.insert(index + offset, grandchild)
    _append_text(parent, index + len(inner), child.tail)


def add_class(element: ET.Element, *names: str) -> None:
    classes = element.get("class", "").split()
    element.set("class", " ".join(classes + [name for name in names if name not in classes]))


def has_class(element: ET.Element, name: str) -> bool:
    return name in element.get("class", "").split()


def text_of(element: ET.Element) -> str:
    """The element's text as one line, spaces collapsed."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A new element; `class_` stands for `class`."""
    made = ET.Element(tag, {key.rstrip("_"): value for key, value in attributes.items()})
    made.text = text
    return made
