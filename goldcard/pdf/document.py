"""Assemble one printable HTML document from pages of the built site: a cover, a table of contents, the
pages' articles (cleaned for paper, ids and links made to work inside one file) and, at the end, the glossary.

The text comes from the built pages; the data gives only what a page does not say: which guides there are,
their order and dates, and the few words of the PDF's own (data/ui.yaml).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..load import LoadedGuide, Site, latest_update
from ..model import LABEL_PATTERN, Lang
from ..text import format_date
from .clean import BOX, clean_article
from .links import Layout, Linker, dangling_links, part_id
from .names import LOCALES, guide_file, handbook_file
from .site import BuiltPage, page_url, read_page, require_page, select
from .tree import add_class, element, has_class, parents, remove, text_of, unwrap

HOME, GLOSSARY, DEADLINES = "", "glossary/", "deadlines/"


def guide_path(slug: str) -> str:
    return f"guides/{slug}/"


class Pages:
    """The built pages, each read and cleaned for paper once; every caller gets its own copy to change."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self._read: dict[str, BuiltPage | None] = {}

    def _get(self, url: str, required: bool) -> BuiltPage | None:
        if url not in self._read:
            page = require_page(self.site_dir, url) if required else read_page(self.site_dir, url)
            if page is not None:
                clean_article(page.article)
            self._read[url] = page
        return self._read[url]

    def get(self, url: str) -> BuiltPage:
        return copy.deepcopy(self._get(url, required=True))

    def optional(self, url: str) -> BuiltPage | None:
        return copy.deepcopy(self._get(url, required=False))

    def exists(self, url: str) -> bool:
        return self._get(url, required=False) is not None


@dataclass
class Part:
    key: str  # names its ids (see links.Layout) and its kind of content
    kind: str  # "intro", "guide", "deadlines" or "glossary"
    page: BuiltPage


@dataclass
class Document:
    file: str
    lang: Lang
    title: str
    date: dt.date  # the latest update of the guides it holds: the PDF's creation date, for equal bytes
    html: str
    dangling: list[str] = field(default_factory=list)  # in-document links that lost their target


def layouts(site: Site, lang: Lang, pages: Pages) -> tuple[Layout, dict[str, Layout]]:
    """The handbook's layout and each guide PDF's, so that a link in one may point into another."""
    url = lambda path: page_url(lang, path)  # noqa: E731 - a short local alias
    glossary = {url(GLOSSARY): "glossary"}
    guides = {loaded.guide.slug: {url(guide_path(loaded.guide.slug)): loaded.guide.slug} for loaded in site.guides}
    handbook = {url(HOME): "intro"}
    for parts in guides.values():
        handbook.update(parts)
    if pages.exists(url(DEADLINES)):
        handbook[url(DEADLINES)] = "deadlines"
    handbook.update(glossary)
    return Layout(handbook_file(lang), handbook), {
        slug: Layout(guide_file(slug, lang), {**parts, **glossary}, bare=slug) for slug, parts in guides.items()
    }


# ---- the parts -------------------------------------------------------------------------------------------


def remove_with_heading(parent: ET.Element, block: ET.Element) -> None:
    """Remove a block and the h2 right before it, which names it."""
    siblings = list(parent)
    index = siblings.index(block)
    if index and siblings[index - 1].tag == "h2":
        remove(parent, siblings[index - 1])
    remove(parent, block)


def heading_text(page: BuiltPage, fallback: str) -> str:
    heading = page.article.find("h1")
    return text_of(heading) if heading is not None else fallback


def intro_part(pages: Pages, lang: Lang, title: str) -> Part:
    """The home page's prose (which guide to read), without its list of guides: the contents list them."""
    page = pages.get(page_url(lang, HOME))
    up = parents(page.article)
    for listing in select(page.article, ".gc-guide-list"):
        remove_with_heading(up[listing], listing)
    heading = page.article.find("h1")
    if heading is not None:
        heading.text, heading[:] = title, []
    return Part("intro", "intro", page)


