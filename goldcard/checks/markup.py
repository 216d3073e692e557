"""Markup: a data text is text. It may use the Markdown of data/README.md, and nothing that the browser would
read as markup of its own: raw HTML, attribute lists, event handlers, links that are not https: (or mailto:),
images from another host, autolinks other than <https://…>. goldcard/safe_text.py says what each is, and the
renderer makes the same things harmless; here each is a problem at its place, so that a strict build fails.

Every text is looked at: guides, shared blocks, the glossary (labels, names and explanations), the deadline
rules and the site's own words, where `{n}` is a placeholder and not an attribute list. A link's `url:` is one
https:// address with nothing around it. What the links rule reports already (an address with a scheme that is
not https:, written plainly) is not reported again; an address that hides its scheme is reported here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Link, PerLanguageUrl, Term
from ..problems import Problem
from ..safe_text import INVISIBLE, MAY_HOLD_MARKUP, Finding, find_markup, plain_address, url_scheme
from .links import markdown_targets
from .where import Document, Loc, all_texts

FIX_MARKDOWN = "write it in Markdown (data/README.md), or in backticks (`<b>`) to show the characters"
FIX_LINK = "link to an https:// page (or a mailto: address), or leave the words without a link"
# Characters no address holds as they are: a Markdown link would end at them, or the page take them as markup.
NOT_IN_ADDRESSES = re.compile(r"[\s<>\"'`{}\\]|&#?[A-Za-z0-9]+;?")


def scheme_words(scheme: str) -> str:
    return "an address on another host without https:" if scheme == "//" else f"a {scheme}: address"


def describe(finding: Finding) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one piece of markup."""
    kind, snippet = finding.kind, finding.snippet
    if kind == "html":
        return (f"raw HTML “{snippet}” in a text: the page would take it as markup, not as words", FIX_MARKDOWN)
    if kind == "attributes":
        return (f"the attribute list “{snippet}” would set HTML attributes on what comes before it",
                "remove the braces; only a placeholder of the site's words is written in braces, like {n}")
    if kind == "handler":
        return (f"the event handler “{snippet}=” in a text would run as a script if it became an attribute",
                "remove it: a text holds no script")
    if kind == "autolink":
        return (f"the autolink “<{snippet}>” is {scheme_words(finding.scheme)}, not https:",
                "only https:// addresses are written as <https://…>; write [words](https://…)")
    if kind == "image":
        where = "from another host" if finding.scheme else "from this site"
        if finding.scheme in ("https", "http", "//"):
            return (f"the image “{snippet}” comes {where}: the page would load it from there, and the site makes "
                    "no request to another host", "save the image under docs/ and give its path on this site")
        return (f"the image “{snippet}” is {scheme_words(finding.scheme)}",
                "save the image under docs/ and give its path on this site")
    return (f"the link to “{snippet}” is {scheme_words(finding.scheme)}, which is not a web page", FIX_LINK)


def written_scheme(url: str) -> str:
    """The scheme as the links rule reads it (urlsplit), or "" where it cannot read the address at all."""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def reported_by_links(finding: Finding, text: str) -> bool:
    """The links rule reports an address whose scheme is plainly written and not https: (or mailto:)."""
    if finding.kind not in ("link", "image", "reference", "autolink"):
        return False
    if written_scheme(finding.target) in ("", "https", "mailto"):
        return False  # the scheme is hidden (entities, spaces) or missing: only this rule sees it
    return any(target == finding.target.strip() for _, target, _ in markdown_targets(text))


def needle(text: str, offset: int) -> str:
    """The characters to look for in the file: a run without spaces or quotes, which YAML writes as they are."""
    match = re.match(r"[^\s\"'\\]{1,24}", text[offset:])
    return match[0] if match else text[offset:offset + 1]


def text_problems(doc: Document, loc: Loc, text: str) -> list[Problem]:
    problems = []
    for finding in find_markup(text):
        if reported_by_links(finding, text):
            continue
        message, fix = describe(finding)
        problems.append(doc.problem(loc, message, fix, finding.offset, needle(text, finding.offset)))
    return problems


def url_problems(doc: Document, loc: Loc, url: str) -> list[Problem]:
    """A `url:` field: one absolute address, https: (or mailto:), written as a browser shows it."""
    shown = " ".join(url.split())[:60]
    if written_scheme(url) not in ("", "https", "mailto"):
        return []  # the links rule reports it
    if not plain_address(url):
        scheme = url_scheme(url)
        what = scheme_words(scheme) if scheme else "a path on this site"
        return [doc.problem(loc, f"the link address “{shown}” is {what}, not an https:// address", FIX_LINK)]
    odd = NOT_IN_ADDRESSES.search(url.strip()) or INVISIBLE.search(url.strip())
    if odd:
        return [doc.problem(loc, f"the link address “{shown}” holds “{odd[0].strip() or 'a space'}”, which no "
                            "address holds as it is", "write the address as the browser's address bar shows it "
                            "(a space is %20)")]
    return []


def check_markup(docs: list[Document]) -> list[Problem]:
    problems: list[Problem] = []
    for item in all_texts(docs):
        for lang, text in (("zh", item.text.zh), ("en", item.text.en)):
            if MAY_HOLD_MARKUP.search(text):  # most texts hold nothing to look at: one search each
                problems += text_problems(item.doc, item.loc + (lang,), text)
    for doc in docs:
        for loc, obj in doc.nodes:
            if isinstance(obj, Term):
                problems += text_problems(doc, loc + ("zh",), obj.zh) + text_problems(doc, loc + ("en",), obj.en)
            elif isinstance(obj, Link) and isinstance(obj.url, str):
                problems += url_problems(doc, loc + ("url",), obj.url)
            elif isinstance(obj, PerLanguageUrl):
                problems += url_problems(doc, loc + ("zh",), obj.zh) + url_problems(doc, loc + ("en",), obj.en)
    return problems
