"""The PDFs, read back: made once per session (a strict build into a temporary folder, then the export), then
checked with pypdf, pikepdf and poppler's pdftotext, pdffonts and pdfinfo: text, order, fonts, pages, bookmarks,
links, the tags a screen reader reads (PDF/UA-1), bytes."""

from __future__ import annotations

import collections
import functools
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pikepdf
import pytest
import tinyhtml5
from pypdf import PdfReader

from goldcard.model import LANGS
from goldcard.pdf.export import documents, export_pdfs
from goldcard.pdf.names import LOCALES, guide_file, handbook_file
from goldcard.pdf.sketches import STYLESHEET, palette
from goldcard.pdf.site import page_file, read_page, select
from goldcard.pdf.tree import text_of
from goldcard.text import Context, english_of, render_text

from conftest import ROOT, SLUGS

pytestmark = pytest.mark.xdist_group("pdf")

A4 = (595.28, 841.89)  # points
SVG = "{http://www.w3.org/2000/svg}"
FONT_FAMILIES = {"Noto-Sans-CJK-TC", "Liberation-Sans"}  # Noto for Chinese (the TC face), Liberation for English


@pytest.fixture(scope="session")
def pdf_site(built_site, tmp_path_factory) -> Path:
    """A copy of the session's strict build (conftest's build_site), for the PDFs to be written into its pdf/."""
    return Path(shutil.copytree(built_site, tmp_path_factory.mktemp("pdf-site") / "site"))


@pytest.fixture(scope="session")
def pdfs(pdf_site):
    """Every PDF, as `make pdf` writes it: file name -> what the export reported."""
    return {result.path.name: result for result in export_pdfs(pdf_site)}


@pytest.fixture(scope="session")
def printable(pdf_site, site_data):
    """Every PDF's HTML, as the export gives it to WeasyPrint: file name -> Document."""
    return {document.file: document for document in documents(site_data, pdf_site)}


def all_files() -> list[str]:
    return [handbook_file(lang) for lang in LANGS] + [guide_file(slug, lang) for lang in LANGS for slug in SLUGS]


def squash(text: str) -> str:
    """Text without any white space: line breaks fall anywhere in a PDF, and Chinese has no spaces anyway."""
    return re.sub(r"\s+", "", text)


@functools.cache
def pdftotext(path: Path, first_page: int = 1) -> str:
    """The text in the order it is drawn (-raw), which is the document's order: the page's header and
    footer come first, never in the middle of a heading at the top of a page."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(first_page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def outline(reader: PdfReader, items=None) -> list[tuple[str, int, list]]:
    """The bookmarks as (title, page index, children)."""
    tree: list[tuple[str, int, list]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def step_headings(site, slug: str, lang) -> list[str]:
    """Each step's heading as the site shows it: its number ("STEP 4", "步驟 4") and its title."""
    ctx = Context(site, lang, slug)
    return [f"{site.ui.get('step', lang, n=numbered.number)} {render_text(numbered.step.title, ctx, plain=True)}"
            for numbered in site.guide(slug).steps]


def guide_title(site, slug: str, lang) -> str:
    return render_text(site.guide(slug).guide.title, Context(site, lang, slug), plain=True)


def assert_in_order(text: str, needles: list[str], where: str) -> None:
    position = 0
    for needle in needles:
        found = squash(text).find(squash(needle), position)
        assert found >= 0, f"{where}: {needle!r} is missing, or out of order"
        position = found + len(squash(needle))


def contents(site, name: str) -> list[tuple[str, list[str]]]:
    """Which guides a PDF holds and its language: (slugs, lang)."""
    lang = "zh" if ".zh-TW." in name else "en"
    slug = name.split(".")[0]
    return (SLUGS if slug == "gold-card-guides" else [slug]), lang


def body_text(path: Path, site, slugs, lang) -> str:
    """The text from the first guide's first page on: past the cover and the table of contents."""
    reader = PdfReader(path)
    first = next(page for title, page, _ in outline(reader) if title == guide_title(site, slugs[0], lang))
    return pdftotext(path, first + 1)


# ---- the files -------------------------------------------------------------------------------------------


