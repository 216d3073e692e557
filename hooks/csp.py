"""Give every built page its Content-Security-Policy (goldcard/csp.py), and keep `mkdocs serve`'s live reload.

The i18n plugin builds each language with the same hooks, so every page of both languages passes here.
An inline event handler (onclick=...) is logged as a warning, which fails a strict build: the policy blocks
it, so it would be dead in the page.

`mkdocs serve` adds an inline live-reload script to each page as it serves it, after the build, with a number
that changes with each request: no hash made at build time can match it. The server's own method that adds it
is wrapped so that the page's policy is made again from the page as served, live-reload script included. The
preview thus has the policy of the site, plus exactly that script.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from goldcard.csp import NoHeadError, read_inline_code, with_policy

log = logging.getLogger("mkdocs.hooks.goldcard.csp")


# After every other hook and plugin has changed the page, so that the hashes are of its last text; only the sketches'
# drawings go in after (hooks/pages.py), which hold nothing a policy allows.
@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The theme's own pages (404.html) are rendered from a template alone: they pass here, not in on_post_page.
    return _with_policy(output_content, template_name) if template_name.endswith(".html") else output_content


def _with_policy(output: str, name: str) -> str:
    for handler in read_inline_code(output).event_handlers:
        log.warning(f"{name}: {handler}: an inline event handler, which the Content-Security-Policy "
                    "blocks; attach it with addEventListener in a script file instead")
    try:
        return with_policy(output)
    except NoHeadError as error:
        log.warning(f"{name}: {error}, so it gets no Content-Security-Policy; "
                    "make its template start with <head> and <meta charset>")
        return output


def on_serve(server, config: MkDocsConfig, builder):
    add_live_reload = getattr(server, "_inject_js_into_html", None)
    if add_live_reload is None:  # another MkDocs: say so rather than leave a preview that never reloads
        log.warning("this MkDocs adds its live-reload script differently: the page's Content-Security-Policy "
                    "blocks it, so reload the page by hand (or update hooks/csp.py)")
        return server

    def add_live_reload_allowed(content: bytes, epoch: int) -> bytes:
        served = add_live_reload(content, epoch)
        try:
            return with_policy(served.decode("utf-8")).encode("utf-8")
        except (UnicodeDecodeError, NoHeadError):
            return served  # not one of our pages (no policy to update)

    server._inject_js_into_html = add_live_reload_allowed
    return server
