"""Turn one stored text into the Markdown of one language: platform labels, step links and dates."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from .load import Site
from .model import LABEL_PATTERN, Lang, Text, UiStrings

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


def date_fields(date: dt.date, ui: UiStrings, lang: Lang) -> dict[str, object]:
    """The parts the date templates of data/ui.yaml fill in, with the month and weekday words from there too
    (the same words the calculator uses; never the process's locale)."""
    return {"year": date.year, "month": date.month, "day": date.day,
            "month_name": ui.get("month_names", lang).split()[date.month - 1],
            "weekday": ui.get("weekdays", lang).split()[date.weekday()]}


def format_date(date: dt.date, ui: UiStrings, lang: Lang) -> str:
    """2026 年 1 月 27 日 / 27 January 2026."""
    return ui.get("date", lang, **date_fields(date, ui, lang))


def label_markup(label: str, ctx: Context, plain: bool = False) -> str:
    """「中文」 on Chinese pages; 「中文」 (English) on English pages, the English from the glossary."""
    if ctx.lang == "zh":
        return f"「{label}」"
    term = ctx.site.glossary.by_label().get(label)
    english = f" ({term.en})" if term else ""
    if plain:
        return f"「{label}」{english}"
    return f'<span lang="zh-TW">「{html.escape(label)}」</span>{html.escape(english)}'


def render_labels(text: str, ctx: Context, plain: bool = False) -> str:
    return LABEL_PATTERN.sub(lambda match: label_markup(match.group(1), ctx, plain), text)


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
    ui = ctx.site.ui

    def replace(match: re.Match[str]) -> str:
        first = step_link_target(match["guide"], match["first"], ctx)
        last = step_link_target(match["guide"], match["last"], ctx) if match["last"] else None
        if first is None or (match["last"] and last is None):
            return match["text"] or match[0]  # validation reports it; the page still reads
        if last is not None:
            label = ui.get("step_range", ctx.lang, first=first[1], last=last[1])
        else:
            label = ui.get("step", ctx.lang, n=first[1])
        if match["text"]:
            label = match["text"]
        if match["guide"] != ctx.guide:
            label += f" ({ctx.site.guide(match['guide']).guide.title[ctx.lang]})"
        return f"[{label}]({first[0]})"

    return STEP_LINK.sub(replace, text)


def render_text(text: Text, ctx: Context, plain: bool = False) -> str:
    """The Markdown of one language of a stored text. `plain` leaves out HTML (for titles)."""
    return render_labels(render_step_links(text[ctx.lang].strip(), ctx), ctx, plain)
