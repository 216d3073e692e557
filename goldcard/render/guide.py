"""Render a guide as the Markdown of one language: data in, Markdown out, nothing of MkDocs.

The markup carries the contract the tests and scripts rely on: one element with `data-guide` and
`data-step-count`, and one `<section id="step-N" data-step="N" data-step-id="...">` per step.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap

from ..load import LoadedGuide, NumberedSection, NumberedStep
from ..model import Link, Note, Text
from ..pdf.names import PDF_DIR, guide_file
from ..deadlines import render_tools
from ..feedback import StepReport, report_address
from ..progress import checklist_item, done_box, render_progress, render_step_view_bar, render_step_view_head
from ..safe_text import escape_text, plain_address
from ..text import Context, english_of, format_date, render_plain, render_text, ui_text, words
from .sketch import render_sketch_svg

INDENT = "    "


def indent(markdown: str) -> str:
    return textwrap.indent(markdown, INDENT, lambda line: bool(line.strip()))


def quoted(title: str) -> str:
    """An admonition's title (safe Markdown on one line) in quotes, which it may not hold itself."""
    return '"' + title.replace('"', "'") + '"'


def render_note(note: Note, ctx: Context) -> str:
    title = render_text(note.title, ctx, plain=True) if note.title else words(ctx, f"note_{note.kind}")
    return f"!!! {note.kind} {quoted(title)}\n\n{indent(render_text(note.text, ctx))}\n"


# Characters that would end a Markdown link's address or begin a title in it; percent-encoded, the address stays
# one address (no web address holds them as they are).
URL_BREAKERS = {ord(ch): f"%{ord(ch):02X}" for ch in " \t\n\r\"'<>()\\`"}


def render_link(link: Link, ctx: Context) -> str:
    """One link of a guide or step; an address that is not plainly https: (or mailto:) leaves its words unlinked."""
    url = link.url_for(ctx.lang).strip()
    label = render_text(link.label, ctx)
    if not plain_address(url):
        return f"- {label}"
    return f"- [{label}]({escape_text(url.translate(URL_BREAKERS))})"


def render_links(links: list[Link], ctx: Context) -> str:
    if not links:
        return ""
    items = "\n".join(render_link(link, ctx) for link in links)
    return f'<p class="gc-links-title">{words(ctx, "links")}</p>\n\n{items}\n'


def render_screen(screen: Text, ctx: Context) -> str:
    return f"??? screen {quoted(words(ctx, 'screen'))}\n\n{indent(render_text(screen, ctx))}\n"


def render_sketch(numbered: NumberedStep, ctx: Context) -> str:
    """A figure for the step's screen, whose caption is the screen's description: the drawing's long description,
    and what a reader without the picture reads. Raw HTML on one line, which Markdown passes through untouched.
    Its frame is left empty for `draw_sketches`, which puts the drawing in once the page is HTML: Markdown and the
    search index then never read the drawings, which made up a fifth of a build."""
    step = numbered.step
    caption = render_plain(" ".join(step.screen[ctx.lang].split()), ctx) if step.screen else ""
    return (f'<figure class="gc-sketch" data-sketch-for="{step.id}"><div class="gc-sketch-frame"></div>'
            f'<figcaption id="{caption_id(numbered)}"><strong>{words(ctx, "screen")}</strong> {caption}'
            "</figcaption></figure>")


def caption_id(numbered: NumberedStep) -> str:
    return f"step-{numbered.number}-screen"


EMPTY_FRAME = re.compile(r'(<figure class="gc-sketch" data-sketch-for="([a-z0-9-]+)">\s*<div class="gc-sketch-frame">)'
                         r"(?=</div>)")


def draw_sketches(html: str, loaded: LoadedGuide, ctx: Context) -> str:
    """The guide page's HTML with each sketch's frame (`render_sketch`) holding its drawing
    (goldcard/render/sketch.py)."""
    platform = ctx.site.platform
    if platform is None:
        return html
    by_id = {numbered.step.id: numbered for numbered in loaded.steps if numbered.step.sketch}

    def drawing(frame: re.Match[str]) -> str:
        numbered = by_id[frame[2]]
        return frame[1] + render_sketch_svg(
            numbered.step.sketch, platform, ctx.lang, lambda label: english_of(label, ctx),
            ui_text(ctx.site.ui, "sketch_name", ctx.lang, n=numbered.number), caption_id(numbered))

    return EMPTY_FRAME.sub(drawing, html)


def step_count(n: int, ctx: Context) -> str:
    return words(ctx, "step_count_one" if n == 1 else "step_count", n=n)


