"""The sketches of the platform's screens (goldcard/render/sketch.py) as Chromium draws them, on every guide page
in both languages: every label fits its box and meets no other, at desktop width and on a 360 px phone, with no
text under 11 CSS px; the dark scheme has its own colours, with enough contrast, and axe finds nothing; the
browser's find-in-page finds a marked label in Chinese and in English inside the drawing; without JavaScript and in
print the sketches are there, printed in the light palette; and the contract of issue 13 (one named SVG per figure,
described by its caption, each mark holding its Chinese label and, on English pages, its English), checked against
the data. Whatever sketches the data has are checked: the tests iterate over every `figure.gc-sketch`."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import guarded_page, settle
from conftest import SLUGS

pytestmark = pytest.mark.xdist_group("browser")

PREFIXES = ["/", "/en/"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
SMALLEST_PX = 11
TOLERANCE = 0.5  # px of the SVG's own coordinates: rounding of the layout, anti-aliasing
# What a label is drawn in (goldcard/render/sketch.py's classes): buttons, fields, tabs, menus, headings, dialogs,
# notices, the open menu's list.
BOXES = ["b", "c", "t", "tc", "ni", "no", "h", "dg", "r", "u", "dd"]
SLATE = "() => document.body.setAttribute('data-md-color-scheme', 'slate')"

# Every problem of fit in the page's sketches: a text outside the viewBox, two texts whose boxes overlap, a text
# that starts in a box and leaves it, a text drawn under the smallest size. getBBox is in the SVG's coordinates;
# the size on screen is the computed font size times the SVG's scale (getScreenCTM).
FIT = """([boxClasses, tolerance, smallest]) => {
  const problems = [];
  const inside = (point, box) => point.x >= box.x - tolerance && point.x <= box.x + box.width + tolerance
    && point.y >= box.y - tolerance && point.y <= box.y + box.height + tolerance;
  for (const figure of document.querySelectorAll("figure.gc-sketch")) {
    const where = figure.dataset.sketchFor;
    const svg = figure.querySelector("svg");
    const view = svg.viewBox.baseVal;
    const ctm = svg.getScreenCTM();
    const scale = Math.hypot(ctm.a, ctm.b);
    const boxes = [...svg.querySelectorAll("rect")]
      .filter(rect => boxClasses.some(name => rect.classList.contains(name)))
      .map(rect => ({rect, box: rect.getBBox()}));
    const texts = [...svg.querySelectorAll("text")].map(text => ({
      text, words: text.textContent, box: text.getBBox(),
      start: {x: text.x.baseVal[0].value, y: text.y.baseVal[0].value},
    }));
    for (const {text, words, box, start} of texts) {
      const say = `${where}: «${words}»`;
      if (box.x < view.x - tolerance || box.y < view.y - tolerance
          || box.x + box.width > view.x + view.width + tolerance
          || box.y + box.height > view.y + view.height + tolerance) {
        problems.push(`${say} leaves the viewBox (${view.width}×${view.height}): ` +
                      `${box.x.toFixed(1)},${box.y.toFixed(1)} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
      }
      const around = boxes.filter(({box: b}) => inside(start, b))
        .sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height)[0];
      if (around) {
        const b = around.box;
        if (box.x < b.x - tolerance || box.x + box.width > b.x + b.width + tolerance
            || box.y < b.y - tolerance || box.y + box.height > b.y + b.height + tolerance) {
          problems.push(`${say} leaves its box .${around.rect.classList[0]} ` +
                        `(${b.x},${b.y} ${b.width}×${b.height}): it takes ${box.x.toFixed(1)},${box.y.toFixed(1)} ` +
                        `${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
        }
      }
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < smallest - 0.01) problems.push(`${say} is drawn at ${size.toFixed(2)} px`);
    }
    // A link's underline is as long as the words above it (the Chinese; not the English beneath).
    for (const line of svg.querySelectorAll("rect.a")) {
      const b = line.getBBox();
      const words = texts.find(({text, start}) => text.classList.contains("a") && !text.classList.contains("e")
        && Math.abs(start.x - b.x) <= tolerance && b.y - start.y >= 0 && b.y - start.y <= 4);
      if (!words) problems.push(`${where}: an underline at ${b.x},${b.y} under no link`);
      else if (b.width > words.box.width + 2 || b.width < 0.8 * words.box.width) {
        problems.push(`${where}: «${words.words}» is ${words.box.width.toFixed(1)} wide, its underline ${b.width}`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (across > tolerance && down > tolerance) {
          problems.push(`${where}: «${texts[i].words}» and «${texts[j].words}» overlap by ` +
                        `${across.toFixed(1)}×${down.toFixed(1)}`);
        }
      }
    }
  }
  return problems;
}"""

COUNT = "() => document.querySelectorAll('figure.gc-sketch').length"


def guide_pages(prefix: str) -> list[str]:
    return [f"{prefix}guides/{slug}/" for slug in SLUGS]


def open_page(page, path: str) -> None:
    page.goto(path)
    settle(page)
    # The fonts the labels are drawn in, loaded: a measure taken in a fallback font measures nothing.
    page.evaluate("() => document.fonts.ready.then(() => true)")


@pytest.fixture(scope="module")
def sketched(browser, site_url) -> dict[str, list[str]]:
    """Each guide page with sketches, per language prefix; a guide without any is left out."""
    found: dict[str, list[str]] = {}
    with guarded_page(browser, site_url, **DESKTOP) as page:
        for prefix in PREFIXES:
            found[prefix] = []
            for path in guide_pages(prefix):
                page.goto(path)
                if page.evaluate(COUNT):
                    found[prefix].append(path)
    for prefix, paths in found.items():
        assert paths, f"no guide page under {prefix} has a sketch (figure.gc-sketch)"
    return found


# ------------------------------------------------------------------------------ 1. fit

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_label_fits_its_box_and_meets_no_other(browser, site_url, sketched, prefix, width):
    problems: list[str] = []
    seen = 0
    with guarded_page(browser, site_url, **WIDTHS[width]) as page:
        for path in sketched[prefix]:
            open_page(page, path)
            seen += page.evaluate(COUNT)
            problems += [f"{path} {problem}" for problem in page.evaluate(FIT, [BOXES, TOLERANCE, SMALLEST_PX])]
    assert seen > 0
    assert not problems, f"{len(problems)} problems of fit at {width} width:\n" + "\n".join(problems[:60])


def test_the_fit_check_does_find_a_label_too_long_and_two_that_meet(browser, site_url, sketched):
    # So that "no problems" above means something: a label lengthened past its box, and one moved onto another.
    with guarded_page(browser, site_url, **PHONE) as page:
        open_page(page, sketched["/en/"][0])
        page.evaluate("""() => {
          const figure = document.querySelector("figure.gc-sketch:has(g[data-mark])");
          const texts = [...figure.querySelectorAll("svg text")];
          const boxed = texts.find(text => text.closest("g[data-mark]")) || texts[0];
          boxed.textContent += " and a good many words more than any box has room for";
          texts[1].setAttribute("y", texts[2].getAttribute("y"));
          texts[1].setAttribute("x", texts[2].getAttribute("x"));
          figure.querySelector("svg").style.minWidth = "200px";
          figure.querySelector("svg").style.width = "200px";
        }""")
        found = "\n".join(page.evaluate(FIT, [BOXES, TOLERANCE, SMALLEST_PX]))
    assert "leaves its box" in found and "leaves the viewBox" in found
    assert "overlap by" in found and "px" in found.split("drawn at")[-1]


# ------------------------------------------------------------------------------ 2. the dark scheme

# Colours as WCAG measures them, and what a point of a sketch is drawn on: the last opaque shape before `index`
# (in paint order) under it.
COLOURS = """
  const rgb = value => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(c => c / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const groundAt = (shapes, index, point) => {
    const under = shapes.slice(0, index).filter(shape => {
      if (shape.tagName === "text") return false;
      const style = getComputedStyle(shape);
      if (style.fill === "none" || parseFloat(style.fillOpacity) < 1 || parseFloat(style.opacity) < 1) return false;
      const b = shape.getBBox();
      return point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height;
    }).pop();
    return under ? getComputedStyle(under).fill : "rgb(255, 255, 255)";
  };
"""
# Each text's fill against what it is drawn on, under its middle.
CONTRAST = """() => {""" + COLOURS + """
  const found = [];
  for (const figure of document.querySelectorAll("figure.gc-sketch")) {
    const shapes = [...figure.querySelectorAll("svg rect, svg circle, svg text")];
    for (const [index, text] of shapes.entries()) {
      if (text.tagName !== "text") continue;
      const box = text.getBBox(), fill = getComputedStyle(text).fill;
      const ground = groundAt(shapes, index, {x: box.x + box.width / 2, y: box.y + box.height / 2});
      found.push({where: figure.dataset.sketchFor, words: text.textContent, fill, ground,
                  ratio: ratio(rgb(fill), rgb(ground))});
    }
  }
  return found;
}"""
# The mark's outline against what lies either side of it (WCAG's 3:1 for a graphic one needs to see): just outside
# it, and the marked thing inside. It must stand out from one of them at least.
MARK_CONTRAST = """() => {""" + COLOURS + """
  const found = [];
  for (const figure of document.querySelectorAll("figure.gc-sketch")) {
    const shapes = [...figure.querySelectorAll("svg rect, svg circle")];
    for (const [index, outline] of shapes.entries()) {
      if (!outline.classList.contains("m")) continue;
      const b = outline.getBBox(), stroke = getComputedStyle(outline).stroke, y = b.y + b.height / 2;
      const outside = groundAt(shapes, index, {x: Math.max(0.5, b.x - 2.5), y});
      const inside = groundAt(shapes, index, {x: b.x + 3, y});
      found.push({where: figure.dataset.sketchFor, words: outline.closest("[data-mark]").textContent,
                  fill: stroke, ground: `${outside} / ${inside}`,
                  ratio: Math.max(ratio(rgb(stroke), rgb(outside)), ratio(rgb(stroke), rgb(inside)))});
    }
  }
  return found;
}"""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_dark_scheme_has_its_own_colours_and_every_label_its_contrast(page, sketched, prefix):
    poor = []
    marks_seen = 0
    for path in sketched[prefix]:
        open_page(page, path)
        light, light_marks = page.evaluate(CONTRAST), page.evaluate(MARK_CONTRAST)
        page.evaluate(SLATE)  # the attribute Material's switch sets; styles follow at the next read
        dark, dark_marks = page.evaluate(CONTRAST), page.evaluate(MARK_CONTRAST)
        assert light and len(light) == len(dark) and len(light_marks) == len(dark_marks)
        marks_seen += len(light_marks)
        assert light[0]["fill"] != dark[0]["fill"], f"{path}: the sketch's text is the same colour in both schemes"
        assert {t["ground"] for t in light} != {t["ground"] for t in dark}, f"{path}: the same grounds in both"
        for scheme, texts, marks in (("light", light, light_marks), ("dark", dark, dark_marks)):
            poor += [f"{path} {scheme}: {t['where']}: «{t['words']}» {t['fill']} on {t['ground']}: {t['ratio']:.2f}:1"
                     for t in texts if t["ratio"] < 4.5]
            poor += [f"{path} {scheme}: {t['where']}: the mark of «{t['words']}», {t['fill']} on {t['ground']}: "
                     f"{t['ratio']:.2f}:1 (under 3:1)" for t in marks if t["ratio"] < 3]
    assert marks_seen > 0
    assert not poor, "\n".join(poor)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_axe_finds_nothing_on_a_guide_with_sketches(page, axe, sketched, prefix, scheme):
    open_page(page, sketched[prefix][0])
    if scheme == "slate":
        page.evaluate(SLATE)
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    found = []
    # The whole page, and the sketches alone (so that nothing in them is left out of what axe looks at).
    for context in (None, {"include": [["figure.gc-sketch"]]}):
        results = axe.run(page, context=context) if context else axe.run(page)
        for violation in results.response["violations"]:
            for node in violation["nodes"][:5]:
                found.append(f"{violation['id']} ({violation['impact']}): {node['target']}: "
                             f"{node.get('failureSummary', '').splitlines()[-1:]}")
        if context:
            checked = axe.run(page, context=context, options={"resultTypes": ["passes"]}).response
            assert any("figure.gc-sketch" in str(node["target"]) or "svg" in str(node["target"])
                       for rule in checked["passes"] for node in rule["nodes"]), "axe did not look at the sketches"
    assert not found, f"{prefix} ({scheme}):\n" + "\n".join(found)


# ------------------------------------------------------------------------------ 3. find-in-page

# The browser's find (window.find), from the top of the page, on to each next hit until one lies inside the SVG of
# the figure `id`; returns where the hits were.
FIND = """([words, id]) => {
  getSelection().removeAllRanges();
  const hits = [];
  const most = document.body.textContent.split(words).length + 1;
  for (let n = 0; n < most; n++) {
    if (!window.find(words, true, false, false, false, false, false)) break;
    const range = getSelection().getRangeAt(0);
    const node = range.commonAncestorContainer;
    const element = node.nodeType === 1 ? node : node.parentElement;
    const svg = element.closest("svg");
    const figure = element.closest("figure.gc-sketch");
    const inSketch = !!svg && !!figure && figure.dataset.sketchFor === id && figure.querySelector("svg") === svg;
    hits.push({text: getSelection().toString(), inSketch, tag: element.tagName});
    if (inSketch) break;
  }
  return hits;
}"""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_find_in_page_finds_each_marked_label_inside_its_sketch(page, sketched, site_data, prefix):
    misses = []
    looked = 0
    for path in sketched[prefix]:
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        open_page(page, path)
        for id in page.evaluate("() => [...document.querySelectorAll('figure.gc-sketch')].map(f => f.dataset.sketchFor)"):
            step = step_of(site_data, slug, id)
            for label in step.sketch.marks:
                wanted = [label]
                if prefix == "/en/":
                    wanted.append(site_data.glossary.by_label[label].en)
                for words in wanted:
                    looked += 1
                    hits = page.evaluate(FIND, [words, id])
                    if not any(hit["inSketch"] and hit["text"] == words for hit in hits):
                        misses.append(f"{path} {id}: «{words}» not found in the sketch (hits: {hits})")
    assert looked > 0
    assert not misses, "\n".join(misses)


def test_find_in_page_does_look_into_svg_text(page, sketched):
    # Chromium's find does search SVG text: a word written only in a sketch is found there, and one nowhere is not.
    open_page(page, sketched["/"][0])
    page.evaluate("""() => { const text = document.querySelector("figure.gc-sketch svg text");
                              text.textContent = "只在草圖裡的字"; }""")
    id = page.evaluate("() => document.querySelector('figure.gc-sketch').dataset.sketchFor")
    hits = page.evaluate(FIND, ["只在草圖裡的字", id])
    assert hits and hits[0]["inSketch"] and hits[0]["tag"] == "text"
    assert page.evaluate(FIND, ["無處可尋的字", id]) == []


# ------------------------------------------------------------------------------ 4. without JavaScript, in print

DRAWN = """() => [...document.querySelectorAll("figure.gc-sketch")].map(figure => {
  const svg = figure.querySelector("svg"), box = svg.getBoundingClientRect();
  return {id: figure.dataset.sketchFor, width: box.width, height: box.height,
          shown: getComputedStyle(figure).display !== "none" && getComputedStyle(svg).visibility !== "hidden",
          fill: getComputedStyle(svg.querySelector("text")).fill,
          frame: getComputedStyle(svg.querySelector("rect")).fill};
})"""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_without_javascript_the_sketches_are_drawn(browser, site_url, sketched, prefix):
    with guarded_page(browser, site_url, java_script_enabled=False, **PHONE) as page:
        for path in sketched[prefix]:
            page.goto(path)
            drawn = page.evaluate(DRAWN)
            assert drawn, f"{path}: no sketch without JavaScript"
            for sketch in drawn:
                assert sketch["shown"] and sketch["width"] >= 320 and sketch["height"] > 50, f"{path}: {sketch}"
            assert page.locator("figure.gc-sketch svg").first.is_visible()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_print_shows_the_sketches_in_the_light_palette_even_from_the_dark_scheme(page, sketched, prefix):
    open_page(page, sketched[prefix][0])
    light = page.evaluate(DRAWN)
    page.evaluate(SLATE)
    dark = page.evaluate(DRAWN)
    assert dark[0]["fill"] != light[0]["fill"]
    page.emulate_media(media="print")
    printed = page.evaluate(DRAWN)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    for before, after in zip(light, printed):
        assert after["shown"] and after["width"] > 0 and after["height"] > 0, after
        assert (after["fill"], after["frame"]) == (before["fill"], before["frame"]), (before, after)


# ------------------------------------------------------------------------------ 5. the contract

CONTRACT = """() => [...document.querySelectorAll("figure.gc-sketch")].map(figure => {
  const svgs = figure.querySelectorAll("svg"), images = figure.querySelectorAll("svg[role=img]");
  const svg = images[0], caption = figure.querySelector("figcaption");
  return {
    id: figure.dataset.sketchFor, svgs: svgs.length, images: images.length,
    name: svg ? (svg.getAttribute("aria-label") || "").trim() : "",
    describedBy: svg ? svg.getAttribute("aria-describedby") : null,
    captionId: caption ? caption.id : null,
    caption: caption ? caption.textContent.trim() : "",
    describedIsCaption: !!(svg && caption && document.getElementById(svg.getAttribute("aria-describedby")) === caption),
    texts: svg ? [...svg.querySelectorAll("text")].map(t => t.textContent) : [],
    marks: [...figure.querySelectorAll("[data-mark]")].map(m => ({
      n: m.dataset.mark, texts: [...m.querySelectorAll("text")].map(t => t.textContent),
      inSvg: m.closest("svg") === svg,
    })),
  };
})"""


def step_of(site_data, slug: str, id: str):
    steps = [numbered.step for numbered in site_data.guide(slug).steps if numbered.step.id == id]
    assert steps, f"guide {slug} has no step {id!r}, yet a sketch is drawn for it"
    return steps[0]


def found_in(label: str, texts: list[str]) -> bool:
    if any(label in text for text in texts):
        return True
    flat = "".join(texts).replace(" ", "")
    return label.replace(" ", "") in flat


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_sketch_keeps_the_contract(page, sketched, site_data, prefix):
    problems = []
    english_of = site_data.glossary.by_label
    for path in sketched[prefix]:
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        page.goto(path)
        for sketch in page.evaluate(CONTRACT):
            where = f"{path} {sketch['id']}"
            step = step_of(site_data, slug, sketch["id"])
            if sketch["svgs"] != 1 or sketch["images"] != 1:
                problems.append(f"{where}: {sketch['svgs']} svg, {sketch['images']} svg[role=img]; one of each")
            if not sketch["name"]:
                problems.append(f"{where}: the svg has no aria-label")
            if not (sketch["describedIsCaption"] and sketch["caption"]):
                problems.append(f"{where}: aria-describedby={sketch['describedBy']!r}, the caption is "
                                f"#{sketch['captionId']} «{sketch['caption'][:40]}»")
            marks = step.sketch.marks
            numbers = sorted(int(mark["n"]) for mark in sketch["marks"])
            if numbers != list(range(1, len(marks) + 1)):
                problems.append(f"{where}: data-mark numbers {numbers}, the data marks {marks}")
            for mark in sketch["marks"]:
                if not mark["inSvg"]:
                    problems.append(f"{where}: data-mark={mark['n']} is not in the figure's svg")
                n = int(mark["n"])
                if not 1 <= n <= len(marks):
                    continue
                label = marks[n - 1]
                if not found_in(label, mark["texts"]):
                    problems.append(f"{where}: data-mark={n} holds {mark['texts']}, not its label «{label}»")
                if prefix == "/en/":
                    term = english_of.get(label)
                    if term is None:
                        problems.append(f"{where}: «{label}» has no glossary entry")
                    elif not found_in(term.en, sketch["texts"]):
                        problems.append(f"{where}: the English «{term.en}» of «{label}» is not text in the svg")
    assert not problems, "\n".join(problems)
