"""The site's own stylesheet and scripts as readers download them: without the comments written for editors.

The comments in docs/stylesheets/ and docs/javascripts/ explain the code to the next engineer; a reader's phone
would download them on every guide page (a third of goldcard.css). They are left out of the built copies only,
so the sources keep them and the bytes of the site still follow from its sources alone.
"""

from __future__ import annotations

import re
from typing import Callable

# A JavaScript comment that starts its line: outside any string, since no script of ours has a string or template
# literal that spans lines (`plain_script` checks for backquotes); comments after code on a line are kept, as
# telling them from a regular expression or a string would take a parser.
_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:[^*]|\*(?!/))*\*/[ \t]*\n", re.M)  # alone on its lines
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def plain_stylesheet(css: str) -> str:
    """`css` without its comments and blank lines; strings (a `content: "/*"`) are kept as they are."""
    out: list[str] = []
    index, length = 0, len(css)
    while index < length:
        char = css[index]
        if char in "\"'":
            end = index + 1
            while end < length and css[end] != char:
                end += 2 if css[end] == "\\" else 1
            out.append(css[index:end + 1])
            index = end + 1
        elif css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = length if end < 0 else end + 2
        else:
            out.append(char)
            index += 1
    return _BLANK_LINES.sub("", "".join(out)).strip("\n") + "\n"


def plain_script(script: str) -> str:
    """`script` without the comments that start a line, and without blank lines. A script with a backquote
    outside those comments (a template literal could hold a line that looks like a comment) is kept whole."""
    stripped = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", script))
    if "`" in stripped:
        return script
    return _BLANK_LINES.sub("", stripped).strip("\n") + "\n"


def plain_for(path: str) -> Callable[[str], str] | None:
    """What makes the published copy of the site's file at `path` (relative to docs/), if it is one of ours."""
    if path.startswith("stylesheets/") and path.endswith(".css"):
        return plain_stylesheet
    if path.startswith("javascripts/") and path.endswith(".js"):
        return plain_script
    return None
