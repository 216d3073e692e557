"""Keep `make serve`'s rebuild short, and the same as a build from scratch.

MkDocs makes a new Jinja environment for each build, so each rebuild compiled the theme's ~40 templates again
(about a third of a preview's rebuild). MkDocs loads a hook once per `mkdocs serve`, so a cache held here lives
from one rebuild to the next; Jinja checks each template's source against its checksum, so an edited override
is compiled anew. A one-off `mkdocs build` compiles as before.

MkDocs converts every page's Markdown on each rebuild, though a save changes the Markdown of a few (the pages
of the guide edited, and those that list it): while serving, a page whose Markdown, file, site files and
Markdown settings are those of a page converted before takes that conversion (its HTML, table of contents,
anchors and the warnings the conversion logged, logged again). tests/test_preview.py checks that a rebuild
after edits gives, byte for byte, the site a build from scratch gives.

The segmenter (jieba) is one per process, and each build adds words to it (Material loads
data/jieba_user_dict.txt, hooks/search.py the glossary's labels), raising its word counts each time: after a
few rebuilds the preview cut 「這次登入」 otherwise than `make build` does. Each build starts from the
dictionary as it was before the first one.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from typing import Any, Callable

import jieba
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_segmenter_start: tuple[dict[str, int], int] | None = None  # jieba's word counts and their total


@event_priority(100)  # before Material's search plugin loads the user dictionary into the segmenter
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _segmenter_start
    segmenter = jieba.dt
    if _segmenter_start is None:
        segmenter.check_initialized()
        _segmenter_start = (dict(segmenter.FREQ), segmenter.total)
    else:
        segmenter.FREQ, segmenter.total = dict(_segmenter_start[0]), _segmenter_start[1]
    return config


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory, by template name and file."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # dropped by Jinja if the template's source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _compiled_templates
    return env


class ConvertedPages:
    """Page.render's results, by everything they are made from."""

    LIMIT = 500  # a few builds' worth of pages in both languages; a long preview starts again past it

    def __init__(self) -> None:
        self._converted: dict[tuple[str, ...], dict[str, Any]] = {}
        self._files: Files | None = None
        self._files_key = ""

    def files_key(self, files: Files) -> str:
        if files is not self._files:  # one Files per build: its key is made once
            names = "\n".join(sorted(f"{file.src_uri}\t{file.dest_uri}\t{file.url}" for file in files))
            self._files, self._files_key = files, hashlib.sha256(names.encode("utf-8")).hexdigest()
        return self._files_key

    def render(self, convert: Callable[[Page, MkDocsConfig, Files], None], page: Page, config: MkDocsConfig,
               files: Files) -> None:
        settings = repr((config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"]))
        key = (page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown or "", settings,
               self.files_key(files))
        converted = self._converted.get(key)
        if converted is None:
            converted = self._convert(convert, page, config, files)
            if len(self._converted) > self.LIMIT:
                self._converted.clear()
            self._converted[key] = converted
        else:
            for record in converted["log"]:
                logging.getLogger(record.name).handle(record)
        page.content = converted["content"]
        page.toc = copy.deepcopy(converted["toc"])
        page._title_from_render = converted["title"]
        page.present_anchor_ids = set(converted["anchors"])
        if converted["links_to_anchors"] is not None:
            page.links_to_anchors = {files.get_file_from_path(src_uri): dict(links)
                                     for src_uri, links in converted["links_to_anchors"].items()}

    @staticmethod
    def _convert(convert: Callable[[Page, MkDocsConfig, Files], None], page: Page, config: MkDocsConfig,
                 files: Files) -> dict[str, Any]:
        records: list[logging.LogRecord] = []
        handler = logging.Handler()
        handler.emit = records.append  # type: ignore[method-assign]
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(handler)
        try:
            page.links_to_anchors = None
            convert(page, config, files)
        finally:
            mkdocs_log.removeHandler(handler)
        links = page.links_to_anchors
        return {"content": page.content, "toc": copy.deepcopy(page.toc), "title": page._title_from_render,
                "anchors": frozenset(page.present_anchor_ids or ()), "log": records,
                "links_to_anchors": None if links is None else {file.src_uri: dict(anchors)
                                                                for file, anchors in links.items()}}


_converted_pages = ConvertedPages()


def on_startup(command: str, dirty: bool) -> None:
    if command != "serve" or getattr(Page.render, "remembered", False):
        return
    convert = Page.render

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        _converted_pages.render(convert, page, config, files)

    render.remembered = True  # type: ignore[attr-defined]
    Page.render = render  # type: ignore[method-assign]