def glossary_for(part: Part, labels: set[str]) -> None:
    """Keep only the terms a guide mentions (a row's first cell is the label, 「...」), and the headings of the
    tables that still have a row."""
    article = part.page.article
    up = parents(article)
    for row in select(article, ".gc-glossary tbody tr"):
        cell = row.find("td")
        if cell is None or not set(LABEL_PATTERN.findall(text_of(cell))) & labels:
            remove(up[row], row)
    for table in select(article, ".gc-glossary table, table.gc-glossary"):
        if select(table, "tbody tr"):
            continue
        block = up[table] if has_class(up[table], "gc-glossary") else table
        remove_with_heading(up[block], block)


def labels_in(article: ET.Element) -> set[str]:
    return set(LABEL_PATTERN.findall("".join(article.itertext())))


# ---- the document ----------------------------------------------------------------------------------------


def cover(title: str, edition: str, updated: str | None, series: ET.Element | None) -> ET.Element:
    section = element("section", class_="pdf-cover")
    if series is not None:
        section.append(series)
    section.append(element("h1", title, class_="pdf-cover-title"))
    section.append(element("p", edition, class_="pdf-cover-edition"))
    if updated:  # a guide whose source gives no date shows none
        section.append(element("p", updated, class_="pdf-cover-date"))
    return section


def contents(title: str, entries: list[tuple[int, ET.Element]]) -> ET.Element:
    """The table of contents: each heading's text and, through CSS `target-counter`, its page."""
    nav = element("section", class_="pdf-toc", id="pdf-contents")
    nav.append(element("h1", title, class_="pdf-toc-title"))
    listing = element("ul", class_="pdf-toc-list")
    for level, heading in entries:
        item = element("li", class_=f"pdf-toc-level-{level}")
        item.append(heading_link(heading))
        listing.append(item)
    nav.append(listing)
    return nav


def heading_link(heading: ET.Element) -> ET.Element:
    """A link to a heading with the heading's own inline markup (its `lang` spans pick the Chinese font)."""
    link = copy.deepcopy(heading)
    link.tag, link.tail = "a", None
    link.attrib.clear()
    link.set("href", f"#{heading.get('id')}")
    for found in list(link.iter())[1:]:
        found.attrib.pop("id", None)
        if has_class(found, BOX) or found.tag == "a":
            up = parents(link)
            (remove if has_class(found, BOX) else unwrap)(up[found], found)
    return link


def ensure_id(heading: ET.Element, fallback: str) -> ET.Element:
    if not heading.get("id"):
        heading.set("id", fallback)
    return heading


def document_html(lang: Lang, title: str, author: str, date: dt.date, body: ET.Element) -> str:
    stamp = dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc).isoformat()
    head = "".join([
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f'<meta name="author" content="{html.escape(author)}">',
        # WeasyPrint takes the PDF's creation and change dates from these; without them it takes the clock.
        f'<meta name="dcterms.created" content="{stamp}">',
        f'<meta name="dcterms.modified" content="{stamp}">',
    ])
    markup = ET.tostring(body, encoding="unicode", method="html")
    return f'<!doctype html>\n<html lang="{LOCALES[lang]}" class="pdf-{lang}">\n<head>{head}</head>\n{markup}\n</html>\n'


TocEntries = Callable[[Part, ET.Element], list[tuple[int, ET.Element]]]


def handbook_toc(part: Part, article: ET.Element) -> list[tuple[int, ET.Element]]:
    """Each part, and the sections of each guide."""
    found = [(1, heading) for heading in article.findall("h1")]
    if part.kind == "guide":
        found += [(2, heading) for heading in select(article, "h2[id]")]
    return found


def guide_toc(part: Part, article: ET.Element) -> list[tuple[int, ET.Element]]:
    """The guide's sections and steps, then the glossary."""
    if part.kind != "guide":
        return [(1, heading) for heading in article.findall("h1")]
    return [(1 if heading.tag == "h2" else 2, heading) for heading in select(article, "h2[id], .gc-step > h3[id]")]


