"""MkDocs hook used only by the benchmark: saves each page's Markdown as the site renders it, after the
project's own hooks, to $GOLDCARD_CAPTURE_DIR/<source path>. The plain-Material baseline builds those files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# Front matter that only the project's hooks read; the baseline pages are already rendered.
PROJECT_KEYS = {"goldcard", "guide"}


@event_priority(-1000)  # after every other handler of this event: the final Markdown
def on_page_markdown(markdown, page, config, files):  # noqa: ANN001, ANN201 - MkDocs' hook signature
    target = Path(os.environ["GOLDCARD_CAPTURE_DIR"]) / page.file.src_uri
    if target.exists():
        raise PluginError(f"{page.file.src_uri} was rendered twice (a language fell back to another's page)")
    meta = {key: value for key, value in page.meta.items() if key not in PROJECT_KEYS}
    # JSON is YAML too, and keeps any value's type without a YAML writer here.
    front_matter = f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n" if meta else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter + markdown, encoding="utf-8")
    return markdown
