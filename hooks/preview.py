"""Keep `make serve`'s rebuild short, and the same as a build from scratch.

MkDocs makes a new Jinja environment for each build, so each rebuild compiled the theme's ~40 templates again
(about a third of a preview's rebuild). MkDocs loads a hook once per `mkdocs serve`, so a cache held here lives
from one rebuild to the next; Jinja checks each template's source against its checksum, so an edited override
is compiled anew. A one-off `mkdocs build` compiles as before.

The segmenter (jieba) is one per process, and each build adds words to it (Material loads
data/jieba_user_dict.txt, hooks/search.py the glossary's labels), raising its word counts each time: after a
few rebuilds the preview cut 「這次登入」 otherwise than `make build` does. Each build starts from the
dictionary as it was before the first one.
"""

from __future__ import annotations

import jieba
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

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
