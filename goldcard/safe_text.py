"""Data texts are text: what in a text would reach the browser as markup of its own, found (for the check,
goldcard/checks/markup.py) and made harmless (for the renderer), by one set of rules.

A text may use the Markdown of data/README.md: emphasis, lists, code, links to https:// pages (or mailto:),
autolinks `<https://…>`, step links. Nothing else that a browser reads as markup:

- raw HTML: `<` followed by a letter, `/`, `!` or `?` (tags, comments, declarations), which Python-Markdown
  passes through, `markdown="1"` (md_in_html) included;
- attribute lists, `{: onclick=… }` or `{ .class }` (attr_list), which set any attribute on the element before;
- event-handler attributes (`onmouseover=`) anywhere, as in a link's title written to break out of it;
- a link whose address has another scheme than https: or mailto:, an image from anywhere but the site itself
  (it would be a request to another host), an autolink that is not `<https://…>`.

Addresses are judged as a browser reads them, or more warily: entities decoded until none is left, every
whitespace and control character removed, case ignored (`&#106;ava\tScript:` is javascript:).

Code spans (`` `<b>` ``) are text to Python-Markdown already, and are left alone. A code span is recognised
only on one line and not after a backslash, so that this module never takes for code what Markdown does not.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

ALLOWED_LINK_SCHEMES = ("https", "mailto")

CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)([^\n]+?)(?<!`)\1(?!`)")
HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
HTTPS_AUTOLINK = re.compile(r"<https://[^\s<>\"'`\\]+>", re.IGNORECASE)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
BRACES = re.compile(r"\{[^{}\n]*\}")
# `{n}` in the site's words is filled in by the renderer, `{lastDay}` in a rule's message by the calculator.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_-]*\}")
HANDLER = re.compile(r"(?<![\w-])on[a-z]+\s*=", re.IGNORECASE)
REFERENCE = re.compile(r"(?<!\\)\[[^\[\]\n]*\]:[ \t]*\n?[ \t]*(?P<url>\S*)")
STEP_TARGET = re.compile(r"\s*step:[a-z0-9-]+/[a-z0-9-]+(?:\.\.[a-z0-9-]+)?\s*$")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What a browser drops from an address, and more: every C0 and C1 control character and every kind of space.
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]")
# A quick look before the scanning: most texts hold none of these.
MAY_HOLD_MARKUP = re.compile(r"[<{\]=]")


def browser_url(url: str) -> str:
    """The address as a browser would take it, or more warily: entities decoded until none is left (each round
    only shortens it), whitespace and control characters removed, and Markdown's `<…>` around it dropped."""
    previous = None
    while previous != url:
        previous, url = url, html.unescape(url)
    url = INVISIBLE.sub("", url)
    return url[1:] if url.startswith("<") else url


def url_scheme(url: str) -> str:
    """`https`, `javascript`…; "" for an address on this site; "//" for another host without a scheme."""
    url = browser_url(url)
    if re.match(r"[/\\]{2}", url):
        return "//"
    match = SCHEME.match(url)
    if match:
        return match[1].lower()
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return head.split(":", 1)[0].lower() if ":" in head else ""  # an odd scheme is still a scheme


def link_allowed(url: str) -> bool:
    return url_scheme(url) in ALLOWED_LINK_SCHEMES + ("",)


def plain_address(url: str) -> bool:
    """An absolute https: (or mailto:) address with its scheme written as it is, first: what a `url:` field holds.
    (Scheme-less or disguised, it would be taken as a path on this site, or its scheme changed by escaping.)"""
    match = SCHEME.match(url.strip())
    return bool(match) and match[1].lower() in ALLOWED_LINK_SCHEMES and url_scheme(url) == match[1].lower()


def image_allowed(url: str) -> bool:
    return url_scheme(url) == ""


@dataclass(frozen=True)
class Finding:
    """One piece of markup in a text: where it starts, a few of its characters, what it is."""

    offset: int
    end: int
    kind: str  # html, autolink, attributes, handler, link, image, reference
    snippet: str
    scheme: str = ""
    target: str = ""  # the address as written, for links, images, references and autolinks


def is_placeholder(braces: str) -> bool:
    return bool(PLACEHOLDER.fullmatch(braces)) and not braces[1:3].lower() == "on"


def code_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in CODE_SPAN.finditer(text)] if "`" in text else []


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def snippet_at(text: str, start: int, end: int, size: int = 40) -> str:
    piece = text[start:min(end, start + size)].split("\n", 1)[0]
    return piece + ("…" if end - start > len(piece) else "")


def matching_open_bracket(text: str, close: int) -> int | None:
    """The `[` that the `]` at `close` ends, counting nested brackets."""
    depth = 0
    for index in range(close, -1, -1):
        if text[index] == "]":
            depth += 1
        elif text[index] == "[":
            depth -= 1
            if depth == 0:
                return index
    return None


