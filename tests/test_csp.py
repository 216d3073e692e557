"""The Content-Security-Policy of every page (goldcard/csp.py, hooks/csp.py): in the built files, and in Chromium.

The built files are read with a parser of the test's own (not the core's), and the hashes computed here again.
In Chromium, a listener added before any of the page's scripts collects every `securitypolicyviolation`, and
the console's CSP messages are collected beside it: using the site as a reader does must report none, and a
script injected into a built page must be both stopped and reported.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import json
import logging
import os
import queue
import re
import socket
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from browsing import guarded_page
from conftest import ROOT, copy_project

pytestmark = pytest.mark.xdist_group("browser")

REQUIRED = {
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
IGNORED_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
RUNS = {"", "module", "text/javascript", "application/javascript"}  # the script types used on the web at all

COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
                           + ` (${event.sourceFile}:${event.lineNumber}: ${event.sample})`);
});
"""


class Page(HTMLParser):
    """What the policy has to cover in one page, and where its policy sits."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head: list[tuple[str, dict]] = []  # the head's elements, in order
        self.policies: list[str] = []
        self.scripts: list[str] = []  # the text of each inline script that runs
        self.styles: list[str] = []
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self._in_head = False
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.head.append((tag, attributes))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attributes.get("content") or "")
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.lower().startswith("on")]
        if "style" in attributes:
            self.style_attributes.append(attributes["style"] or "")
        if (tag == "script" and "src" not in attributes and (attributes.get("type") or "").lower() in RUNS) \
                or tag == "style":
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if self._text is not None and tag in ("script", "style"):
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._text = None


def read_page(path: Path) -> Page:
    parsed = Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} appears twice: {policy}"
        parsed[name] = sources
    return parsed


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def hashes(sources: list[str]) -> set[str]:
    return {source for source in sources if source.startswith("'sha256-")}


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert len(files) >= 17, files  # 8 pages in each language and the 404 page
    return files


# ---------------------------------------------------------------- the core, on small pages


def policy_of(html: str) -> dict[str, list[str]]:
    page = Page()
    page.feed(html)
    assert len(page.policies) == 1, html
    return directives(page.policies[0])


def test_the_policy_goes_after_the_charset_or_else_first_in_the_head_and_a_page_without_either_is_refused():
    from goldcard.csp import NoHeadError, with_policy

    script = "<script>go()</script>"
    assert with_policy(f'<html><head><meta charset="utf-8"><title>t</title>{script}</head></html>').startswith(
        '<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    assert with_policy(f"<html><head><title>t</title>{script}</head></html>").startswith(
        '<html><head>\n    <meta http-equiv="Content-Security-Policy"')
    with pytest.raises(NoHeadError):
        with_policy(f"<p>no head</p>{script}")


def test_a_second_pass_replaces_the_policy_and_allows_a_script_added_since():
    from goldcard.csp import with_policy

    page = '<html><head><meta charset="utf-8">\n<script>a()</script></head><body><p>text</p></body></html>'
    once = with_policy(page)
    assert with_policy(once) == once  # no second meta, no blank line: the same page
    served = with_policy(once.replace("</body>", "<script>reload(1, 2)</script></body>"))
    assert hashes(policy_of(served)["script-src"]) == {sha256("a()"), sha256("reload(1, 2)")}


def test_a_policy_between_the_head_and_the_body_is_replaced_as_one_in_the_head():
    from goldcard.csp import with_policy

    # A browser moves a <meta> met after </head> into the head, where a policy takes effect.
    page = ('<html><head><meta charset="utf-8"></head>\n<meta http-equiv="Content-Security-Policy" '
            'content="default-src *"><body><script>a()</script></body></html>')
    assert policy_of(with_policy(page))["default-src"] == ["'self'"]  # one policy, ours


def test_the_hashes_are_of_the_text_the_browser_runs():
    from goldcard.csp import with_policy

    # CR LF is read as LF; entities in a script are not decoded, in an attribute they are; data blocks do not run.
    page = ('<head><meta charset="utf-8"><script>\r\nif (a &amp;&amp; b) go()</script>'
            '<script type="application/json">{"a": 1}</script><script type="module">run()</script>'
            '<style>p{color:red}</style></head><p style="flex-grow: 2&#59;">x</p>')
    policy = policy_of(with_policy(page))
    assert hashes(policy["script-src"]) == {sha256("\nif (a &amp;&amp; b) go()"), sha256("run()")}
    assert hashes(policy["style-src"]) == {sha256("p{color:red}")}
    assert policy["style-src-attr"] == ["'unsafe-hashes'", sha256("flex-grow: 2;")]


def test_an_inline_event_handler_is_a_build_warning_which_fails_a_strict_build(caplog):
    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "hooks" / "csp.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="guides/apply.md"))
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.goldcard.csp"):
        hook.on_post_page('<head><meta charset="utf-8"></head><p>1 &lt; 2</p><button onclick="go()">go</button>',
                          page=page, config=None)
    assert [record.getMessage().split(":")[:2] for record in caplog.records] == [["guides/apply.md", " <button onclick>"]]


# ---------------------------------------------------------------- the built files


def test_every_page_has_one_policy_first_in_its_head_that_allows_exactly_its_inline_code(built_site):
    for path in html_files(built_site):
        name = path.relative_to(built_site)
        page = read_page(path)
        assert len(page.policies) == 1, f"{name}: {len(page.policies)} CSP metas"
        first, second = page.head[0], page.head[1]
        assert first[0] == "meta" and "charset" in first[1], f"{name}: the head does not start with the charset"
        assert second[0] == "meta" and second[1].get("http-equiv") == "Content-Security-Policy", \
            f"{name}: the policy is not right after the charset, so the head's first scripts are not covered"
        policy = directives(page.policies[0])
        for directive, source in REQUIRED.items():
            assert source in policy.get(directive, []), f"{name}: no {directive} {source}"
        for directive in ("default-src", "script-src", "style-src"):
            loose = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:"} & set(policy[directive])
            assert not loose, f"{name}: {directive} allows {loose}"
        assert not IGNORED_IN_META & set(policy), f"{name}: directives a meta policy ignores: {IGNORED_IN_META & set(policy)}"
        # Every inline script that runs is allowed by its hash, and nothing else is.
        assert page.scripts, f"{name}: no inline script found; the parser is not reading the page"
        assert hashes(policy["script-src"]) == {sha256(text) for text in page.scripts}, name
        assert hashes(policy["style-src"]) == {sha256(text) for text in page.styles}, name
        if page.style_attributes:
            assert hashes(policy["style-src-attr"]) == {sha256(text) for text in page.style_attributes}, name
        else:
            assert "style-src-attr" not in policy, name


def test_no_element_in_the_built_site_has_an_inline_event_handler(built_site):
    handlers = {str(path.relative_to(built_site)): read_page(path).handlers for path in html_files(built_site)}
    assert not any(handlers.values()), {name: found for name, found in handlers.items() if found}


def test_the_browser_tests_wait_for_functions_not_expressions_which_the_policy_stops():
    # Playwright evaluates a wait_for_function expression with eval() at every poll, which the policy (rightly
    # without 'unsafe-eval') refuses after the first: such a wait passes only if its condition holds at once.
    # A function ("() => ...") is evaluated once, when the policy still lets Playwright's own evaluation through.
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "wait_for_function" and call.args:
                source = ast.get_source_segment(path.read_text(encoding="utf-8"), call.args[0]) or ""
                if not re.match(r"""f?(["']|\"\"\")\s*(\(.*?\)|\w+)\s*=>|f?(["']|\"\"\")\s*(async\s+)?function\b""", source):
                    found.append(f"tests/{path.name}:{call.lineno}: {source}")
    assert not found, "write these waits as functions, \"() => ...\":\n" + "\n".join(found)


# ---------------------------------------------------------------- in Chromium


# Pages a tokenizer may read otherwise than a browser: where a script or a style ends, what is no element at
# all (in a comment, a <textarea>, an <xmp>, after <plaintext>), which of two attributes counts, and how a
# character reference in an attribute is decoded.
TRICKY_PAGES = [
    '<p style="a" style="b">x</p>',
    '<script>x = "</div>"</script><script>a<!--<script>b</script>c--></script><p>d</p>',
    '<style>p{}</style ><p style="a&ampb">x</p><p style="a&amp;b">y</p><p style="q&lt;r&#x3e;">z</p>',
    '<button ONCLICK="go()">b</button><svg><rect onload="x()" style="fill:red"/><script>s()</script></svg>',
    '<!-- <script>hidden()</script> --><script>shown()</script><script>a</SCRIPT>b',
    '<textarea><script>no()</script></textarea><title><style>x</style></title><xmp><script>x()</script></xmp>',
    '<iframe><script>y()</script></iframe><noembed><style>z</style></noembed><noscript><p style="n"></p></noscript>',
    '<template><script>t()</script><p style="t"></p></template><div><table><tr><td style="cell">c</table></div>',
    '<script type="text/JavaScript ; charset=utf-8">typed()</script><script type=module>m()</script>'
    '<script type="application/json">{}</script><script src="s.js"></script>',
    '<p style=unquoted>x</p><p style=\'single "q"\'>y</p><p style="">z</p><plaintext><script>p()</script>',
]

# What Chromium's parser made of a page: the same four lists as goldcard.csp's reader gives, template contents
# included. Scripts are off (the page's scripts are text to read here), so <noscript> holds elements.
BROWSER_READING = """() => {
  const runs = new Set(%s);
  const elements = [];
  const walk = (root) => { for (const element of root.querySelectorAll("*")) {
    elements.push(element);
    if (element.localName === "template") walk(element.content);
  } };
  walk(document);
  return {
    scripts: elements.filter((e) => e.localName === "script" && !e.hasAttribute("src")
      && runs.has((e.getAttribute("type") || "").split(";")[0].trim().toLowerCase())).map((e) => e.textContent),
    styles: elements.filter((e) => e.localName === "style").map((e) => e.textContent),
    style_attributes: elements.filter((e) => e.hasAttribute("style")).map((e) => e.getAttribute("style")),
    event_handlers: elements.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith("on"))
      .map((a) => `<${e.localName} ${a.name}>`)),
  };
}"""


@pytest.mark.parametrize("body", TRICKY_PAGES)
def test_the_reader_finds_the_scripts_styles_and_attributes_that_chromium_finds(browser, body):
    from goldcard.csp import _JAVASCRIPT_TYPES, read_inline_code

    page_text = f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_content(page_text)
        seen = page.evaluate(BROWSER_READING % json.dumps(sorted(_JAVASCRIPT_TYPES)))
    finally:
        context.close()
    found = read_inline_code(page_text)
    assert {"scripts": found.scripts, "styles": found.styles, "style_attributes": found.style_attributes,
            "event_handlers": found.event_handlers} == seen


def violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__violations") + console


def watched(page) -> list[str]:
    """Starts collecting violations (from before the page's first script) and the console's CSP messages."""
    page.add_init_script(COLLECT_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    return console


def search(page, query: str) -> None:
    page.keyboard.press("s")  # Material's search shortcut
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone sends none
    page.locator(".md-search-result__item").first.wait_for()


def switch_palette(page) -> None:
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.click("[data-gc-palette] button:visible")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before


def run_calculators(page) -> None:
    page.fill("#gc-extension-expiry", "2027-06-30")
    page.click("#gc-form-extension button[type=submit]")
    page.locator("#gc-form-extension .gc-result-dates").wait_for()
    page.fill("#gc-supplement-notice", "2027-02-30")  # an impossible date: the error message is shown
    page.press("#gc-supplement-notice", "Enter")
    page.locator("#gc-supplement-notice-error").wait_for()
    page.select_option("#gc-timeline-applicant", "domestic")
    page.fill("#gc-timeline-submitted", "2027-01-05")
    page.press("#gc-timeline-submitted", "Enter")
    page.locator("#gc-form-timeline .gc-timeline-item").first.wait_for()


def tick_a_step(page) -> None:
    before = page.inner_text(".gc-progress-count")
    page.check("#done-step-1")
    page.locator(".gc-checklist input[type=checkbox]").first.check()
    assert page.inner_text(".gc-progress-count") != before


PAGES = {  # each kind of page, what a reader does there
    "index.html": "home", "guides/track-and-collect/index.html": "guide", "deadlines/index.html": "deadlines",
    "glossary/index.html": "glossary",
}


@pytest.mark.parametrize("path", [prefix + page for prefix in ("", "en/") for page in PAGES] + ["404.html"])
def test_using_the_site_reports_no_policy_violation(browser, site_url, path):
    kind = PAGES.get(path.removeprefix("en/"), "404")
    with guarded_page(browser, site_url) as page:
        console = watched(page)
        page.goto("/" + path.removesuffix("index.html"))
        search(page, "extension" if path.startswith("en/") else "延期")
        page.keyboard.press("Escape")
        switch_palette(page)
        if kind == "deadlines":
            run_calculators(page)
        if kind == "guide":
            tick_a_step(page)
            # The timeline's bars keep the sizes their hashed style attributes give them.
            assert page.evaluate("getComputedStyle(document.querySelector('.gc-timeline-stage')).flexGrow") != "1"
        page.reload()  # the choices kept in storage are read back by the head's scripts
        assert violations(page, console) == []


INJECTED = ('<script>window.injected = "inline script"</script>'
            '<img src="no-such-image.png" onerror="window.injected = \'event handler\'">'
            '<script src="https://scripts.example/x.js"></script>')


def test_a_script_injected_into_a_built_page_does_not_run_and_is_reported(browser, site_url, built_site):
    built = (built_site / "guides" / "apply" / "index.html").read_text(encoding="utf-8")
    assert "<article" in built
    tampered = built.replace("<article", INJECTED + "<article", 1)
    with guarded_page(browser, site_url) as page:
        console = watched(page)
        # Served beside the real page, so that its stylesheets and scripts load as they do there.
        page.route(f"{site_url}/guides/apply/tampered.html",
                   lambda route: route.fulfill(body=tampered, content_type="text/html; charset=utf-8"))
        page.goto("/guides/apply/tampered.html")  # returns on load: the image has failed by then
        assert page.evaluate("window.injected") is None
        page.wait_for_function("() => window.__violations.length >= 3")  # the reports are events of their own
        found = page.evaluate("window.__violations")
        assert any(v.startswith("script-src-elem blocked inline") for v in found), found
        assert any(v.startswith("script-src-attr blocked inline") for v in found), found
        assert any(v.startswith("script-src-elem blocked https://scripts.example/") for v in found), found
        assert console, "Chromium's console said nothing about the blocked scripts"
        # The page's own scripts still ran: the done boxes work, the palette switches.
        page.check("#done-step-1")
        switch_palette(page)


# ---------------------------------------------------------------- under `mkdocs serve`


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """`make serve`'s command on a copy of the project (edited by the test), and the address it serves."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read_log() -> None:
        for line in server.stderr:
            lines.put(line)
        lines.put(None)  # the server stopped

    threading.Thread(target=read_log, daemon=True).start()
    log: list[str] = []
    try:
        while not any("Serving on" in line for line in log):
            line = lines.get(timeout=300)
            assert line is not None, "mkdocs serve stopped:\n" + "".join(log[-30:])
            log.append(line)
        yield project, f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_live_reload_runs_under_the_policy_of_the_preview(browser, served):
    project, url, log = served
    with guarded_page(browser, url) as page:
        console = watched(page)
        # The script says so, and polls the server from the page's load on.
        with page.expect_console_message(lambda message: message.text == "Enabled live reload"), \
                page.expect_request(lambda request: "/livereload/" in request.url):
            page.goto("/en/guides/apply/")
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1
        # Saving a file rebuilds the site, and the page reloads itself.
        stylesheet = project / "docs" / "stylesheets" / "goldcard.css"
        with page.expect_event("load", timeout=120_000):
            stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
        assert violations(page, console) == [], "".join(log[-20:])
