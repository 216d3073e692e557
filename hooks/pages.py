"""Fill the pages under docs/ from the guide data.

A page names what it shows in its front matter (`goldcard: guide` with `guide: <slug>`, `goldcard: home`,
`goldcard: glossary`, `goldcard: deadlines`); this hook renders that from data with the plain-Python core in `goldcard/`.
A guide page's sketches are drawn into its HTML (on_post_page): Markdown and the search index have no need of them.
They go in last, after hooks/csp.py has read the page for its policy: a drawing holds no script, no style and no
style or event-handler attribute, so there is nothing in it for the policy to allow (tests/test_csp.py checks every
built page's policy against the whole page), and a third of the page's tags need not be read again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from goldcard.deadlines import page_scripts, render_deadlines_page
from goldcard.feedback import feedback_target
from goldcard.load import LoadedGuide, Site, load_site_cached, source_date_epoch
from goldcard.model import Lang
from goldcard.pages import render_glossary, render_guide_list
from goldcard.problems import DataError
from goldcard.render import draw_sketches, render_guide
from goldcard.text import Context, render_labels

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

_site: Site | None = None
_serving = False  # under `mkdocs serve`, where a data file that stops loading must not stop the preview
log = logging.getLogger("mkdocs.hooks.goldcard.pages")


def site() -> Site:
    if _site is None:
        raise PluginError("the guide data was not loaded (on_config did not run)")
    return _site


def page_language(page: Page, config: MkDocsConfig) -> Lang:
    locale = getattr(page.file, "locale", None) or config.theme["language"]
    return "zh" if str(locale).startswith("zh") else "en"


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Called once per language build; the load is cached until a data file changes (goldcard.load).
    global _site
    try:
        _site = load_site_cached(DATA_DIR)
    except DataError as error:
        if _serving and _site is not None:
            # hooks/validate.py lists the problems, one line each, as this build ends. A failed rebuild would
            # leave the preview stuck (and MkDocs prints a traceback), so it keeps the last data that loaded instead.
            log.warning("the guide data does not load (the problems are listed as this build ends): the preview "
                        "shows the last version that did")
            return config
        # hooks/validate.py logs each problem as file:line as the build fails, before MkDocs prints this.
        raise PluginError(f"the guide data does not load: {len(error.problems)} problem(s), listed above") from None
    # Same data, same site: MkDocs dates the sitemap by SOURCE_DATE_EPOCH; without it, by the clock.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(_site.guides)))
    return config


def page_guide(page: Page) -> LoadedGuide:
    slug = page.meta.get("guide")
    try:
        return site().guide(str(slug))
    except KeyError as error:
        raise PluginError(f"{page.file.src_uri}: front matter `guide: {slug}`: {error.args[0]}") from None


def guide_context(page: Page, config: MkDocsConfig, loaded: LoadedGuide) -> Context:
    # Readers' reports (extra: goldcard: feedback:; hooks/validate.py reports a target that cannot be used).
    feedback = feedback_target(((config.extra or {}).get("goldcard") or {}).get("feedback"))
    # The address the canonical link gives (from site_url); without it, the page's path from the site's root.
    address = page.canonical_url or page.url
    return Context(site(), page_language(page, config), loaded.guide.slug, guides_dir(page),
                   site_root=site_root(page), feedback=feedback, page_address=address)


def guides_dir(page: Page) -> str:
    return "" if page.file.src_uri.startswith("guides/") else "guides/"


def site_root(page: Page) -> str:
    return "../" * page.url.count("/")  # "guides/apply/" -> "../../"; "en/" -> "../"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    kind = page.meta.get("goldcard")
    if kind is None:
        return markdown
    if kind == "guide":
        loaded = page_guide(page)
        page.meta["gc_scripts"] = page_scripts(kind, loaded.guide.tools)  # read by overrides/main.html
        return render_guide(loaded, guide_context(page, config, loaded))
    context = Context(site(), page_language(page, config), None, guides_dir(page), site_root=site_root(page))
    page.meta["gc_scripts"] = page_scripts(kind, [])
    # Hand-written prose follows the data's conventions too: 「label」 gets its English on English pages.
    if kind == "home":
        return render_labels(markdown, context) + "\n\n" + render_guide_list(context)
    if kind == "glossary":
        return render_labels(markdown, context) + "\n\n" + render_glossary(context)
    if kind == "deadlines":
        return render_labels(markdown, context) + "\n\n" + render_deadlines_page(context)
    raise PluginError(f"{page.file.src_uri}: unknown `goldcard: {kind}` in front matter; use guide, home, glossary "
                      "or deadlines")


@event_priority(-110)  # after hooks/csp.py (-100): see the module's docstring
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.meta.get("goldcard") != "guide":
        return output
    loaded = page_guide(page)
    return draw_sketches(output, loaded, guide_context(page, config, loaded))
