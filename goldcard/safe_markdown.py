"""A second layer for every page, behind goldcard/safe_text.py: a Python-Markdown extension (mkdocs.yml,
`markdown_extensions: - goldcard.safe_markdown`) that takes off the elements Markdown made any event-handler
attribute, and any address a browser would run or load from elsewhere: a link's that is not https:, mailto: or
on this site, an image's (or another loaded thing's) that is not on this site.

It sees what Markdown made, attr_list's and md_in_html's attributes included, and not raw HTML, which Markdown
keeps aside until the end: data texts hold none (the renderer escapes it), and the renderer's own markup
carries no handler and only addresses on this site. Plain Python-Markdown, nothing of MkDocs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .safe_text import image_allowed, link_allowed

LINK_ATTRIBUTES = {"href", "action", "formaction", "xlink:href", "cite"}
LOADED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "ping", "manifest"}


def unsafe(key: str, value: str) -> bool:
    return (key.startswith("on") or (key in LINK_ATTRIBUTES and not link_allowed(value))
            or (key in LOADED_ATTRIBUTES and not image_allowed(value))
            or (key == "style" and any(ch in value for ch in "(\\")))  # url(…), image-set(…), CSS escapes


class SafeAttributes(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            dropped = [name for name in element.attrib if unsafe(name.lower(), element.attrib[name])]
            for name in dropped:
                del element.attrib[name]
            # A link or an image without its address is words: MkDocs (and a reader) expect each to have one.
            if element.tag == "a" and "href" in dropped:
                element.tag = "span"
            elif element.tag == "img" and "src" in dropped:
                element.tag, element.text = "span", element.attrib.pop("alt", "")
                element.attrib.pop("srcset", None)


class SafeAttributesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns (20) and attr_list (8), before the unescaping of backslash escapes (0).
        md.treeprocessors.register(SafeAttributes(md), "goldcard_safe_attributes", 1)


def makeExtension(**kwargs) -> SafeAttributesExtension:  # noqa: N802 - how Python-Markdown finds it
    return SafeAttributesExtension(**kwargs)
