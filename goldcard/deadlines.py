"""Render the deadline rules (data/deadlines.yaml): as prose, as calculator forms, and as the JSON the
calculator reads. Plain Python, nothing of MkDocs.

The date arithmetic itself lives only in docs/javascripts/deadlines.js: this module writes the rules out in
words (generated from the same numbers), and the worked examples come from the data, where the browser
tests check them against the script.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .model import Calculator, DateInput, Deadlines, Duration, RuleDate, Timeline, Tool
from .safe_text import escape_text
from .text import Context, date_fields, render_labels_as_text, render_plain, render_text, words

# Taiwan has kept UTC+8 without daylight saving time since 1980, so "today in Taiwan" is a fixed offset.
TAIWAN_UTC_OFFSET_MINUTES = 480
# Years the calculator accepts from a reader; outside them a typo is far likelier than a real card.
YEAR_RANGE = (1900, 2200)

# The site's words the scripts need, sent in the page's language (data/ui.yaml).
SCRIPT_WORDS = [
    "date_error_empty", "date_error_format", "date_error_impossible", "date_error_range", "date_long", "weekdays",
    "month_names", "today_in_taiwan", "add_to_calendar", "share_link", "calendar_description",
    "timeline_stage_done", "timeline_completion", "rule_from",
]
# Prose the scripts never show; left out of the page's JSON to keep it small.
PROSE_ONLY = {"intro", "explain", "notes", "example", "guide", "conventions"}


def deadlines_of(ctx: Context) -> Deadlines:
    if ctx.site.deadlines is None:
        raise ValueError("data/deadlines.yaml was not loaded")
    return ctx.site.deadlines


def plain(text: str, ctx: Context) -> str:
    """A plain-text data field as HTML or Markdown: escaped, with platform labels marked up."""
    return render_plain(text, ctx)


def docs_root(ctx: Context) -> str:
    """Path from the page being rendered to docs/ (guide pages are one folder down)."""
    return ctx.guides_dir.removesuffix("guides/") if ctx.guides_dir.endswith("guides/") else "../"


# ---------------------------------------------------------------- dates in words


def long_date(date: dt.date, ctx: Context) -> str:
    """2027年4月29日（四） or Thu 29 April 2027, from the same words the calculator uses."""
    return words(ctx, "date_long", **{key: escape_text(str(value)) for key, value in
                                      date_fields(date, ctx.site.ui, ctx.lang).items()})


def date_markup(date: dt.date, ctx: Context) -> str:
    iso = date.isoformat()
    return f'<time datetime="{iso}">{long_date(date, ctx)}</time> <span class="gc-iso">{iso}</span>'


def shift_words(base: str, months: int, days: int, ctx: Context) -> str:
    """A rule in words, from its numbers: 到期日前 4 個月 / 4 months before the expiry date (escaped)."""
    base = escape_text(base)
    for unit, n in (("month", months), ("day", days)):
        if n:
            key = f"rule_{unit}{'s' if abs(n) != 1 else ''}_{'before' if n < 0 else 'after'}"
            base = words(ctx, key, n=abs(n), base=base)
    return base


def sentence(words: str) -> str:
    """A rule as a table cell: its first letter capitalised (English; Chinese has no case)."""
    return words[:1].upper() + words[1:]


def duration_words(low: Duration, high: Duration, ctx: Context) -> str:
    """約 1–2 週 / about 1–2 weeks, or about 1 week when both ends agree."""
    unit, a = low.unit()
    b = high.unit()[1]
    amount = words(ctx, f"duration_{unit}_one") if a == b == 1 else words(
        ctx, f"duration_{unit}", n=a if a == b else f"{a}–{b}")
    return words(ctx, "duration_about", duration=amount)


# ---------------------------------------------------------------- the configuration the scripts read


def localize(value: Any, ctx: Context) -> Any:
    """The data with every {zh, en} pair replaced by the page's language (labels as 「中文」 (English))."""
    if isinstance(value, dict):
        if set(value) == {"zh", "en"} and all(isinstance(v, str) for v in value.values()):
            return render_labels_as_text(value[ctx.lang].strip(), ctx)  # shown as text by the scripts
        return {key: localize(item, ctx) for key, item in value.items() if key not in PROSE_ONLY}
    if isinstance(value, list):
        return [localize(item, ctx) for item in value]
    return value


