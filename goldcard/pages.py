"""Render the site-wide pages from the data: the list of guides and the glossary."""

from __future__ import annotations

import html
from typing import get_args

from .model import Term, TermKind
from .pdf.names import handbook_file
from .render import render_pdf_download, step_count
from .safe_text import escape_text
from .text import Context, format_date, render_plain, words


def render_guide_list(ctx: Context) -> str:
    ui, lang = ctx.site.ui, ctx.lang
    items = []
    for loaded in ctx.site.guides:
        guide = loaded.guide
        summary = render_plain(guide.summary[lang], ctx)
        updated = f" · {words(ctx, 'updated', date=escape_text(format_date(guide.updated, ui, lang)))}" if guide.updated else ""
        items.append(
            f'<li class="gc-guide-card" data-guide-card="{guide.slug}" markdown="block">\n\n'
            f"### [{escape_text(guide.title[lang])}]({ctx.guides_dir}{guide.slug}.md)\n\n"
            f'<p class="gc-card-meta">{words(ctx, "series", n=guide.number)} · '
            f"{step_count(len(loaded.steps), ctx)}{updated}</p>\n\n"
            f"<p>{summary}</p>\n\n</li>"
        )
    heading = f"## {words(ctx, 'guides')} {{ #guides }}"
    download = render_pdf_download(handbook_file(lang), "download_handbook_pdf", ctx)
    return f'{heading}\n\n{download}\n\n<ul class="gc-guide-list" markdown>\n\n' + "\n\n".join(items) + "\n\n</ul>\n"


def term_anchor(term: Term) -> str:
    """The id of the term's row on the glossary page (ids may not contain spaces); search links to it too."""
    return "term-" + "".join("_" if ch.isspace() else ch for ch in term.zh)


def render_term(term: Term, ctx: Context, with_next: bool) -> str:
    cells = [
        f'<td lang="zh-TW">「{html.escape(term.zh)}」</td>',
        f"<td>{html.escape(term.en)}</td>",
        f"<td>{render_plain(term.explain[ctx.lang], ctx)}</td>",
    ]
    if with_next:
        cells.append(f"<td>{render_plain(term.next[ctx.lang], ctx) if term.next else ''}</td>")
    return f'<tr id="{html.escape(term_anchor(term))}">' + "".join(cells) + "</tr>"


def render_glossary(ctx: Context) -> str:
    parts = []
    for kind in get_args(TermKind):
        terms = [term for term in ctx.site.glossary.terms if term.kind == kind]
        if not terms:
            continue
        has_next = any(term.next for term in terms)
        keys = ["glossary_zh", "glossary_en", "glossary_explain"] + (["glossary_next"] if has_next else [])
        header = "".join(f'<th scope="col">{words(ctx, key)}</th>' for key in keys)
        rows = "\n".join(render_term(term, ctx, has_next) for term in terms)
        # A table without a class gets Material's table style; the wrapper carries ours.
        table = f'<div class="gc-glossary" markdown="0">\n<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>'
        parts.append(f"## {words(ctx, f'glossary_kind_{kind}')} {{ #{kind} }}\n\n{table}\n")
    return "\n".join(parts)