def assemble(file: str, lang: Lang, site: Site, linker: Linker, parts: list[Part],
             front: ET.Element, toc: TocEntries, title: str, guides: list[LoadedGuide]) -> Document:
    """Put cover, contents and parts together; make ids and links work in one file."""
    body = element("body")
    body.append(front)
    chapters = []
    for part in parts:
        article = part.page.article
        linker.rename_ids(part.key, article)
        linker.retarget_links(part.page.url, article)
        article.tag = "section"
        article.attrib.clear()
        article.set("id", part_id(part.key))
        add_class(article, "pdf-part", f"pdf-{part.kind}")
        heading = article.find("h1")
        if heading is not None:
            ensure_id(heading, f"{part_id(part.key)}-title")
        chapters.append((part, article))
    entries = [entry for part, article in chapters for entry in toc(part, article)]
    body.append(contents(site.ui.get("pdf_contents", lang), entries))
    for _, article in chapters:
        body.append(article)
    dangling = dangling_links(body)
    author = " · ".join(dict.fromkeys(loaded.guide.author[lang] for loaded in guides))
    date = latest_update(guides) or latest_update(site.guides)  # an undated guide's PDF: the site's date
    return Document(file, lang, title, date, document_html(lang, title, author, date, body), dangling)


def front_matter(site: Site, lang: Lang, title: str, guides: list[LoadedGuide],
                 series: ET.Element | None) -> ET.Element:
    """The cover: the series line, the title, the language's edition and the date of the latest update."""
    latest = latest_update(guides)
    updated = site.ui.get("updated", lang, date=format_date(latest, site.ui, lang)) if latest else None
    return cover(title, site.ui.get("pdf_edition", lang), updated, series)


def handbook_document(site: Site, lang: Lang, pages: Pages) -> Document:
    """The whole handbook: introduction, every guide, the deadline rules (when the site has them), glossary."""
    handbook, guides = layouts(site, lang, pages)
    linker = Linker(handbook, list(guides.values()))
    title = heading_text(pages.get(page_url(lang, HOME)), handbook.file)
    parts = [intro_part(pages, lang, site.ui.get("pdf_intro", lang))]
    parts += [Part(loaded.guide.slug, "guide", pages.get(page_url(lang, guide_path(loaded.guide.slug))))
              for loaded in site.guides]
    deadlines = pages.optional(page_url(lang, DEADLINES))
    if deadlines is not None:
        parts.append(Part("deadlines", "deadlines", deadlines))
    parts.append(Part("glossary", "glossary", pages.get(page_url(lang, GLOSSARY))))
    front = front_matter(site, lang, title, site.guides, None)
    add_class(front.find("h1"), "pdf-book-title")
    return assemble(handbook.file, lang, site, linker, parts, front, handbook_toc, title, site.guides)


def guide_document(site: Site, slug: str, lang: Lang, pages: Pages) -> Document:
    """One guide, and the glossary of the platform labels it mentions."""
    handbook, guides = layouts(site, lang, pages)
    layout = guides[slug]
    linker = Linker(layout, [handbook] + [other for key, other in guides.items() if key != slug])
    loaded = site.guide(slug)
    guide = Part(slug, "guide", pages.get(page_url(lang, guide_path(slug))))
    glossary = Part("glossary", "glossary", pages.get(page_url(lang, GLOSSARY)))
    glossary_for(glossary, labels_in(guide.page.article))
    title = heading_text(guide.page, loaded.guide.title[lang])
    series = element("p", class_="pdf-cover-series")
    series.append(element("span", heading_text(pages.get(page_url(lang, HOME)), ""), class_="pdf-book-title"))
    series[0].tail = " · " + site.ui.get("series", lang, n=loaded.guide.number)
    front = front_matter(site, lang, title, [loaded], series)
    return assemble(layout.file, lang, site, linker, [guide, glossary], front, guide_toc, title, [loaded])
