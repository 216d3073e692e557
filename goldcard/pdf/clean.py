"""Make a page's article fit for paper: leave out what only works on a screen, open what is folded, and
give the reader boxes to tick with a pen, and give each sketch of a screen what it needs to be drawn (sketches.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .site import select
from .sketches import sketches_for_paper
from .tree import add_class, element, has_class, parents, remove

# What a printed page cannot use. `.gc-interactive` is the site's own mark for controls (calculators,
# progress boxes) that have no meaning on paper; the rest is what Material or a browser form brings.
SCREEN_ONLY = ", ".join([
    "a.headerlink",  # the ¶ permalink after each heading
    ".gc-interactive",
    ".gc-pdf-download",  # the links to these very PDFs
    ".md-content__button",  # Material's edit and view-source buttons
    ".md-source-file",
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "textarea",
    "input:not([type=checkbox])",
    "[hidden]",
])

BOX = "pdf-box"


def box() -> ET.Element:
    """An empty square to tick with a pen."""
    return element("span", class_=BOX)


def drop_screen_only(article: ET.Element) -> None:
    up = parents(article)
    for found in select(article, SCREEN_ONLY):
        if found in up:  # not already gone with an element that contained it
            remove(up[found], found)
            up = parents(article)


def open_details(article: ET.Element) -> None:
    """`<details>` folds on screen; on paper its content is printed, under its summary as a heading."""
    for details in select(article, "details"):
        details.tag = "div"
        details.attrib.pop("open", None)
        add_class(details, "pdf-details")
        for summary in details.findall("summary"):
            summary.tag = "p"
            add_class(summary, "pdf-summary")


def checkboxes_as_boxes(article: ET.Element) -> None:
    """A checkbox of the site becomes an empty square; checklist items and steps get one if they have none."""
    for checkbox in select(article, "input[type=checkbox]"):
        checkbox.tag = "span"
        checkbox.attrib.clear()
        checkbox.set("class", BOX)
        checkbox.tail = (checkbox.tail or "").lstrip()  # the box keeps its own distance from the text
    for item in select(article, ".gc-checklist li"):
        if not any(has_class(found, BOX) for found in item.iter()):
            item.insert(0, box())
            item[0].tail, item.text = item.text, None
    for step in select(article, "section.gc-step"):
        heading = step.find("h3")
        if heading is not None and not any(has_class(found, BOX) for found in step.iter()):
            heading.insert(0, box())
            heading[0].tail, heading.text = heading.text, None


def clean_article(article: ET.Element) -> ET.Element:
    drop_screen_only(article)
    open_details(article)
    checkboxes_as_boxes(article)
    sketches_for_paper(article)  # after drop_screen_only, which takes every <style> out
    return article
