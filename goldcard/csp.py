"""A Content-Security-Policy for each built page, written into the page as `<meta http-equiv>`.

Static hosts may not let the site set headers, so the policy travels in the page itself. A meta policy applies
only to what follows it, so it goes right after `<meta charset>`, first in the head. Scripts and styles come
from the site only; the inline scripts that must stay (Material's and ours, in the head) are allowed by the
sha256 of their exact text, computed here from the finished page, so that an edit to one of them changes its
hash with it and an injected script matches none.

Plain Python (no MkDocs): hooks/csp.py calls `with_policy` on every built page, and under `mkdocs serve` on
every page served, after the server has added its live-reload script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lxml import etree

# Per the HTML standard a <script> runs when its type is empty, missing, "module" or a JavaScript MIME type;
# any other type (application/json: Material's __config, our deadline rules) is a data block, which never runs
# and which CSP therefore leaves alone.
_JAVASCRIPT_TYPES = {
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1",
    "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript",
}


@dataclass
class InlineCode:
    """What a page runs or styles from its own text, in document order, and where the policy goes."""

    scripts: list[str] = field(default_factory=list)  # the text of each inline script that runs
    styles: list[str] = field(default_factory=list)  # the text of each <style> element
    style_attributes: list[str] = field(default_factory=list)  # each style="..." value
    event_handlers: list[str] = field(default_factory=list)  # "tag onclick" for each on* attribute
    policy_metas: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of CSP metas already there
    insert_at: int | None = None  # just after <meta charset>, else just after <head>


def _is_policy_meta(attrs: dict[str, str | None]) -> bool:
    return (attrs.get("http-equiv") or "").strip().lower() == "content-security-policy"


# What the page holds is read by libxml2 (lxml), whose HTML tokenizer follows HTML5 since 2.14: a script's
# text, a style attribute's value (character references decoded as a browser decodes them) and what is no
# element at all (a <script> in a comment, a <textarea> or an <xmp>) come out as Chromium has them, where
# Python's html.parser reads some otherwise (tests/test_csp.py compares the two with Chromium), and it reads a
# page in a quarter of the time. libxml2 gives no offsets in the text: where the policy goes is read apart.
def _read_code(html: str, found: InlineCode) -> None:
    # A parser per page: `mkdocs serve` serves pages from several threads, and an lxml parser is for one at a time.
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    root = etree.fromstring(html.encode("utf-8"), parser) if html.strip() else None
    if root is None:
        return
    for element in root.iter(etree.Element):  # elements only: no comments, no processing instructions
        for name, value in element.items():
            if name.startswith("on"):
                found.event_handlers.append(f"<{element.tag} {name}>")
            elif name == "style":
                found.style_attributes.append(value)
        if element.tag == "script" and element.get("src") is None:
            kind = (element.get("type") or "").split(";")[0].strip().lower()
            if kind in _JAVASCRIPT_TYPES:
                found.scripts.append(element.text or "")
        elif element.tag == "style":
            found.styles.append(element.text or "")


class _HeadEnd(Exception):
    """The head has been read."""


class _PlacesReader(HTMLParser):
    """Where in the text the policy goes, and where policies already are: both in the head, whose elements
    (meta, link, title, script, style) html.parser reads as a browser does. It stops at <body>: a meta between
    </head> and <body> is one a browser moves into the head, and a policy there is one to replace."""

    def __init__(self, html: str, found: InlineCode):
        super().__init__(convert_charrefs=True)
        self.html, self.found = html, found
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self._head_end: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _HeadEnd
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        values = dict(attrs)
        if tag == "head" and self._head_end is None:
            self._head_end = end
        elif tag == "meta" and "charset" in values and self.found.insert_at is None:
            self.found.insert_at = end
        elif tag == "meta" and _is_policy_meta(values):
            self.found.policy_metas.append((start, end))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def read(self) -> None:
        try:
            self.feed(self.html)
            self.close()
        except _HeadEnd:
            pass
        if self.found.insert_at is None:
            self.found.insert_at = self._head_end


# hooks/csp.py reads a page for its event handlers, then `with_policy` reads it again; and a preview's rebuild
# (`make serve`) makes most pages again exactly as they were. A page is read once.
@functools.lru_cache(maxsize=64)
def read_inline_code(html: str) -> InlineCode:
    """What the page holds (shared between callers of the same text: not to be changed)."""
    found = InlineCode()
    _read_code(html, found)
    _PlacesReader(html, found).read()
    return found


def _browser_newlines(html: str) -> str:
    # The browser reads CR LF and CR as LF before it parses: hash the text as it will see it.
    return html.replace("\r\n", "\n").replace("\r", "\n")


def source_hash(text: str) -> str:
    """A CSP hash source: 'sha256-' and the base64 of the SHA-256 of the UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _hashes(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(source_hash(text) for text in texts))  # one each, in the order met


def policy(found: InlineCode) -> str:
    """The page's policy. Everything from the site itself ('self'), and beside that only:
    - img-src data:, for the icons Material's CSS draws from data: URIs;
    - the hash of each inline script and <style> element of this page;
    - style-src-attr with 'unsafe-hashes' and the hash of each style="..." value (the timeline's bars are
      sized by one), which allows exactly those values and no other; a browser without CSP 3 blocks them and
      draws the bars evenly.
    frame-ancestors, report-uri and sandbox do nothing in a meta policy, so there are none."""
    script_src = " ".join(["'self'", *_hashes(found.scripts)])
    style_src = " ".join(["'self'", *_hashes(found.styles)])
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
    ]
    if found.style_attributes:
        directives.append(" ".join(["style-src-attr 'unsafe-hashes'", *_hashes(found.style_attributes)]))
    directives += [
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


class NoHeadError(ValueError):
    """The page has no <head> and no <meta charset>: there is nowhere to put a policy that covers it."""


def with_policy(html: str) -> str:
    """The page with one CSP meta, first in its head after <meta charset>, allowing what the page holds.

    A CSP meta already there is replaced: a second call, on a page to which a script was added since (the live
    reload of `mkdocs serve`), gives the page the policy it would have had with that script from the start."""
    html = _browser_newlines(html)
    found = read_inline_code(html)
    if found.policy_metas:
        html = _without_policy_metas(html, found.policy_metas)
        found = read_inline_code(html)
    if found.insert_at is None:
        raise NoHeadError("the page has neither <meta charset> nor <head>")
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(found)}">'
    return html[:found.insert_at] + meta + html[found.insert_at:]


def _without_policy_metas(html: str, policy_metas: list[tuple[int, int]]) -> str:
    kept, position = [], 0
    for start, end in policy_metas:
        line_start = html.rfind("\n", 0, start)
        if line_start >= position and not html[line_start + 1:start].strip():
            start = line_start  # with the line's indentation, so that replacing a policy adds no blank line
        kept.append(html[position:start])
        position = end
    kept.append(html[position:])
    return "".join(kept)
