"""Text in the data is text (issue 12, part 1): both layers, tested with one table of injection payloads.

The payloads (tests/data/markup_payloads.yaml) go into every kind of data text of a copy of the project: a
guide of their own (step title, body, note, link label and address, screen), the glossary's explanations, the
deadline rules and the site's words (data/ui.yaml). Each must be reported by the checks at the line where it is
written. Then the copy is built once without --strict (as `make serve` does) and without the
Content-Security-Policy (hooks/csp.py), so that the renderer alone must hold, and its pages are opened in one
Chromium session: every element hovered, focused and clicked, and nothing may run, open a dialog or reach
another host. Ordinary text with `<`, `>` and `&` gives no problem and reads as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, serving

pytestmark = pytest.mark.xdist_group("markup-safety")

PAYLOADS = yaml.safe_load((Path(__file__).parent / "data" / "markup_payloads.yaml").read_text(encoding="utf-8"))
GUIDE = "data/guides/99-payloads.yaml"
SLUG = "payloads"
# What the markup and links rules say; the other rules (repeats, spelling...) may also speak of a payload's
# line, and do not count as reporting it.
SAFETY_MESSAGE = re.compile(r"raw HTML|attribute list|event handler|autolink|the image|the link|link address|"
                            r"not a web address")
ORDINARY = {
    "zh": "1 < 2，3 > 2，按「送出」 -> 等待，最多 1024 KB，a & b，`<b>` 照原樣，見[](step:payloads/p-script)。",
    "en": "1 < 2 and 3 > 2, click 「送出」 -> wait, at most 1024 KB, a & b, `<b>` as it is, see [](step:payloads/p-script).",
}
ORDINARY_SHOWN = {"zh": ["1 < 2", "3 > 2", "「送出」", "->", "1024 KB", "a & b", "<b>"],
                  "en": ["1 < 2", "3 > 2", "「送出」 (Submit)", "->", "at most 1024 KB", "a & b", "<b>"]}


@dataclass(frozen=True)
class Place:
    """One payload written into one field in one language, at a line of a file, calling `n` if it ever runs."""

    file: str
    line: int
    payload: str
    field: str
    lang: str
    n: int


class Writer:
    """Numbers the calls and remembers where each payload goes."""

    def __init__(self) -> None:
        self.places: list[Place] = []

    def text(self, payload: dict, field: str, lang: str, file: str, line: int, key: str = "text") -> str:
        n = len(self.places) + 1
        self.places.append(Place(file, line, payload["id"], field, lang, n))
        call = f"alert({n})" if payload.get("call") == "alert" else f"__pwned={n}"
        return payload.get(key, payload["text"]).replace("@JS@", call)


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar, on one line whatever it holds


def block_safe(text: str) -> bool:
    """Written as a literal block (as editors write bodies) where YAML keeps it exactly."""
    return bool(re.fullmatch(r"[!-~][ -~]*[!-~]", text)) and not text.startswith(("#", "-", "["))


def guide_lines(writer: Writer) -> list[str]:
    lines = [
        "number: 99", f"slug: {SLUG}", "title: {zh: 測試注入, en: Injection test}",
        "summary: {zh: 測試用。, en: For the tests.}", "author: {zh: 測試, en: The tests}",
        "created: 2024-07-30", "updated: 2024-07-30", "sections:", "  - id: all", "    title: {zh: 全部, en: Everything}", "    steps:",
        "      - id: ordinary", "        title: {zh: 1 < 2 -> 最多 1024 KB, en: 1 < 2 -> at most 1024 KB}",
        "        body:", f"          zh: {quoted(ORDINARY['zh'])}", f"          en: {quoted(ORDINARY['en'])}",
        "        links:", "          - label: {zh: 甲 & 乙 -> 丙, en: a & b -> c}",
        "            url: {zh: 'https://goldcard.nat.gov.tw/zh/', en: 'https://goldcard.nat.gov.tw/en/'}",
    ]

    def field(indent: str, name: str, payload: dict, kind: str) -> None:
        lines.append(f"{indent}{name}:")
        for lang in ("zh", "en"):
            line = len(lines) + 1
            lines.append(f"{indent}  {lang}: {quoted(writer.text(payload, kind, lang, GUIDE, line))}")

    for payload in PAYLOADS:
        lines.append(f"      - id: p-{payload['id']}")
        field("        ", "title", payload, "step title")
        lines.append("        body:")
        for lang in ("zh", "en"):
            if block_safe(payload["text"]) and lang == "zh":
                lines += [f"          {lang}: |", "            第一行。"]
                lines.append("            " + writer.text(payload, "body", lang, GUIDE, len(lines) + 1))
            else:
                line = len(lines) + 1
                lines.append(f"          {lang}: {quoted(writer.text(payload, 'body', lang, GUIDE, line))}")
        lines += ["        notes:", "          - kind: warning"]
        field("            ", "title", payload, "note title")
        field("            ", "text", payload, "note")
        lines += ["        links:", "          - label:"]
        for lang in ("zh", "en"):
            line = len(lines) + 1
            lines.append(f"              {lang}: {quoted(writer.text(payload, 'link label', lang, GUIDE, line))}")
        lines.append("            url:")
        for lang in ("zh", "en"):
            line = len(lines) + 1
            lines.append(f"              {lang}: {quoted(writer.text(payload, 'link address', lang, GUIDE, line, 'url'))}")
        field("        ", "screen", payload, "screen")
    return lines


def glossary_lines(writer: Writer, first_line: int) -> list[str]:
    lines: list[str] = []
    for index, payload in enumerate(PAYLOADS):
        lines += [f"  - zh: 測試欄位{index}", f"    en: Test field {index}", "    kind: field", "    explain:"]
        for lang in ("zh", "en"):
            line = first_line + len(lines)
            lines.append(f"      {lang}: {quoted(writer.text(payload, 'glossary explain', lang, 'data/glossary.yaml', line))}")
    return lines


def deadline_lines(writer: Writer, first_line: int) -> list[str]:
    lines: list[str] = []
    for payload in PAYLOADS:
        for lang in ("zh", "en"):
            line = first_line + len(lines)
            text = quoted(writer.text(payload, "deadline rule", lang, "data/deadlines.yaml", line))
            lines.append(f"  - {lang}: {text}" if lang == "zh" else f"    {lang}: {text}")
    return lines


def ui_lines(writer: Writer, source: str) -> list[str]:
    """Every one of the site's words with a payload after it, zh and en on lines of their own."""
    lines: list[str] = []
    index = 0
    for original in source.splitlines():
        match = re.fullmatch(r"([a-z_]+): (\{.*\})", original)
        if not match:
            lines.append(original)
            continue
        values = yaml.safe_load(match[2])
        payload = PAYLOADS[index % len(PAYLOADS)]
        index += 1
        lines.append(f"{match[1]}:")
        for lang in ("zh", "en"):
            line = len(lines) + 1
            lines.append(f"  {lang}: {quoted(values[lang] + ' ' + writer.text(payload, 'ui string', lang, 'data/ui.yaml', line))}")
    return lines


