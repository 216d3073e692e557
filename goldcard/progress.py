"""The markup of a guide's checkboxes and progress box; docs/javascripts/progress.js keeps them in the browser.

The boxes are real `<input type="checkbox">` with a `<label>`, in the HTML, so that they work with the keyboard
and a screen reader, exist without JavaScript and print as empty squares. Each box names what it records in
`data-progress-item`: a step's stable id, or `checklist:<hash of the item's Chinese text>` (checklist items have
no id; the hash keeps a tick on its item when others are added, and drops it when the item is rewritten).
"""

from __future__ import annotations

import hashlib
import html

from .load import LoadedGuide, NumberedStep
from .model import Text
from .text import Context, render_text, ui_text, words


def checklist_key(item: Text) -> str:
    return "checklist:" + hashlib.sha256(item.zh.strip().encode("utf-8")).hexdigest()[:10]


def checklist_item(item: Text, ctx: Context) -> str:
    """One Markdown list item: the box, and the item's text as its label (Markdown still works inside)."""
    key = checklist_key(item)
    box_id = "ready-" + key.split(":", 1)[1]
    return (f'- <input type="checkbox" id="{box_id}" class="gc-box" data-progress-item="{key}"> '
            f'<label for="{box_id}">{render_text(item, ctx)}</label>')


def done_box(numbered: NumberedStep, ctx: Context) -> str:
    box_id = f"done-step-{numbered.number}"
    label = words(ctx, "step_done", n=numbered.number)
    return (f'<p class="gc-done"><input type="checkbox" id="{box_id}" class="gc-box" '
            f'data-progress-item="{html.escape(numbered.step.id)}"> <label for="{box_id}">{label}</label></p>')


def render_progress(loaded: LoadedGuide, ctx: Context) -> str:
    """The progress box: count, continue link, reset. Without a script it stays hidden, and it is marked
    `gc-interactive` so that print and the PDFs leave it out. It comes filled in as on a first visit (nothing
    done, start at the first step): the script changes it only for a reader with ticks, so the box does not
    grow and push the guide down as the page loads."""
    ui, lang = ctx.site.ui, ctx.lang
    total = len(loaded.steps)
    first_step = ui_text(ui, "step", lang, n=1)

    def template(key: str) -> str:
        return html.escape(ui.root[key][lang], quote=True)  # templates: the script fills them in, as text

    return (
        f'<div class="gc-progress gc-interactive" data-progress-for="{loaded.guide.slug}">'
        f'<p class="gc-progress-title">{template("progress_title")}</p>'
        f'<p class="gc-progress-count" role="status" data-template="{template("progress_count")}">'
        f'{html.escape(ui_text(ui, "progress_count", lang, done=0, total=total))}</p>'
        f'<p class="gc-progress-actions">'
        f'<a class="gc-progress-continue" href="#step-1" data-template="{template("progress_continue")}" '
        f'data-start-template="{template("progress_start")}">{html.escape(ui_text(ui, "progress_start", lang, step=first_step))}</a>'
        f'<span class="gc-progress-all-done" hidden>{template("progress_all_done")}</span></p>'
        # Each button a paragraph of its own: in the row above, a slow phone's paint of the row half read moved
        # the link, and a paint of the reset button's words half read put it beside the link, then below it.
        f'<p class="gc-progress-reset-row"><button type="button" class="md-button gc-progress-reset">'
        f'{template("progress_reset")}</button></p>'
        f'<p class="gc-stepview-start"><button type="button" class="md-button gc-stepview-open">'
        f'{template("stepview_open")}</button></p>'
        f'<p class="gc-progress-note">{template("progress_kept")}</p>'
        f'<p class="gc-progress-note gc-progress-not-kept" hidden>{template("progress_not_kept")}</p>'
        f"</div>"
    )


def render_step_view_head(ctx: Context) -> str:
    """Above the step that docs/javascripts/stepview.js shows alone: where it is, and the way back to the whole
    guide. Hidden until the script opens the view, so that without it (and in print) the guide reads as ever."""
    position = html.escape(ctx.site.ui.root["stepview_position"][ctx.lang], quote=True)
    return (f'<div class="gc-stepview-head gc-interactive" hidden>'
            f'<p class="gc-stepview-position" data-template="{position}"></p>'
            f'<button type="button" class="md-button gc-stepview-whole">{words(ctx, "stepview_whole")}</button>'
            f'</div>')


def render_step_view_bar(ctx: Context) -> str:
    """Back and Next below the step shown alone (at the bottom of a phone's screen, under the thumb)."""
    return (f'<nav class="gc-stepview-bar gc-interactive" aria-label="{words(ctx, "stepview_nav")}" hidden>'
            f'<button type="button" class="md-button gc-stepview-back">{words(ctx, "stepview_back")}</button>'
            f'<button type="button" class="md-button md-button--primary gc-stepview-next">'
            f'{words(ctx, "stepview_next")}</button></nav>')
