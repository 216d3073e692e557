"""Turn one stored text into the Markdown of one language: platform labels, step links and dates.

Every text from the data is made harmless here before it joins a page (goldcard/safe_text.py): Markdown texts
keep their Markdown but no HTML, attribute list or unsafe link of their own; plain texts and the site's own
words (data/ui.yaml) are escaped wherever they go. The checks report the same things as problems; this holds
when they are not run (`make serve` builds without --strict).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from .load import Site
from .model import LABEL_PATTERN, Lang, Text, UiStrings
from .safe_text import escape_text, safe_markdown

# [](step:apply/log-in) or [](step:apply/open-platform..verify-email); the link text is generated when empty.
STEP_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\(step:(?P<guide>[a-z0-9-]+)/(?P<first>[a-z0-9-]+)(?:\.\.(?P<last>[a-z0-9-]+))?\)")


@dataclass(frozen=True)
class Context:
    """Where a text is rendered: the site, the language, and the page's place relative to the guides."""

    site: Site
    lang: Lang
    guide: str | None = None  # the slug of the guide page being rendered, if any
    guides_dir: str = ""  # path from the page to docs/guides/, e.g. "guides/" from the home page
    # URL from the built page to the site's root, e.g. "../../" from /guides/apply/: for links to built files
    # that are not pages (the PDFs), which MkDocs neither knows nor rewrites.
    site_root: str = ""
    # Where readers' reports on a step go (goldcard/feedback.py); None shows no report link.
    feedback: str | None = None
    # The page's own address, for those reports: absolute where the site knows where it is published (site_url),
    # otherwise relative to the site's root ("en/guides/apply/"), never a guess.
    page_address: str = ""


# `{n}` in the site's words; anything else in braces is text (ui.get would stop the build on it).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, values: dict[str, object], escape=lambda text: text) -> str:
    """A template of data/ui.yaml with its placeholders filled in; the rest of it passed through `escape`."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(template):
        if match[1] in values:
            parts += [escape(template[last:match.start()]), str(values[match[1]])]
            last = match.end()
    parts.append(escape(template[last:]))
    return "".join(parts)


def ui_text(ui: UiStrings, key: str, lang: Lang, **values: object) -> str:
    """One of the site's words as plain text (for the scripts, the PDFs, and to be escaped by the caller)."""
    return fill(ui.root[key][lang], values)


def words(ctx: Context, key: str, **values: object) -> str:
    """One of the site's words for the page's Markdown or HTML: the template escaped as text, the values (markup
    the renderer made, or data it escaped) filled in as they are."""
    return fill(ctx.site.ui.root[key][ctx.lang], values, escape_text)


def date_fields(date: dt.date, ui: UiStrings, lang: Lang) -> dict[str, object]:
    """The parts the date templates of data/ui.yaml fill in, with the month and weekday words from there too
    (the same words the calculator uses; never the process's locale)."""
    return {"year": date.year, "month": date.month, "day": date.day,
            "month_name": ui.root["month_names"][lang].split()[date.month - 1],
            "weekday": ui.root["weekdays"][lang].split()[date.weekday()]}


def format_date(date: dt.date, ui: UiStrings, lang: Lang) -> str:
    """2026 年 1 月 27 日 / 27 January 2026, as plain text."""
    return ui_text(ui, "date", lang, **date_fields(date, ui, lang))


def english_of(label: str, ctx: Context) -> str | None:
    term = ctx.site.glossary.by_label.get(label)
    return term.en if term else None


def label_markup(label: str, ctx: Context, plain: bool = False) -> str:
    """「中文」 on Chinese pages; 「中文」 (English) on English pages, the English from the glossary. The label is
    as it stands in the escaped text (goldcard.safe_text); the English is escaped here."""
    if ctx.lang == "zh":
        return f"「{label}」"
    english = english_of(html.unescape(label), ctx)
    english = f" ({escape_text(english)})" if english else ""
    if plain:
        return f"「{label}」{english}"
    return f'<span lang="zh-TW">「{label}」</span>{english}'


def render_labels(text: str, ctx: Context, plain: bool = False) -> str:
    """Platform labels marked up in a text that is already safe Markdown or HTML (escaped data, or a page)."""
    return LABEL_PATTERN.sub(lambda match: label_markup(match.group(1), ctx, plain), text)


def render_labels_as_text(text: str, ctx: Context) -> str:
    """Platform labels in plain text, for the scripts that show it as text: 「中文」 (English)."""
    if ctx.lang == "zh":
        return text

    def replace(match: re.Match[str]) -> str:
        english = english_of(match.group(1), ctx)
        return match[0] + (f" ({english})" if english else "")

    return LABEL_PATTERN.sub(replace, text)


def step_link_target(guide: str, step_id: str, ctx: Context) -> tuple[str, int] | None:
    try:
        number = ctx.site.guide(guide).number_of(step_id)
    except KeyError:
        return None
    if number is None:
        return None
    page = "" if guide == ctx.guide else f"{ctx.guides_dir}{guide}.md"
    return f"{page}#step-{number}", number


def render_step_links(text: str, ctx: Context) -> str:
    """Step links in a text made safe already: the words written here are escaped, the link's own kept."""

    def replace(match: re.Match[str]) -> str:
        first = step_link_target(match["guide"], match["first"], ctx)
        last = step_link_target(match["guide"], match["last"], ctx) if match["last"] else None
        if first is None or (match["last"] and last is None):
            return match["text"] or match[0]  # validation reports it; the page still reads
        if last is not None:
            label = words(ctx, "step_range", first=first[1], last=last[1])
        else:
            label = words(ctx, "step", n=first[1])
        if match["text"]:
            label = match["text"]
        if match["guide"] != ctx.guide:
            label += f" ({escape_text(ctx.site.guide(match['guide']).guide.title[ctx.lang])})"
        return f"[{label}]({first[0]})"

    return STEP_LINK.sub(replace, text)


def render_text(text: Text, ctx: Context, plain: bool = False) -> str:
    """The Markdown of one language of a stored text, made safe. `plain` leaves out HTML and keeps it on one
    line (for titles: headings and admonitions end at the line's end)."""
    source = text[ctx.lang].strip()
    if plain:
        source = " ".join(source.split())
    return render_labels(render_step_links(safe_markdown(source), ctx), ctx, plain)


def render_plain(text: str, ctx: Context) -> str:
    """A plain-text data field (not Markdown) for the page's Markdown or HTML: escaped, labels marked up."""
    return render_labels(escape_text(text.strip()), ctx)