def link_target_end(text: str, open_paren: int) -> int | None:
    """The index of the `)` that closes a Markdown link's target, counting nested parentheses."""
    depth = 0
    for index in range(open_paren, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


@dataclass(frozen=True)
class BadLink:
    """An inline link or image whose address is not allowed: its `[` (None if unmatched), `](`, and end."""

    bracket: int | None
    close: int
    end: int
    image: bool
    target: str


def bad_links(text: str, code: list[tuple[int, int]]) -> Iterator[BadLink]:
    for match in re.finditer(r"\]\(", text):
        close = match.start()
        if inside(close, code):
            continue
        end = link_target_end(text, close + 1)
        if end is None:
            continue
        target = text[close + 2:end]
        if STEP_TARGET.match(target):
            continue  # a step link: the renderer writes its address
        bracket = matching_open_bracket(text, close)
        image = bracket is not None and bracket > 0 and text[bracket - 1] == "!"
        if not (image_allowed(target) if image else link_allowed(target)):
            yield BadLink(bracket, close, end + 1, image, target)


def links(text: str, code: list[tuple[int, int]]) -> Iterator[Finding]:
    for bad in bad_links(text, code):
        start = bad.close + 2 if bad.bracket is None else bad.bracket - (1 if bad.image else 0)
        yield Finding(start, bad.end, "image" if bad.image else "link", snippet_at(text, bad.close + 2, bad.end - 1),
                      url_scheme(bad.target), bad.target)


def find_markup(text: str) -> list[Finding]:
    """Every piece of markup in a data text that is not the Markdown allowed (see the module's comment)."""
    if not MAY_HOLD_MARKUP.search(text):
        return []
    code = code_spans(text)
    found: list[Finding] = list(links(text, code))
    for match in REFERENCE.finditer(text):
        if not inside(match.start(), code) and not link_allowed(match["url"]):
            found.append(Finding(match.start(), match.end(), "reference", snippet_at(text, *match.span("url")),
                                 url_scheme(match["url"]), match["url"]))
    in_links = [(item.offset, item.end) for item in found]  # a bad link is reported once, whatever it holds
    for match in HTML_START.finditer(text):
        start = match.start()
        if inside(start, code) or inside(start, in_links) or HTTPS_AUTOLINK.match(text, start):
            continue
        autolink = AUTOLINK.match(text, start)
        if autolink:
            found.append(Finding(start, autolink.end(), "autolink", snippet_at(autolink[1], 0, len(autolink[1])),
                                 url_scheme(autolink[1]), autolink[1]))
            continue
        close = text.find(">", start)
        end = close + 1 if close >= 0 else len(text)
        found.append(Finding(start, end, "html", snippet_at(text, start, end)))
    for match in BRACES.finditer(text):
        if not inside(match.start(), code) and not is_placeholder(match[0]):
            found.append(Finding(match.start(), match.end(), "attributes", snippet_at(text, *match.span())))
    taken = [(item.offset, item.end) for item in found]
    for match in HANDLER.finditer(text):
        if not inside(match.start(), code) and not inside(match.start(), taken):
            found.append(Finding(match.start(), match.end(), "handler", match[0].rstrip("= \t")))
    return sorted(found, key=lambda item: item.offset)


# ---------------------------------------------------------------- making a text harmless


def escape_text(text: str) -> str:
    """Plain text (not Markdown) for any place in the page's Markdown or HTML, attributes included: nothing in it
    is markup, a link or an attribute list any more; the browser shows the same characters."""
    return (html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
            .replace("[", "&#91;").replace("]", "&#93;"))


def unlink(text: str) -> str:
    """The text with each link or image whose address is not allowed replaced by its words (an image by its
    alternative text), and each such reference definition broken; looked for again after each change, since
    removing one could make another."""
    while True:
        code = code_spans(text)
        reference = next((m for m in REFERENCE.finditer(text) if not inside(m.start(), code) and not link_allowed(m["url"])), None)
        if reference is not None:
            text = text[:reference.start()] + "\\" + text[reference.start():]  # `\[x]:` defines nothing
            continue
        bad = next(bad_links(text, code), None)
        if bad is None:
            return text
        if bad.bracket is None:
            text = text[:bad.close + 1] + "\\" + text[bad.close + 1:]  # no `[` to match: `]\(` is no link
        else:
            start = bad.bracket - (1 if bad.image else 0)
            text = text[:start] + text[bad.bracket + 1:bad.close] + text[bad.end:]


def escape_outside_code(text: str) -> str:
    code = code_spans(text)
    parts, last = [], 0
    for start, end in code + [(len(text), len(text))]:
        parts.append(escape_markdown_html(text[last:start]))
        parts.append(text[start:end])
        last = end
    return "".join(parts)


def escape_markdown_html(text: str) -> str:
    """Outside code: `&`, `<` (except in `<https://…>`), `{` and `}` as entities, so that Markdown keeps no HTML,
    entity or attribute list of the text's own; `>` stays (a quote in Markdown, and text in HTML)."""
    pieces, last = [], 0
    for match in HTTPS_AUTOLINK.finditer(text):
        pieces.append(_escape_some(text[last:match.start()]))
        pieces.append(match[0].replace("&", "&amp;"))
        last = match.end()
    pieces.append(_escape_some(text[last:]))
    return "".join(pieces)


def _escape_some(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")


def safe_markdown(text: str) -> str:
    """A data text's Markdown with nothing in it that the browser would read as markup of its own: unsafe links
    become their words, raw HTML and attribute lists become text. Step links and 「labels」 are left for
    goldcard.text to render."""
    if not MAY_HOLD_MARKUP.search(text) and "&" not in text:
        return text
    return escape_outside_code(unlink(text))