def insert_after(path: Path, anchor: str, new: list[str]) -> int:
    """Insert lines after the line `anchor`; returns the line number of the first inserted line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(anchor) + 1
    path.write_text("\n".join(lines[:at] + new + lines[at:]) + "\n", encoding="utf-8")
    return at + 1


@dataclass(frozen=True)
class PayloadProject:
    root: Path
    places: list[Place]
    ordinary_lines: range


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory) -> PayloadProject:
    root = copy_project(tmp_path_factory.mktemp("payloads") / "project")
    writer = Writer()
    guide = guide_lines(writer)
    (root / GUIDE).write_text("\n".join(guide) + "\n", encoding="utf-8")
    ordinary = range(guide.index("      - id: ordinary") + 1, guide.index(f"      - id: p-{PAYLOADS[0]['id']}") + 1)
    for suffix in ("md", "en.md"):
        (root / f"docs/guides/{SLUG}.{suffix}").write_text(f"---\ngoldcard: guide\nguide: {SLUG}\n---\n",
                                                          encoding="utf-8")
    glossary = root / "data/glossary.yaml"
    kept = glossary.read_text(encoding="utf-8").rstrip()
    glossary.write_text(kept + "\n" + "\n".join(glossary_lines(writer, len(kept.splitlines()) + 1)) + "\n",
                        encoding="utf-8")
    deadlines = root / "data/deadlines.yaml"
    first = deadlines.read_text(encoding="utf-8").splitlines().index("conventions:") + 2
    assert insert_after(deadlines, "conventions:", deadline_lines(writer, first)) == first
    ui = root / "data/ui.yaml"
    ui.write_text("\n".join(ui_lines(writer, ui.read_text(encoding="utf-8"))) + "\n", encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    config = mkdocs.read_text(encoding="utf-8")
    config = config.replace("      - guides/extend.md\n", f"      - guides/extend.md\n      - guides/{SLUG}.md\n")
    # The renderer must hold without the Content-Security-Policy, which would stop most of this in a browser.
    config = re.sub(r"\n  - hooks/csp\.py[^\n]*", "", config)
    assert f"guides/{SLUG}.md" in config and "hooks/csp.py" not in config
    mkdocs.write_text(config, encoding="utf-8")
    return PayloadProject(root, writer.places, ordinary)


def test_the_table_has_every_kind_of_payload_in_every_kind_of_field(payload_project):
    fields = {place.field for place in payload_project.places}
    assert len(PAYLOADS) >= 30
    assert fields >= {"step title", "body", "note", "link label", "link address", "screen", "glossary explain",
                      "deadline rule", "ui string"}
    for field in fields:
        seen = {place.payload for place in payload_project.places if place.field == field}
        assert seen == {payload["id"] for payload in PAYLOADS}, field


def problems_of(root: Path):
    from goldcard.checks import check_project, read_config

    cwd = os.getcwd()
    os.chdir(root)  # problems name files relative to the working directory
    try:
        return check_project(read_config(root / "mkdocs.yml"))
    finally:
        os.chdir(cwd)


def test_the_checks_report_every_payload_at_its_own_line(payload_project):
    problems = problems_of(payload_project.root)
    safety = {(p.path, p.line) for p in problems if SAFETY_MESSAGE.search(p.message)}
    missed = [place for place in payload_project.places if (place.file, place.line) not in safety]
    assert not missed, (f"{len(missed)} of {len(payload_project.places)} payloads not reported at their line, e.g. "
                        + "; ".join(f"{p.payload} in the {p.lang} {p.field} ({p.file}:{p.line})" for p in missed[:12]))
    placed = {(place.file, place.line) for place in payload_project.places}
    elsewhere = sorted(at for at in safety if at not in placed)
    assert not elsewhere, f"markup reported where no payload is written: {elsewhere[:12]}"


def test_ordinary_text_gives_no_problem(payload_project):
    problems = problems_of(payload_project.root)
    here = [str(p) for p in problems if p.path == GUIDE and p.line in payload_project.ordinary_lines]
    assert not here, here


# ---------------------------------------------------------------- the renderer alone, in Chromium

PAGES = [f"guides/{SLUG}/", f"en/guides/{SLUG}/", "glossary/", "en/glossary/", "deadlines/", "en/deadlines/", "",
         "en/"]

INIT_SCRIPT = """
Object.defineProperty(window, '__pwned', {configurable: false, get() { return undefined; },
                                          set(value) { console.log('__pwned ' + value); }});