def script_config(ctx: Context) -> dict[str, Any]:
    data = deadlines_of(ctx).model_dump(mode="json", by_alias=True)
    return {
        "lang": ctx.lang,
        "utcOffsetMinutes": TAIWAN_UTC_OFFSET_MINUTES,
        "yearRange": list(YEAR_RANGE),
        "calculators": localize(data["calculators"], ctx),
        "timeline": localize(data["timeline"], ctx),
        "words": {key: ctx.site.ui.root[key][ctx.lang] for key in SCRIPT_WORDS},  # templates, filled by the script
    }


def render_config(ctx: Context) -> str:
    text = json.dumps(script_config(ctx), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script>, "</" could end the element early; \u003c is the same character to JSON.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="gc-deadline-rules">{text}</script>'


# ---------------------------------------------------------------- the rules as prose


def rule_rows(calculator: Calculator, ctx: Context) -> list[tuple[str, str, str]]:
    lang = ctx.lang
    nouns = {calculator.input.id: calculator.input.noun[lang]}
    rows = [(plain(calculator.input.label[lang], ctx), sentence(words(ctx, "rule_input")),
             date_markup(calculator.example.input, ctx))]
    for date in calculator.dates:
        rule = shift_words(nouns[date.from_], date.months, date.days, ctx)
        nouns[date.id] = date.noun[lang]
        rows.append((plain(date.label[lang], ctx), sentence(rule), date_markup(calculator.example.dates[date.id], ctx)))
    return rows


def markdown_table(header: list[str], rows: list[tuple[str, ...]], css: str) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "&#124;").replace("\n", " ") for cell in row) + " |" for row in rows]
    return f'<div class="{css}" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def render_rules_table(calculator: Calculator, ctx: Context) -> str:
    header = [words(ctx, "rule_date"), words(ctx, "rule_how"), words(ctx, "rule_example")]
    return markdown_table(header, rule_rows(calculator, ctx), "gc-rules")


def render_statuses(calculator: Calculator, ctx: Context) -> str:
    if not calculator.statuses:
        return ""
    rows = [(f'<span class="gc-status gc-status--{s.kind}">{plain(s.label[ctx.lang], ctx)}</span>',
             render_text(s.explain, ctx)) for s in calculator.statuses]
    title = f'<p class="gc-rules-title">{words(ctx, "rule_statuses")}</p>'
    return title + "\n\n" + markdown_table([words(ctx, "rule_status"), words(ctx, "rule_when")], rows, "gc-rules")


def render_warnings(calculator: Calculator, ctx: Context) -> str:
    lang = ctx.lang
    nouns = {calculator.input.id: calculator.input.noun[lang], **{d.id: d.noun[lang] for d in calculator.dates}}
    parts = []
    for warning in calculator.warnings:
        when = words(ctx, "rule_from", date=shift_words(nouns[warning.from_], warning.months, warning.days, ctx))
        title = render_text(warning.title, ctx, plain=True).replace('"', "'")
        parts.append(f'!!! warning "{title}"\n\n    {when}{plain(" ".join(warning.text[lang].split()), ctx)}\n')
    return "\n".join(parts)


def render_calculator_rules(calculator: Calculator, ctx: Context) -> str:
    guide = ctx.site.guide(calculator.guide).guide
    explained = words(ctx, "deadlines_explained_in", guide=f"[{escape_text(guide.title[ctx.lang])}]"
                      f"({ctx.guides_dir}{guide.slug}.md)")
    parts = [render_text(calculator.intro, ctx), render_rules_table(calculator, ctx), render_statuses(calculator, ctx),
             render_warnings(calculator, ctx), explained]
    return "\n\n".join(part for part in parts if part)


