"""Links: every address in the data and in the Markdown pages, and every link to a step.

External links are https, to a host on the allow-list (mkdocs.yml, `extra: goldcard: allowed_hosts`), with
the right language version of sites that have one; no link is empty or `#`. Step links
(`[](step:apply/log-in)`, `[](step:apply/open-platform..verify-email)`) name a guide and step ids that exist.
Links between pages and their anchors are MkDocs's own job (`validation:` in mkdocs.yml).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable, Iterator
from urllib.parse import urlsplit

from ..load import Site
from ..model import Link, PerLanguageUrl
from ..problems import Problem
from .config import CheckConfig
from .where import Document, Page, all_texts

# [label](target) and ![alt](target "title"); the label may hold one level of brackets.
MARKDOWN_LINK = re.compile(
    r"!?\[(?P<label>(?:[^\[\]\n]|\[[^\]\n]*\])*)\]\(\s*(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
AUTOLINK = re.compile(r"<(?P<target>[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]+)>")
BARE_URL = re.compile(r"(?P<target>https?://[^\s<>()\[\]「」（），。、；！？]*[^\s<>()\[\]「」（），。、；！？.,:;!?'\"])")
STEP_TARGET = re.compile(r"^step:(?P<guide>[^/\s]*)(?:/(?P<first>[^.\s]*)(?:\.\.(?P<last>\S*))?)?$")

FIX_ALLOW = "link to one of the allowed sites ({hosts}); if this site belongs in the guides, add it to " \
            "`extra: goldcard: allowed_hosts` in mkdocs.yml"


@dataclass(frozen=True)
class UrlRef:
    """One address written somewhere: in a text (with the language of that text) or in a `url:` field."""

    target: str
    lang: str | None  # None: one address used by both languages
    where: Callable[[str, str], Problem]  # (message, fix) -> a problem at this place
    in_page: bool = False  # in a Markdown page under docs/, where step links are not rendered
    label: str | None = None  # the link's text, if it has one


def markdown_targets(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(offset, target, link text) of every link in a Markdown text: inline links, autolinks, bare addresses."""
    taken: list[tuple[int, int]] = []
    for match in MARKDOWN_LINK.finditer(text):
        target = match["target"]
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        taken.append(match.span())
        yield match.start("target"), target, match["label"]
    for match in AUTOLINK.finditer(text):
        taken.append(match.span())
        yield match.start("target"), match["target"], None
    for match in BARE_URL.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            yield match.start("target"), match["target"], None


def may_link(text: str) -> bool:
    """A quick look before the regular expressions: most texts have no link at all."""
    return "](" in text or "<" in text or "//" in text


def url_refs(docs: list[Document], pages: list[Page]) -> list[UrlRef]:
    refs: list[UrlRef] = []

    def at(doc: Document, loc: tuple, offset: int | None = None, needle: str | None = None):
        return lambda message, fix: doc.problem(loc, message, fix, offset, needle)

    for item in all_texts(docs):
        for lang in ("zh", "en"):
            if not may_link(item.text[lang]):
                continue
            for offset, target, label in markdown_targets(item.text[lang]):
                refs.append(UrlRef(target, lang, at(item.doc, item.loc + (lang,), offset, target or "()"), label=label))
    for doc in docs:
        for loc, obj in doc.nodes:
            if isinstance(obj, Link) and isinstance(obj.url, str):
                refs.append(UrlRef(obj.url, None, at(doc, loc + ("url",))))
            elif isinstance(obj, PerLanguageUrl):
                refs += [UrlRef(obj.zh, "zh", at(doc, loc + ("zh",))), UrlRef(obj.en, "en", at(doc, loc + ("en",)))]
    for page in pages:
        for number, line in enumerate(page.lines, start=1):
            for offset, target, label in markdown_targets(line):
                refs.append(UrlRef(target, page.lang,
                                   lambda message, fix, p=page, n=number, c=offset + 1: p.problem(n, c, message, fix),
                                   in_page=True, label=label))
    return refs


def close_to(word: str, choices: list[str]) -> list[str]:
    return difflib.get_close_matches(word, choices, n=3, cutoff=0.6)


def step_ids(site: Site) -> dict[str, list[str]]:
    """slug -> the guide's step ids in order (includes expanded)."""
    return {loaded.guide.slug: [numbered.step.id for numbered in loaded.steps] for loaded in site.guides}