// Clicking a link must not take the session to another page: only a javascript: address is left to run.
addEventListener('click', (event) => {
  const link = event.target instanceof Element && event.target.closest('a[href], area[href]');
  if (link && link.protocol !== 'javascript:') event.preventDefault();
}, true);
"""

# Every element of the document gets the events a reader's pointer and keyboard make.
DISPATCH_EVERYWHERE = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const events = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown',
                  'mousedown', 'pointerup', 'mouseup', 'focusin', 'mouseout', 'mouseleave'];
  let count = 0;
  for (const element of document.querySelectorAll('body *')) {
    for (const type of events) element.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    if (element.focus) element.focus();
    if (element.click && !element.closest('form.gc-calculator, .md-header, .md-search')) element.click();
    count += 1;
  }
  return count;
}"""
# ... and the interactive and payload-bearing ones of the article get a real pointer, hovered and clicked.
INTERACTIVE = ("article a, article img, article button, article input, article label, article [title], "
               "article iframe, article object, article embed, article svg, article x-y, article div[onclick], "
               "article [tabindex], article code, article span[lang], article li, article td")
# The centres of those in the viewport scrolled to `y`, below the fixed header.
IN_VIEW = """([selector, y]) => {
  window.scrollTo(0, y);
  const top = document.querySelector('.md-header').getBoundingClientRect().bottom + 1;
  const points = [];
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    const x = box.left + Math.min(box.width / 2, 8), middle = box.top + box.height / 2;
    if (box.width > 0 && box.height > 0 && middle >= top && middle < innerHeight && x >= 0 && x < innerWidth) {
      points.push([x, middle]);
    }
  }
  return [points, document.documentElement.scrollHeight];
}"""
VIEWPORT = {"width": 1280, "height": 2400}