# ---------------------------------------------------------------- the forms (shown by the scripts)


def render_date_field(prefix: str, name: str, field: DateInput, ctx: Context) -> str:
    lang = ctx.lang
    field_id = f"gc-{prefix}-{field.id}"
    hint = (plain(field.hint[lang], ctx) + " " if field.hint else "") + words(ctx, "date_format_hint")
    return (
        f'<div class="gc-field gc-interactive">'
        f'<label for="{field_id}">{plain(field.label[lang], ctx)}</label>'
        f'<input type="text" id="{field_id}" name="{name}" inputmode="numeric" autocomplete="off" spellcheck="false" '
        f'size="12" maxlength="24" aria-describedby="{field_id}-hint {field_id}-error" data-date-field>'
        f'<p class="gc-hint" id="{field_id}-hint">{hint}</p>'
        f'<p class="gc-error" id="{field_id}-error" hidden></p>'
        f"</div>"
    )


def render_form(kind: str, name: str, fields: str, ctx: Context) -> str:
    """A calculator form; hidden until its script runs, as it does nothing without one."""
    return (
        f'<p class="gc-needs-js gc-interactive">{words(ctx, "deadlines_needs_js")}</p>\n\n'
        f'<form class="gc-calculator" id="gc-form-{name}" data-{kind}="{name}" novalidate hidden>'
        f"{fields}"
        f'<p class="gc-submit gc-interactive"><button type="submit" class="md-button md-button--primary">{words(ctx, "calculate")}</button></p>'
        f'<div class="gc-result" id="gc-{name}-result" aria-live="polite"></div>'
        f"</form>"
    )


def render_calculator_form(calculator: Calculator, ctx: Context) -> str:
    return render_form("calculator", calculator.id, render_date_field(calculator.id, calculator.id, calculator.input, ctx), ctx)


# ---------------------------------------------------------------- the processing timeline


def stage_weight(duration: Duration) -> int:
    # Only for drawing: a month as 30 days is close enough to size a bar; dates come from the script.
    return duration.months * 30 + duration.weeks * 7 + duration.days


def render_timeline_rules(timeline: Timeline, ctx: Context) -> str:
    lang = ctx.lang
    colon = "：" if lang == "zh" else ": "
    rows = []
    for stage in timeline.stages:
        # One duration needs no "for whom" (the stage's explanation says who skips it); several name theirs.
        times = "<br>".join(
            (plain(d.who[lang], ctx) + colon if d.who and len(stage.durations) > 1 else "") + duration_words(d.min, d.max, ctx)
            for d in stage.durations)
        rows.append((plain(stage.label[lang], ctx), plain(stage.explain[lang], ctx), times))
    header = [words(ctx, "timeline_stage"), words(ctx, "timeline_what"), words(ctx, "timeline_duration")]
    return markdown_table(header, rows, "gc-rules")


def render_timeline_figure(timeline: Timeline, ctx: Context) -> str:
    """Each situation's stages in a row, drawn with HTML and CSS, so it prints and reads without a script."""
    lang = ctx.lang
    rows = []
    for applicant in timeline.applicants:
        stages = "".join(
            f'<li class="gc-timeline-stage" style="flex-grow: {stage_weight(d.max)}">'
            f'<span class="gc-timeline-name">{plain(stage.short[lang], ctx)}</span> '
            f'<span class="gc-timeline-time">{duration_words(d.min, d.max, ctx)}</span></li>'
            for stage, d in timeline.durations_for(applicant.id))
        rows.append(f'<div class="gc-timeline-row" data-applicant="{applicant.id}">'
                    f'<p class="gc-timeline-who">{plain(applicant.label[lang], ctx)}</p>'
                    f'<ol class="gc-timeline-stages">{stages}</ol></div>')
    return (f'<figure class="gc-timeline"><figcaption>{words(ctx, "timeline_figure")}</figcaption>'
            + "".join(rows) + "</figure>")


