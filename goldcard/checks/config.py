"""What the checks need to know about the project, read from `extra: goldcard:` in mkdocs.yml.

    extra:
      goldcard:
        allowed_hosts: [goldcard.nat.gov.tw, ...]   # every link goes to one of these, over https
        language_hosts: [goldcard.nat.gov.tw]       # sites with /zh/ and /en/ versions
        check_links: false                          # also fetch every external link (slow; needs the network)

`make check` reads it without MkDocs (mkdocs.yml has `!ENV` tags, so only the `extra` part is built).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..problems import DataError, Problem, display_path

# Turns the external-link check on for one run, from make or the shell: GOLDCARD_CHECK_LINKS=1 make build
LIVE_ENV = "GOLDCARD_CHECK_LINKS"


@dataclass(frozen=True)
class CheckConfig:
    root: Path  # the project: mkdocs.yml, data/, docs/
    allowed_hosts: tuple[str, ...] = ()
    language_hosts: tuple[str, ...] = ()
    docs_dir: Path | None = None
    check_links: bool = False
    link_timeout: float = 10.0
    link_cache: Path | None = None  # where live results are kept between runs
    link_cache_days: float = 7.0

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def live_from_environment(default: bool = False) -> bool:
    value = os.environ.get(LIVE_ENV)
    if value is None:
        return default
    return value.strip().lower() not in ("", "0", "false", "no", "off")


def config_from_extra(root: Path, extra: Mapping[str, Any] | None, docs_dir: Path | None) -> CheckConfig:
    settings = dict((extra or {}).get("goldcard") or {})
    return CheckConfig(
        root=root,
        allowed_hosts=tuple(str(host).lower() for host in settings.get("allowed_hosts") or ()),
        language_hosts=tuple(str(host).lower() for host in settings.get("language_hosts") or ()),
        docs_dir=docs_dir,
        check_links=live_from_environment(bool(settings.get("check_links", False))),
        link_timeout=float(settings.get("link_timeout", 10.0)),
        link_cache=root / ".cache" / "goldcard-links.json",
        link_cache_days=float(settings.get("link_cache_days", 7.0)),
    )


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def read_config(mkdocs_yml: Path) -> CheckConfig:
    """The checks' settings from a mkdocs.yml, without MkDocs; errors as problems with a line."""
    try:
        root_node = yaml.compose(mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        extra_node = _mapping_value(root_node, "extra")
        extra = yaml.SafeLoader("").construct_document(extra_node) if extra_node is not None else {}
        docs_node = _mapping_value(root_node, "docs_dir")
        docs_dir = docs_node.value if isinstance(docs_node, yaml.ScalarNode) else "docs"
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(display_path(mkdocs_yml), 1, 1, f"cannot read the site's configuration ({error})",
                                 "run from the project folder, or pass --config")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError([Problem(display_path(mkdocs_yml), line, column, f"YAML syntax: {error.problem}",
                                 "check indentation and quoting on this line or the one above")]) from None
    root = mkdocs_yml.resolve().parent
    return config_from_extra(root, extra if isinstance(extra, dict) else {}, root / docs_dir)
