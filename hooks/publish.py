"""What the built site says about where it is published: nothing, unless it is told.

`site_url` comes from `SITE_URL` (mkdocs.yml). Without it the site has no address to give, so it gives none: no
canonical links (MkDocs writes them only from `site_url`) and no sitemap, whose entries must be absolute
addresses. A default address would be a guess, and the old one (the preview's http://127.0.0.1:8000/) ended up
in every published page. Material's source maps are left out too: readers' browsers never fetch them, and their
comments name local development hosts.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

SITEMAP = "sitemap.xml"  # MkDocs also writes sitemap.xml.gz from it


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Not rendered, a theme's sitemap.xml would be copied as it is: a template.
    unpublished = [file for file in files
                   if file.src_uri.endswith(".map") or (not config.site_url and file.src_uri == SITEMAP)]
    for file in unpublished:
        files.remove(file)
    return files