def test_every_pdf_is_written_without_warnings_or_broken_links(pdfs):
    assert sorted(pdfs) == sorted(all_files())
    for name, result in pdfs.items():
        assert result.path.stat().st_size > 10_000, name
        assert result.dangling == [], f"{name}: links inside the PDF without a target: {result.dangling}"
        assert result.warnings == [], f"{name}: WeasyPrint: {result.warnings}"


@pytest.mark.parametrize("name", all_files())
def test_every_step_title_of_every_guide_is_in_the_pdf_in_order(pdfs, site_data, name):
    slugs, lang = contents(site_data, name)
    text = body_text(pdfs[name].path, site_data, slugs, lang)
    needles = []
    for slug in slugs:
        needles += [guide_title(site_data, slug, lang)] + step_headings(site_data, slug, lang)
    assert_in_order(text, needles, name)


@pytest.mark.parametrize("slug", SLUGS)
def test_chinese_text_reads_back_as_the_same_characters(pdfs, site_data, slug):
    """What a reader copies from the PDF is what the data says: titles, steps and screen descriptions."""
    ctx = Context(site_data, "zh", slug)
    loaded = site_data.guide(slug)
    needles = [render_text(loaded.guide.summary, ctx, plain=True)]
    for numbered in loaded.steps:
        needles.append(render_text(numbered.step.title, ctx, plain=True))
        if numbered.step.screen:
            needles.append(render_text(numbered.step.screen, ctx, plain=True))
    for name in (guide_file(slug, "zh"), handbook_file("zh")):
        assert_in_order(pdftotext(pdfs[name].path), needles, name)