def render_feedback(numbered: NumberedStep, ctx: Context) -> str:
    """The step's "Something wrong with this step?" link, to a report filled in for the editors; nothing when the
    site names no place for reports. A plain link: no script. It is `gc-interactive`, so print and the PDFs leave
    it out (a report link on paper helps nobody); the step's heading describes it, since every step's link has
    the same words."""
    if not ctx.feedback or ctx.guide is None:
        return ""
    guide = ctx.site.guide(ctx.guide).guide
    report = StepReport(guide_slug=guide.slug, guide_title=guide.title[ctx.lang], step_id=numbered.step.id,
                        step_number=numbered.number, lang=ctx.lang,
                        page_address=f"{ctx.page_address}#step-{numbered.number}")
    href = html.escape(report_address(ctx.feedback, report, ctx.site.ui), quote=True)
    return (f'<p class="gc-feedback-line gc-interactive"><a class="gc-feedback" href="{href}" '
            f'aria-describedby="step-{numbered.number}-title">{words(ctx, "feedback_link")}</a></p>')


def render_step(numbered: NumberedStep, ctx: Context) -> str:
    step = numbered.step
    heading = words(ctx, "step", n=numbered.number)
    parts = [
        f'<section class="gc-step" id="step-{numbered.number}" data-step="{numbered.number}" '
        f'data-step-id="{step.id}" markdown>',
        f'### <span class="gc-step-number">{heading}</span> {render_text(step.title, ctx)} '
        f"{{ #step-{numbered.number}-title }}",
    ]
    if step.body:
        parts.append(render_text(step.body, ctx))
    parts += [render_note(note, ctx) for note in step.notes]
    if step.links:
        parts.append(render_links(step.links, ctx))
    if step.sketch and ctx.site.platform:
        parts.append(render_sketch(numbered, ctx))
    elif step.screen:
        parts.append(render_screen(step.screen, ctx))
    parts.append(done_box(numbered, ctx))
    parts.append(render_feedback(numbered, ctx))
    parts.append("</section>")
    return "\n\n".join(part for part in parts if part)


def render_section(numbered: NumberedSection, ctx: Context) -> str:
    section = numbered.section
    parts = [
        f"## {render_text(section.title, ctx)} {{ #{section.id} }}",
        f'<p class="gc-section-meta">{step_count(len(numbered.steps), ctx)}</p>',
    ]
    parts += [render_step(step, ctx) for step in numbered.steps]
    return "\n\n".join(parts)


def render_checklist(items: list[Text], ctx: Context) -> str:
    if not items:
        return ""
    lines = "\n".join(checklist_item(item, ctx) for item in items)
    title = words(ctx, "before_you_start")
    return f'<div class="gc-checklist" markdown>\n\n<p class="gc-checklist-title">{title}</p>\n\n{lines}\n\n</div>'


def dated(key: str, date: dt.date, ctx: Context) -> str:
    """One of the site's sentences about a date ("Last updated …"), the date as the site writes it, in <time>."""
    return words(ctx, key, date=f'<time datetime="{date.isoformat()}">'
                 f'{escape_text(format_date(date, ctx.site.ui, ctx.lang))}</time>')


def render_meta(loaded: LoadedGuide, ctx: Context) -> str:
    guide = loaded.guide
    facts = [step_count(len(loaded.steps), ctx)]
    if guide.updated:  # a guide whose source gives no date shows none
        facts.append(dated("updated", guide.updated, ctx))
    if guide.verified:  # the day an editor last walked the guide on the live platform, as recorded; never guessed
        facts.append(dated("verified", guide.verified, ctx))
    facts.append(words(ctx, "by", author=escape_text(guide.author[ctx.lang])))
    return '<p class="gc-meta">' + " · ".join(facts) + "</p>"


def render_pdf_download(file: str, key: str, ctx: Context) -> str:
    """A link to one of the PDFs in site/pdf/ (made after the build by `make pdf`). Written as HTML relative to
    the built page: MkDocs would check a Markdown link against docs/, where the PDFs never are."""
    href = html.escape(f"{ctx.site_root}{PDF_DIR}/{file}")
    return f'<p class="gc-pdf-download"><a href="{href}" type="application/pdf">{words(ctx, key)}</a></p>'


def render_guide(loaded: LoadedGuide, ctx: Context) -> str:
    """The whole guide page body, title included."""
    guide = loaded.guide
    parts = [
        f"# {render_text(guide.title, ctx, plain=True)}",
        f'<div class="gc-guide" data-guide="{guide.slug}" data-step-count="{len(loaded.steps)}" markdown>',
        f'<p class="gc-summary">{render_plain(guide.summary[ctx.lang], ctx)}</p>',
        render_meta(loaded, ctx),
        render_pdf_download(guide_file(guide.slug, ctx.lang), "download_guide_pdf", ctx),
        render_progress(loaded, ctx),
        render_step_view_head(ctx),
    ]
    if guide.intro:
        parts.append(render_text(guide.intro, ctx))
    parts += [render_note(note, ctx) for note in guide.notices]
    parts.append(render_links(guide.links, ctx))
    parts.append(render_checklist(guide.checklist, ctx))
    parts.append(render_tools(guide.tools, ctx))
    parts += [render_section(section, ctx) for section in loaded.sections]
    parts.append(render_step_view_bar(ctx))
    parts.append("</div>")
    return "\n\n".join(part for part in parts if part) + "\n"
