"""Ids and links inside a PDF made of several site pages.

Every page becomes a part of the PDF. Its ids are renamed `<part>--<id>` (all guides have a `step-1`), except
in the one page whose ids stay as on the site: the guide of a one-guide PDF, so that `apply.en.pdf#step-4`
points where `/en/guides/apply/#step-4` does. A link to a page in the same PDF becomes a link inside it; a
link to a page in another PDF points into that file (the PDFs are published side by side in `pdf/`); a
link to another host stays as it is; a link to a page no PDF holds is left as plain text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from .tree import parents, unwrap


@dataclass(frozen=True)
class Layout:
    file: str  # the PDF's file name
    parts: dict[str, str]  # the site path of each page it holds -> the key of its part
    bare: str | None = None  # the part whose ids stay as on the site

    def anchor(self, key: str, fragment: str) -> str:
        if not fragment:
            return part_id(key)
        return fragment if key == self.bare else f"{key}--{fragment}"


def part_id(key: str) -> str:
    return f"part-{key}"


@dataclass
class Linker:
    """Rewrites the ids and links of the pages of one PDF (`layout`); `others` are the other PDFs of the
    same language, which links to pages outside this one may point into."""

    layout: Layout
    others: list[Layout] = field(default_factory=list)

    def rename_ids(self, key: str, root: ET.Element) -> None:
        for found in root.iter():
            if found.get("id"):
                found.set("id", self.layout.anchor(key, found.get("id")))

    def target(self, path: str, fragment: str) -> str | None:
        if path in self.layout.parts:
            return "#" + self.layout.anchor(self.layout.parts[path], fragment)
        # A page's own PDF first (a guide's), then any that holds it (the handbook).
        holders = sorted((o for o in self.others if path in o.parts), key=lambda o: o.parts[path] != o.bare)
        if not holders:
            return None
        other = holders[0]
        key = other.parts[path]
        if not fragment and key == other.bare:
            return other.file
        return f"{other.file}#{other.anchor(key, fragment)}"

    def retarget_links(self, page_url: str, root: ET.Element) -> None:
        up = parents(root)
        for link in list(root.iter("a")):
            href = link.get("href")
            if href is None:
                continue
            address = urlsplit(href)
            if address.scheme or address.netloc:
                continue  # another host (https:, mailto:, tel:): stays as it is
            path = urljoin(page_url, address.path) if address.path else page_url
            new = self.target(path, unquote(address.fragment))
            if new is None:
                unwrap(up[link], link)
            else:
                link.set("href", new)


def dangling_links(root: ET.Element) -> list[str]:
    """Links inside the document whose target id does not exist; each is turned into plain text."""
    ids = {found.get("id") for found in root.iter() if found.get("id")}
    up = parents(root)
    dangling = []
    for link in list(root.iter("a")):
        href = link.get("href") or ""
        if href.startswith("#") and href[1:] not in ids:
            dangling.append(href)
            unwrap(up[link], link)
    return dangling