def render_timeline_form(timeline: Timeline, ctx: Context) -> str:
    lang = ctx.lang
    options = "".join(f'<option value="{a.id}">{plain(a.label[lang], ctx)}</option>' for a in timeline.applicants)
    select = (f'<div class="gc-field gc-interactive"><label for="gc-timeline-applicant">{plain(timeline.applicant_label[lang], ctx)}'
              f'</label><select id="gc-timeline-applicant" name="applicant">{options}</select></div>')
    return render_form("timeline", "timeline", select + render_date_field("timeline", "timeline", timeline.input, ctx), ctx)


def render_timeline(timeline: Timeline, ctx: Context) -> str:
    notes = "\n\n".join(render_text(note, ctx) for note in timeline.notes)
    parts = [render_text(timeline.intro, ctx), render_timeline_rules(timeline, ctx), render_timeline_figure(timeline, ctx),
             notes, render_timeline_form(timeline, ctx)]
    return "\n\n".join(part for part in parts if part)


# ---------------------------------------------------------------- pages


def render_deadlines_page(ctx: Context) -> str:
    """The body of /deadlines/ after its hand-written introduction: every calculator with its rules, the
    processing timeline, and how dates are counted."""
    deadlines, lang = deadlines_of(ctx), ctx.lang
    parts = []
    for calculator in deadlines.calculators:
        parts.append(f"## {render_text(calculator.title, ctx, plain=True)} {{ #{calculator.id} }}")
        parts.append(render_calculator_rules(calculator, ctx))
        parts.append(render_calculator_form(calculator, ctx))
    parts.append(f"## {render_text(deadlines.timeline.title, ctx, plain=True)} {{ #timeline }}")
    parts.append(render_timeline(deadlines.timeline, ctx))
    parts.append(f"## {render_text(deadlines.title, ctx, plain=True)} {{ #date-rules }}")
    parts.append("\n".join(f"- {render_text(rule, ctx)}" for rule in deadlines.conventions))
    parts.append(render_config(ctx))
    return "\n\n".join(parts) + "\n"


def render_tools(tools: list[Tool], ctx: Context) -> str:
    """The tools a guide embeds (its `tools` field): each with its rules table and a link to all the rules."""
    if not tools:
        return ""
    deadlines = deadlines_of(ctx)
    parts = [f"## {words(ctx, 'deadlines_tools')} {{ #your-dates }}"]
    for tool in tools:
        if tool == "timeline":
            title, body = deadlines.timeline.title, render_timeline(deadlines.timeline, ctx)
        else:
            calculator = deadlines.calculator(tool)
            title = calculator.title
            body = render_rules_table(calculator, ctx) + "\n\n" + render_calculator_form(calculator, ctx)
        link = f"[{words(ctx, 'deadlines_rules_link')}]({docs_root(ctx)}deadlines.md#{tool})"
        parts += [f"### {render_text(title, ctx, plain=True)} {{ #tool-{tool} }}", body, link]
    parts.append(render_config(ctx))
    return "\n\n".join(parts)


# The scripts a page needs, in load order: the calculators' only on the pages that have one, so that a guide
# page without tools downloads just its progress script.
CALCULATOR_SCRIPTS = ["javascripts/dates.js", "javascripts/deadlines.js", "javascripts/calendar.js",
                      "javascripts/fields.js", "javascripts/calculator.js", "javascripts/timeline.js"]
PROGRESS_SCRIPTS = ["javascripts/progress.js"]
STEP_VIEW_SCRIPTS = ["javascripts/stepview.js"]  # after progress.js: a tick is recorded before the view moves on


def page_scripts(kind: str, tools: list[Tool]) -> list[str]:
    if kind == "deadlines":
        return CALCULATOR_SCRIPTS
    if kind == "guide":
        return (CALCULATOR_SCRIPTS if tools else []) + PROGRESS_SCRIPTS + STEP_VIEW_SCRIPTS
    return []
