"""Read pages of the built site: the article of each page (`.md-content article`), parsed, and its address.

The PDFs are made from what the site shows, so that no text exists twice; this module is the one place that
knows how a built page is laid out on disk.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import cssselect2
import tinyhtml5

from ..model import Lang
from ..problems import display_path

ARTICLE = ".md-content article"


class PdfError(Exception):
    """The PDFs cannot be made; the message says what is missing or wrong, and what to do."""


@dataclass
class BuiltPage:
    url: str  # the page's path on the site, e.g. "/en/guides/apply/"
    article: ET.Element  # a fresh copy, free to change


def page_url(lang: Lang, path: str = "") -> str:
    """The site path of a page: `path` is relative to the language's root (`guides/apply/`, `` for home)."""
    return ("/" if lang == "zh" else "/en/") + path


def page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url.strip("/") / "index.html"


def select(element: ET.Element, selector: str) -> list[ET.Element]:
    wrapper = cssselect2.ElementWrapper.from_html_root(element)
    return [found.etree_element for found in wrapper.query_all(selector)]


def read_page(site_dir: Path, url: str) -> BuiltPage | None:
    """The page's article, or None when the site has no such page."""
    path = page_file(site_dir, url)
    if not path.is_file():
        return None
    root = tinyhtml5.parse(path.read_bytes(), namespace_html_elements=False)
    articles = select(root, ARTICLE)
    if len(articles) != 1:
        raise PdfError(
            f"{display_path(path)}: found {len(articles)} `{ARTICLE}` elements, expected one; "
            "was the site built with the project's theme (make build)?"
        )
    return BuiltPage(url, articles[0])


def require_page(site_dir: Path, url: str) -> BuiltPage:
    page = read_page(site_dir, url)
    if page is None:
        raise PdfError(
            f"{display_path(page_file(site_dir, url))}: missing; the PDFs are made from the built site: "
            f"build it first (make build), or give the site's folder"
        )
    return page
