"""What the built site says about where it is published: nothing, unless it is told.

`site_url` comes from `SITE_URL` (mkdocs.yml). Without it the site has no address to give, so it gives none: no
canonical links (MkDocs writes them only from `site_url`) and no sitemap, whose entries must be absolute
addresses. A default address would be a guess, and the old one (the preview's http://127.0.0.1:8000/) ended up
in every published page. Material's source maps are left out too: readers' browsers never fetch them, and their
comments name local development hosts. The project's own stylesheet and scripts are published without their
comments (goldcard/published_assets.py), which are for editors.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from goldcard.published_assets import plain_for

SITEMAP = "sitemap.xml"  # MkDocs also writes sitemap.xml.gz from it


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        config.theme.static_templates.discard(SITEMAP)
    return config


# After mkdocs-static-i18n's (-100), which reads every file's source path: a generated file has none.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    leave_out_unpublished(files, config)
    publish_without_comments(files, config)
    return files


def leave_out_unpublished(files: Files, config: MkDocsConfig) -> None:
    # Not rendered, a theme's sitemap.xml would be copied as it is: a template.
    unpublished = [file for file in files
                   if file.src_uri.endswith(".map") or (not config.site_url and file.src_uri == SITEMAP)]
    for file in unpublished:
        files.remove(file)


def publish_without_comments(files: Files, config: MkDocsConfig) -> None:
    for file in [file for file in files if file.abs_src_path and not file.generated_by]:
        plain = plain_for(file.src_uri)
        if plain is not None:
            source = Path(file.abs_src_path).read_text(encoding="utf-8")
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=plain(source)))