def step_link_problems(target: str, guides: dict[str, list[str]]) -> list[tuple[str, str]]:
    """What is wrong with a step link, given every guide's step ids (`step_ids`)."""
    match = STEP_TARGET.match(target)
    if not match or not match["guide"] or not match["first"] or match["last"] == "":
        return [(f"the step link “{target}” is not written as step:<guide>/<step id>",
                 "write [](step:apply/log-in) for one step, or [](step:apply/open-platform..verify-email) for a range")]
    slugs = list(guides)
    if match["guide"] not in guides:
        close = close_to(match["guide"], slugs)
        hint = f"did you mean {' or '.join(close)}?" if close else "use one of the guides"
        return [(f"the step link “{target}” names the guide “{match['guide']}”, which does not exist",
                 f"{hint} (guides: {', '.join(slugs)})")]
    ids = guides[match["guide"]]
    found = []
    for step_id in filter(None, (match["first"], match["last"])):
        if step_id not in ids:
            close = close_to(step_id, ids)
            hint = f"did you mean {' or '.join(close)}?" if close else f"its step ids are: {', '.join(ids)}"
            found.append((f"the step link “{target}” names the step “{step_id}”, which the guide "
                          f"“{match['guide']}” does not have", hint))
    if not found and match["last"] and ids.index(match["last"]) <= ids.index(match["first"]):
        found.append((f"the step range “{target}” ends before it begins",
                      "write the earlier step first: step:<guide>/<first>..<last>"))
    return found


def external_problems(target: str, lang: str | None, config: CheckConfig,
                      label: str | None = None) -> list[tuple[str, str]]:
    """What is wrong with one address (not a step link): (message, fix) pairs, each fix the whole right address."""
    if target.strip() in ("", "#"):
        return [(f"the link [{label or ''}]({target}) has no target", "give the address it points to, or remove the link")]
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme == "mailto" or (not scheme and not target.startswith("//")):
        return []  # an email address; or a page or anchor of this site, which MkDocs checks (`validation:`)
    if scheme not in ("http", "https", ""):
        return [(f"the link {target} is not a web address ({scheme}:)", "link to an https:// page")]
    host = (parts.hostname or "").lower()
    right_host = host
    found: list[tuple[str, str]] = []
    if config.allowed_hosts and host not in config.allowed_hosts:
        close = difflib.get_close_matches(host, config.allowed_hosts, n=1, cutoff=0.75)
        if close:
            right_host = close[0]
            found.append((f"the link {target} goes to {host}, which is not the right host", f"did you mean {right_host}?"))
        else:
            found.append((f"the link {target} goes to {host}, which is not on the allow-list",
                          FIX_ALLOW.format(hosts=", ".join(config.allowed_hosts))))
    path = parts.path
    if right_host in config.language_hosts:
        version = path.strip("/").split("/", 1)[0].lower()
        words = {"zh": "Chinese", "en": "English"}
        if version in words and lang is None:
            found.append((f"the link {target} points to the /{version}/ version of {host} for both languages",
                          f"give one address per language: url: {{zh: https://{right_host}/zh/..., "
                          f"en: https://{right_host}/en/...}}"))
        elif version in words and version != lang:
            path = path.replace(f"/{version}", f"/{lang}", 1)
            found.append((f"the {words[lang]} text links to the {words[version]} version of {host} ({target})", ""))
    if scheme != "https":
        found.append((f"the link {target} uses {scheme + ':' if scheme else ''}//, not https://", ""))
    netloc = parts.netloc.replace(parts.hostname or "", right_host, 1) if parts.hostname else right_host
    right = parts._replace(scheme="https", netloc=netloc, path=path).geturl()
    if right_host not in config.allowed_hosts and config.allowed_hosts:
        # No address to suggest: the fix is to choose another site.
        return [(message, fix or "use https://, on a site of the allow-list") for message, fix in found]
    return [(message, f"{fix} write {right}" if fix.endswith("?") else fix or f"write {right}") for message, fix in found]


def check_links(site: Site, config: CheckConfig, docs: list[Document], pages: list[Page]) -> list[Problem]:
    problems: list[Problem] = []
    guides = step_ids(site)
    for ref in url_refs(docs, pages):
        if ref.target.startswith("step:") and ref.in_page:
            found = [(f"the step link “{ref.target}” is in a Markdown page, where step links are not rendered",
                      "link to the guide page instead (guides/<slug>.md), or move the text into the guide data")]
        elif ref.target.startswith("step:"):
            found = step_link_problems(ref.target, guides)
        else:
            found = external_problems(ref.target, ref.lang, config, ref.label)
        problems += [ref.where(message, fix) for message, fix in found]
    return problems