@pytest.mark.parametrize("name", all_files())
def test_fonts_are_embedded_subsets_of_noto_cjk_tc_and_liberation_sans_never_type_3(pdfs, name):
    lines = subprocess.run(["pdffonts", str(pdfs[name].path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, f"{name}: no fonts"
    families = set()
    for line in lines:
        assert "Type 3" not in line, f"{name}: {line}"
        fields = line.split()
        emb, sub, uni = fields[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{name}: not an embedded subset with Unicode: {line}"
        subset, _, font = fields[0].partition("+")
        assert len(subset) == 6 and font, line
        families.add(re.sub(r"-(Bold|Italic|BoldItalic|Regular)$", "", font))
    assert families <= FONT_FAMILIES, f"{name}: unexpected fonts {families - FONT_FAMILIES}"
    assert "Noto-Sans-CJK-TC" in families  # both languages show Chinese labels
    if ".en." in name:
        assert "Liberation-Sans" in families


def test_the_english_font_has_a_real_bold_and_italic():
    styles = subprocess.run(["fc-list", "Liberation Sans", "style"], capture_output=True, text=True, check=True).stdout
    for style in ("Regular", "Bold", "Italic", "Bold Italic"):
        assert re.search(rf"style={style}\b", styles), f"Liberation Sans {style} is not installed (make setup)"


@pytest.mark.parametrize("name", all_files())
def test_pages_are_a4_and_their_number_is_sensible(pdfs, name):
    reader = PdfReader(pdfs[name].path)
    low, high = (25, 120) if name.startswith("gold-card-guides") else (5, 40)
    assert low <= len(reader.pages) <= high, f"{name}: {len(reader.pages)} pages"
    assert len(reader.pages) == pdfs[name].pages
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)


def test_the_handbook_is_longer_than_any_guide(pdfs):
    for lang in LANGS:
        handbook = pdfs[handbook_file(lang)].pages
        assert all(pdfs[guide_file(slug, lang)].pages < handbook for slug in SLUGS)


# ---- bookmarks and links -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_handbook_bookmarks_list_the_five_guides_with_their_steps(pdfs, site_data, lang):
    tree = outline(PdfReader(pdfs[handbook_file(lang)].path))
    titles = [title for title, _, _ in tree]
    guides = [guide_title(site_data, slug, lang) for slug in SLUGS]
    assert [title for title in titles if title in guides] == guides
    assert titles[-1] == text_of_page_heading(pdfs, lang, "glossary/"), "the glossary comes last"
    for slug, (title, page, sections) in zip(SLUGS, (entry for entry in tree if entry[0] in guides)):
        steps = [step for _, _, children in sections for step, _, _ in children]
        assert steps == step_headings(site_data, slug, lang), title
        pages = [page] + [p for _, p, children in sections for _, p, _ in children]
        assert pages == sorted(pages), f"{title}: bookmarks out of page order"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_guide_pdf_bookmarks_its_steps(pdfs, site_data, slug):
    for lang in LANGS:
        tree = outline(PdfReader(pdfs[guide_file(slug, lang)].path))
        guide = next(children for title, _, children in tree if title == guide_title(site_data, slug, lang))
        assert [step for _, _, steps in guide for step, _, _ in steps] == step_headings(site_data, slug, lang)


def text_of_page_heading(pdfs, lang, path) -> str:
    site = next(iter(pdfs.values())).path.parents[1]
    page = read_page(site, ("/" if lang == "zh" else "/en/") + path)
    return text_of(page.article.find("h1")).rstrip("¶").strip()


def links(path: Path) -> tuple[set[str], set[str]]:
    """The targets of a PDF's links: (named destinations inside it, URIs)."""
    inside, uris = set(), set()
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                inside.add(str(annotation["/Dest"]))
            elif "/A" in annotation and "/URI" in annotation["/A"]:
                uris.add(str(annotation["/A"]["/URI"]))
    return inside, uris


@pytest.mark.parametrize("name", all_files())
def test_links_work_inside_the_pdf_point_to_other_hosts_or_to_a_pdf_beside_it(pdfs, name):
    path = pdfs[name].path
    inside, uris = links(path)
    destinations = set(PdfReader(path).named_destinations)
    assert inside and inside <= destinations, f"{name}: links to missing places {inside - destinations}"
    for uri in uris:
        sibling = re.fullmatch(r"([a-z0-9-]+\.(?:zh-TW|en)\.pdf)(?:#(.+))?", uri)
        if sibling:
            assert not name.startswith("gold-card-guides"), f"{name} holds every page, yet links out: {uri}"
            assert (path.parent / sibling[1]).exists(), uri
            if sibling[2]:
                assert sibling[2] in PdfReader(path.parent / sibling[1]).named_destinations, uri
        else:
            assert re.match(r"(https://|mailto:)", uri), f"{name}: a link to neither another host nor a PDF: {uri}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_between_guides_is_a_link_inside_the_handbook_and_to_the_other_pdf_from_a_guide(pdfs, lang):
    # track-and-collect STEP 1 sends the reader to the login steps of the apply guide (design.md).
    inside, _ = links(pdfs[handbook_file(lang)].path)
    assert "apply--step-1" in inside
    _, uris = links(pdfs[guide_file("track-and-collect", lang)].path)
    assert f"apply.{LOCALES[lang]}.pdf#step-1" in uris


# ---- what is printed, and what is not ----------------------------------------------------------------------


def built_article(site: Path, url: str) -> ET.Element:
    page = read_page(site, url)
    assert page is not None, url
    return page.article


@pytest.mark.parametrize("lang", LANGS)
def test_the_handbook_prints_the_deadline_rules_without_the_calculators(pdfs, pdf_site, lang):
    url = ("/" if lang == "zh" else "/en/") + "deadlines/"
    article = built_article(pdf_site, url)
    text = pdftotext(pdfs[handbook_file(lang)].path)
    cells = [text_of(cell) for table in select(article, "table") for cell in select(table, "th, td")]
    assert cells, "the deadlines page has no rules table"
    assert_in_order(text, [cell for cell in cells if cell], f"{lang} handbook: the deadline rules")
    controls = [squash(text_of(control)) for control in select(article, ".gc-interactive")]
    controls = [words for words in controls if len(words) >= 12]  # a button's one word may be in the rules too
    assert controls, "the deadlines page marks no calculator .gc-interactive"
    for words in controls:
        assert words not in squash(text), f"a calculator is printed: {words[:60]}"


@pytest.mark.parametrize("name", all_files())
def test_no_download_links_navigation_or_search_are_printed(pdfs, site_data, name):
    text = squash(pdftotext(pdfs[name].path))
    lang = "zh" if ".zh-TW." in name else "en"
    for key in ("download_guide_pdf", "download_handbook_pdf"):
        assert squash(site_data.ui.get(key, lang)) not in text
    assert "¶" not in text  # the headings' permalinks


def test_the_download_links_of_the_site_point_to_the_pdfs(pdfs, pdf_site):
    for lang in LANGS:
        prefix = "/" if lang == "zh" else "/en/"
        expected = {prefix: handbook_file(lang)} | {f"{prefix}guides/{slug}/": guide_file(slug, lang) for slug in SLUGS}
        for url, file in expected.items():
            root = tinyhtml5.parse(page_file(pdf_site, url).read_bytes(), namespace_html_elements=False)
            hrefs = [link.get("href") for link in select(root, ".gc-pdf-download a[href]")]
            assert len(hrefs) == 1, f"{url}: {hrefs}"
            target = urljoin(f"http://site{url}", hrefs[0]).removeprefix("http://site/")
            assert target == f"pdf/{file}", url
            assert (pdf_site / target).is_file(), target


# ---- tagged for screen readers (PDF/UA-1) -----------------------------------------------------------------

# Each HTML element and the structure element WeasyPrint tags it with; an element may be tagged more than once
# (a table's head is repeated on every page it spans, a line break splits a link), never less.
TAGGED_AS = {"H1": "h1", "H2": "h2", "H3": "h3", "L": "ul, ol, dl", "LI": "li, dt, dd",
             "Table": "table", "TR": "tr", "TH": "th", "TD": "td", "Link": "a[href]"}


@functools.cache
def structure(path: Path) -> list[pikepdf.Dictionary]:
    """Every structure element of the PDF's tag tree, in reading order."""
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        assert tree is not None, f"{path.name}: untagged, no structure tree"
        found, todo = [], [tree]
        while todo:
            node = todo.pop()
            if not isinstance(node, pikepdf.Dictionary):
                continue  # a marked-content id: the text itself
            if node.get("/Type") == "/StructElem":
                found.append(node)
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            todo.extend(reversed(kids))
        # The elements stay readable after the file is closed: copy the few keys the tests read.
        return [pikepdf.Dictionary({key: element[key] for key in ("/S", "/Lang", "/Alt") if key in element})
                for element in found]


def file_locale(name: str) -> str:
    return next(locale for locale in LOCALES.values() if name.endswith(f".{locale}.pdf"))


def expected_title(site, pdfs, name: str) -> str:
    lang, slug = ("zh" if file_locale(name) == "zh-TW" else "en"), name.split(".")[0]
    if name == handbook_file(lang):
        return text_of_page_heading(pdfs, lang, "")  # the home page's title, which the handbook's cover shows
    return guide_title(site, slug, lang)


@pytest.mark.parametrize("name", all_files())
def test_every_pdf_is_tagged_pdf_ua_1_with_its_language_and_title(pdfs, site_data, name):
    path = pdfs[name].path
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), f"{name}: pdfinfo says it is not tagged:\n{info}"
    title = expected_title(site_data, pdfs, name)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.get("/StructTreeRoot") is not None, f"{name}: no structure tree"
        assert str(root.get("/Lang")) == file_locale(name), f"{name}: document language {root.get('/Lang')}"
        assert root.get("/MarkInfo", {}).get("/Marked") is True, f"{name}: not marked as tagged"
        assert root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is True, \
            f"{name}: a viewer's window shows the file name, not the title"
        shown = str(pdf.docinfo.get("/Title"))
        assert shown == title, f"{name}: title {shown!r}, expected {title!r}"
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1", f"{name}: no PDF/UA-1 identification in the XMP metadata"
        assert meta.get("dc:title") == title, f"{name}: XMP title {meta.get('dc:title')!r}, expected {title!r}"


@pytest.mark.parametrize("name", all_files())
def test_headings_lists_tables_and_links_are_tagged(pdfs, printable, name):
    root = tinyhtml5.parse(printable[name].html, namespace_html_elements=False)
    tagged = collections.Counter(str(element["/S"]).lstrip("/") for element in structure(pdfs[name].path))
    in_html = {tag: len(select(root, selector)) for tag, selector in TAGGED_AS.items()}
    if name.startswith("gold-card-guides"):  # the handbook has them all (its glossary is a table)
        assert all(in_html.values()), f"{name}: the printable HTML lacks {[t for t, n in in_html.items() if not n]}"
    untagged = {tag: (count, tagged[tag]) for tag, count in in_html.items() if tagged[tag] < count}
    assert not untagged, f"{name}: fewer structure elements than HTML elements (HTML, PDF): {untagged}"
    assert tagged["Document"] == 1, name
    figures = [element for element in structure(pdfs[name].path) if element["/S"] == "/Figure"]
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures), f"{name}: an image without alt text"


@pytest.mark.parametrize("name", all_files())
def test_chinese_labels_in_the_english_pdfs_are_tagged_as_chinese(pdfs, printable, name):
    """A screen reader reads 「登入」 in an English guide with a Chinese voice: each element of another language
    than the document's carries its /Lang (goldcard/pdf/languages.py); nothing repeats the document's own."""
    locale = file_locale(name)
    root = tinyhtml5.parse(printable[name].html, namespace_html_elements=False)
    # A sketch's words are drawn in one Figure, which its alternative text stands for: they have no tags of their own.
    drawn = {found for svg in root.iter(f"{SVG}svg") for found in svg.iter()}
    foreign = [element for element in select(root, "body [lang]")
               if element.get("lang") != locale and element not in drawn]
    languages = collections.Counter(str(element["/Lang"]) for element in structure(pdfs[name].path)
                                    if "/Lang" in element)
    assert locale not in languages, f"{name}: structure elements repeat the document's language"
    assert set(languages) == {element.get("lang") for element in foreign}, \
        f"{name}: structure elements tagged {dict(languages)}; other languages in the HTML: " \
        f"{sorted({element.get('lang') for element in foreign})}"
    for language in languages:
        expected = sum(1 for element in foreign if element.get("lang") == language)
        assert languages[language] >= expected, f"{name}: {languages[language]} of {expected} {language} elements"
    if locale == "en":
        assert languages["zh-TW"], f"{name}: no Chinese label tagged as Chinese"


# ---- same input, same bytes ------------------------------------------------------------------------------


# Another process writes one PDF again from the same site: a tagged English guide, with links, tables and
# Chinese labels in their own language. Another hash seed, so nothing may depend on the order of a set.
WRITE_AGAIN = """
import sys
from pathlib import Path
from goldcard.load import load_site
from goldcard.pdf.export import documents, write_pdf
site, data, name, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
write_pdf(next(document for document in documents(load_site(data), site) if document.file == name), out)
"""


def test_the_same_site_gives_the_same_bytes_and_the_date_comes_from_the_data(pdfs, pdf_site, site_data, tmp_path):
    name = guide_file("track-and-collect", "en")
    env = {**os.environ, "PYTHONHASHSEED": "7", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", WRITE_AGAIN, str(pdf_site), str(ROOT / "data"), name, str(tmp_path)],
                   env=env, check=True, timeout=300)
    same = (tmp_path / name).read_bytes() == pdfs[name].path.read_bytes()
    assert same, f"{name}: written again from the same site, in another process, the bytes differ"
    for lang in LANGS:
        info = PdfReader(pdfs[handbook_file(lang)].path).metadata
        latest = max(loaded.guide.updated for loaded in site_data.guides if loaded.guide.updated)
        assert info["/CreationDate"].startswith(f"D:{latest:%Y%m%d}000000")
        assert info["/ModDate"] == info["/CreationDate"]


# ---- the printable HTML, before WeasyPrint -----------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_the_printable_html_has_boxes_open_screens_and_nothing_for_the_screen_only(printable, site_data, slug):
    for document in (printable[guide_file(slug, lang)] for lang in LANGS):
        root = tinyhtml5.parse(document.html, namespace_html_elements=False)
        guide = site_data.guide(slug)
        boxes = select(root, ".pdf-part.pdf-guide .pdf-box")
        assert len(boxes) == len(guide.steps) + len(guide.guide.checklist), "a box per step and checklist item"
        screens = select(root, ".pdf-guide .pdf-details")
        sketches = select(root, ".pdf-guide figure.gc-sketch")
        assert len(sketches) == sum(1 for numbered in guide.steps if numbered.step.sketch)
        assert len(screens) == sum(1 for numbered in guide.steps if numbered.step.screen and not numbered.step.sketch)
        for selector in ("details", "summary", "input", "button", "form", "script", "nav", "a.headerlink",
                         ".gc-pdf-download", ".gc-interactive"):
            assert not select(root, selector), f"{document.file}: {selector} is printed"
        ids = [element.get("id") for element in root.iter() if element.get("id")]
        assert len(ids) == len(set(ids)), f"{document.file}: ids twice"
        assert select(root, ".pdf-cover") and select(root, ".pdf-toc a[href]")
        # Its own head: the built page's metas (its Content-Security-Policy, its viewport) are not the PDF's.
        metas = [meta.get("name") or ("charset" if meta.get("charset") else meta.get("http-equiv"))
                 for meta in select(root, "meta")]
        assert metas == ["charset", "author", "dcterms.created", "dcterms.modified"], document.file


# ---- the sketches of the screens ---------------------------------------------------------------------------


def sketched_guides(site) -> list[str]:
    """The guides with at least one sketch (today the apply guide; each helper's data adds more)."""
    return [loaded.guide.slug for loaded in site.guides if any(numbered.step.sketch for numbered in loaded.steps)]


def drawn_sketches(document) -> list[tuple[str, list[str], dict[str, list[str]]]]:
    """Each sketch of a printable document, in order: the step's id, the lines of text it draws, and for each
    marked element its lines (the Chinese label, and on English pages the English beneath)."""
    root = tinyhtml5.parse(document.html, namespace_html_elements=False)
    found = []
    for figure in select(root, "figure.gc-sketch"):
        svg = next(figure.iter(f"{SVG}svg"))
        lines = ["".join(text.itertext()) for text in svg.iter(f"{SVG}text")]
        marks = {group.get("data-mark"): ["".join(text.itertext()) for text in group.iter(f"{SVG}text")]
                 for group in svg.iter(f"{SVG}g") if group.get("data-mark")}
        found.append((figure.get("data-sketch-for"), lines, marks))
    return found


def figure_pages(path: Path) -> list[tuple[int, str]]:
    """Each Figure of the tag tree in reading order: the index of its page and its alternative text."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        found, todo = [], [pdf.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if node.get("/S") == "/Figure":
                found.append((pages[node.Pg.objgen], str(node.get("/Alt", ""))))
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            todo.extend(reversed(kids))
        return found


def test_some_guide_has_sketches(site_data):
    assert "apply" in sketched_guides(site_data), "the apply guide has sketches: the tests below need one"


@pytest.mark.parametrize("lang", LANGS)
def test_each_sketch_is_printed_with_its_labels_as_text_in_order(pdfs, printable, site_data, lang):
    """pdftotext reads the sketch's words, as drawn, top to bottom; the marked label's Chinese in both languages
    and, in the English PDF, its English from the glossary."""
    for slug in sketched_guides(site_data):
        name = guide_file(slug, lang)
        text = pdftotext(pdfs[name].path)
        sketches = drawn_sketches(printable[name])
        assert len(sketches) == sum(1 for numbered in site_data.guide(slug).steps if numbered.step.sketch), name
        steps = {numbered.step.id: numbered.step for numbered in site_data.guide(slug).steps}
        ctx = Context(site_data, lang, slug)
        assert_in_order(text, [line for _, lines, _ in sketches for line in lines], f"{name}, the sketches' text")
        for step_id, lines, marks in sketches:
            marked = steps[step_id].sketch.marks
            assert sorted(marks) == [str(n) for n in range(1, len(marked) + 1)], f"{name}, {step_id}: {marks}"
            for number, label in enumerate(marked, start=1):
                drawn = squash("".join(marks[str(number)]))
                assert squash(label) in drawn, f"{name}, {step_id}: the mark {number} does not hold {label!r}"
                if lang == "en" and english_of(label, ctx):
                    assert squash(english_of(label, ctx)) in drawn, f"{name}, {step_id}: no English of {label!r}"
                assert squash(label) in squash(text), f"{name}: {label!r} is not in the PDF's text"


@pytest.mark.parametrize("lang", LANGS)
def test_each_sketch_is_a_vector_figure_with_alternative_text(pdfs, printable, site_data, lang):
    """WeasyPrint tags each inline SVG as a Figure, with the SVG's <title> (goldcard/pdf/sketches.py: the sketch's
    accessible name) as its /Alt; what it draws are paths and text: no page with a sketch holds an image."""
    for slug in sketched_guides(site_data):
        name = guide_file(slug, lang)
        path = pdfs[name].path
        root = tinyhtml5.parse(printable[name].html, namespace_html_elements=False)
        names = [svg.get("aria-label") for svg in root.iter(f"{SVG}svg")]
        figures = figure_pages(path)
        assert [alt for _, alt in figures] == names, f"{name}: the Figures' alternative texts"
        assert all(names), f"{name}: a sketch without a name"
        for page, _ in figures:
            listing = subprocess.run(["pdfimages", "-list", "-f", str(page + 1), "-l", str(page + 1), str(path)],
                                     capture_output=True, text=True, check=True).stdout.splitlines()[2:]
            assert listing == [], f"{name}, page {page + 1}: images on a page with a sketch: {listing}"


def pixels(path: Path, page: int) -> set[tuple[int, int, int]]:
    """The colours of a page, drawn by poppler at 96 dpi (one pixel per CSS px)."""
    ppm = subprocess.run(["pdftoppm", "-r", "96", "-f", str(page), "-l", str(page), str(path)],
                         capture_output=True, check=True).stdout
    magic, width, height, depth, data = ppm.split(maxsplit=4)
    assert magic == b"P6" and depth == b"255"
    return {tuple(data[i:i + 3]) for i in range(0, int(width) * int(height) * 3, 3)}


def palette_colour(rule: str, prop: str) -> tuple[int, int, int]:
    found = re.search(rf"(?m)^{re.escape(rule)} {{[^}}]*\b{prop}: #([0-9a-f]{{6}})", palette())
    assert found, f"no {prop} of {rule} in the sketch palette of {STYLESHEET.name}"
    return tuple(int(found[1][i:i + 2], 16) for i in (0, 2, 4))


def near(colour, colours, tolerance: int = 6) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(colour, other)) for other in colours)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sketches_have_the_palettes_colours_in_the_pdf(pdfs, printable, site_data, lang):
    """The palette of goldcard.css reaches the PDF (WeasyPrint reads no page CSS in an SVG): the mark's red
    badge and the menu bar's blue are on the pages of the sketches that have them; the print stylesheet uses
    neither colour, so they come from the sketch."""
    badge, bar = palette_colour(".mb", "fill"), palette_colour(".n", "fill")
    print_css = (ROOT / "goldcard" / "pdf" / "print.css").read_text(encoding="utf-8").lower()
    for colour in (badge, bar):
        assert "#%02x%02x%02x" % colour not in print_css
    for slug in sketched_guides(site_data):
        name = guide_file(slug, lang)
        path = pdfs[name].path
        root = tinyhtml5.parse(printable[name].html, namespace_html_elements=False)
        svgs = list(root.iter(f"{SVG}svg"))
        for (page, _), svg in zip(figure_pages(path), svgs, strict=True):
            colours = pixels(path, page + 1)
            classes = {cls for found in svg.iter() for cls in found.get("class", "").split()}
            if "mb" in classes:
                assert near(badge, colours), f"{name}, page {page + 1}: no mark's red {badge} in the sketch"
            if "n" in classes:
                assert near(bar, colours), f"{name}, page {page + 1}: no menu bar blue {bar} in the sketch"


def test_the_sketch_text_is_in_noto_sans_cjk_tc_and_liberation_sans(pdfs, site_data):
    """WeasyPrint's SVG text takes no `lang`: without the family in the sketch's <style> it drew the Chinese in
    the first Noto CJK face, the Japanese one. The fonts of a guide with sketches are those of the text."""
    for slug in sketched_guides(site_data):
        for lang in LANGS:
            listing = subprocess.run(["pdffonts", str(pdfs[guide_file(slug, lang)].path)], capture_output=True,
                                     text=True, check=True).stdout
            assert "CJK-JP" not in listing and "CJK-SC" not in listing and "CJK-KR" not in listing, listing


def test_the_palette_is_read_from_the_sites_stylesheet():
    """One source of the colours: the light rules between the markers of goldcard.css, without their prefix."""
    css = STYLESHEET.read_text(encoding="utf-8")
    between = css.split("/* sketch palette: begin */")[1].split("/* sketch palette: end */")[0]
    rules = palette()
    assert ".gc-sketch" not in rules
    assert rules.count("{") == between.count("{") + 3  # and the three rules of the fonts
    assert 'font-family: "Noto Sans CJK TC"' in rules