STRUCTURE = """() => {
  const wrong = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      if (attribute.startsWith('on')) wrong.push(`${element.tagName} ${attribute}`);
    }
  }
  for (const link of document.querySelectorAll('[href], [src], [action], [data], [srcdoc], [formaction]')) {
    for (const name of ['href', 'src', 'action', 'data', 'formaction']) {
      const value = link.getAttribute(name);
      if (value === null) continue;
      const url = new URL(value, location.href);
      const ok = url.origin === location.origin || (name === 'href' && link.tagName === 'A'
                 && ['https:', 'mailto:'].includes(url.protocol));
      if (!ok) wrong.push(`${link.tagName} ${name}=${value}`);
    }
    if (link.hasAttribute('srcdoc')) wrong.push(`${link.tagName} srcdoc`);
  }
  const article = document.querySelector('article');
  const forbidden = 'script:not(script#gc-deadline-rules[type="application/json"]), style, iframe, object, ' +
                    'embed, base, meta, link, noscript, math, x-y, frame, svg, form:not(.gc-calculator), ' +
                    'input:not(.gc-calculator input, .gc-done input, .gc-progress input)';
  for (const element of article.querySelectorAll(forbidden)) wrong.push(`${element.tagName} in the article`);
  for (const config of article.querySelectorAll('script#gc-deadline-rules')) {
    try { JSON.parse(config.textContent); } catch (error) { wrong.push(`the rules' JSON: ${error}`); }
  }
  for (const element of document.querySelectorAll('meta[http-equiv], base, link[rel~="stylesheet"]')) {
    if (element.tagName === 'LINK' && new URL(element.href).origin === location.origin) continue;
    wrong.push(element.outerHTML.slice(0, 80));
  }
  return wrong;
}"""


def point_at_each(page) -> int:
    """A real pointer moved onto each interactive element of the page and clicked there, one screen at a time."""
    count, y, height = 0, 0, 1
    while y < height:
        points, height = page.evaluate(IN_VIEW, [INTERACTIVE, y])
        for x, middle in points:
            page.mouse.click(x, middle)
        count += len(points)
        y += VIEWPORT["height"] - 200
    return count


def build_non_strict(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` without --strict, as `make serve` builds: the problems are logged, the site is made."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--clean", "-f",
                           str(project / "mkdocs.yml"), "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def payload_site(payload_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("payload-site") / "site"
    result = build_non_strict(payload_project.root, out)
    assert result.returncode == 0, f"the non-strict build failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    with serving(out) as url:
        yield out, url


def test_in_chromium_nothing_runs_opens_a_dialog_or_reaches_another_host(browser, payload_project, payload_site):
    from browsing import guarded_page
    from playwright.sync_api import Error as PlaywrightError

    out, url = payload_site
    by_number = {place.n: place for place in payload_project.places}
    ran: list[str] = []
    dialogs: list[str] = []
    wrong: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    interacted = 0
    with guarded_page(browser, url, fail_on_script_errors=False, viewport=VIEWPORT) as page:
        page.add_init_script(INIT_SCRIPT)
        page.on("console", lambda message: ran.append(message.text) if message.text.startswith("__pwned") else None)

        def dialog(d) -> None:
            dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        for path in PAGES:
            assert (out / path / "index.html").is_file(), path
            try:
                page.goto(f"{url}/{path}", wait_until="load")
                if path.endswith(f"guides/{SLUG}/"):
                    shown[path] = page.locator('[data-step-id="ordinary"]').inner_text()
                page.evaluate(DISPATCH_EVERYWHERE)
                interacted += point_at_each(page)
                page.wait_for_load_state("networkidle")
                wrong[path] = page.evaluate(STRUCTURE)
            except PlaywrightError as error:  # a payload took the page away (a refresh, a form): it failed
                wrong[path] = [f"the page went away while in use: {error.message.splitlines()[0]}"]
            if page.url.split("#")[0] != f"{url}/{path}":
                wrong.setdefault(path, []).append(f"navigated to {page.url}")

        def named(texts: list[str]) -> list[str]:
            found = []
            for text in texts:
                number = int(re.search(r"\d+", text)[0])
                place = by_number.get(number)
                found.append(f"{place.payload} in the {place.lang} {place.field}" if place else text)
            return sorted(set(found))

        # Asserted here, before the guard's own check of other hosts as the context closes.
        assert not ran, f"{len(ran)} payloads ran: {named(ran)}"
        assert not dialogs, f"{len(dialogs)} payloads opened dialogs: {named(dialogs)}"
        assert not any(wrong.values()), {path: items[:10] for path, items in wrong.items() if items}
        assert interacted > 200, f"only {interacted} elements were pointed at"

    # Ordinary text reads as written, with its step link and label rendered.
    for path, lang in ((f"guides/{SLUG}/", "zh"), (f"en/guides/{SLUG}/", "en")):
        for expected in ORDINARY_SHOWN[lang]:
            assert expected in shown.get(path, ""), f"{expected!r} not shown on {path}: {shown.get(path)!r}"
    html = (out / f"en/guides/{SLUG}/index.html").read_text(encoding="utf-8")
    # (the site's word for a step carries a payload of its own here, shown as text after the number)
    assert re.search(r'<a href="#step-2">STEP 2\b[^<]*</a>', html), "the step link is not rendered"
    assert "<code>&lt;b&gt;</code>" in html
