"""A full `mkdocs build --strict`, as `make build` makes it (no SITE_URL): both languages of every page, switcher
links, no other host, no local address. The sitemap, which needs SITE_URL, is tested in test_deterministic.py."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from conftest import SLUGS

PAGES = ["", "glossary/", "deadlines/"] + [f"guides/{slug}/" for slug in SLUGS]


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def parse(path: Path) -> list[tuple[str, dict[str, str]]]:
    collector = Collect()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.tags


def parse_text(html: str) -> list[tuple[str, dict[str, str]]]:
    collector = Collect()
    collector.feed(html)
    return collector.tags


def page_file(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html"


def test_every_page_exists_in_both_languages_with_the_right_lang(built_site):
    for page in PAGES:
        zh, en = page_file(built_site, page), page_file(built_site, "en/" + page)
        assert zh.exists() and en.exists(), page
        assert '<html lang="zh-TW"' in zh.read_text(encoding="utf-8")
        assert '<html lang="en"' in en.read_text(encoding="utf-8")


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(built_site):
    for page in PAGES:
        for prefix, other in (("", "en/"), ("en/", "")):
            path = page_file(built_site, prefix + page)
            base = f"http://site/{prefix}{page}"
            links = {a["hreflang"]: a["href"] for tag, a in parse(path) if tag == "a" and "md-select__link" in a.get("class", "")}
            assert set(links) == {"zh-TW", "en"}, path
            target = urlparse(urljoin(base, links["en" if other else "zh-TW"])).path.lstrip("/")
            assert target == other + page, (path, target)
            assert page_file(built_site, target).exists()


def test_the_guides_and_pages_are_where_the_contract_says(built_site):
    for slug in SLUGS:
        html = page_file(built_site, f"guides/{slug}/").read_text(encoding="utf-8")
        assert f'data-guide="{slug}"' in html


def test_the_built_site_references_no_other_host(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"} or "search" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            for tag, attrs in parse(path):
                for name in ("src", "href"):
                    value = attrs.get(name, "")
                    if tag == "a" or attrs.get("rel") == "canonical":
                        continue  # links a reader follows are not requests the page makes
                    host = urlparse(value).hostname
                    if host and host not in {"127.0.0.1", "localhost"}:
                        offenders.append(f"{path}: <{tag} {name}={value}>")
        for url in re.findall(r"url\((?:'|\")?(https?://[^)'\"]+)", text):
            offenders.append(f"{path}: url({url})")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(f"{path}: Google Fonts")
    assert not offenders, "\n".join(offenders[:20])


LOOPBACK = re.compile(rb"127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0", re.I)


def test_without_site_url_no_file_names_a_local_address_and_there_is_no_canonical_link_or_sitemap(built_site):
    # The preview's address (http://127.0.0.1:8000/) used to be the default site_url: every page published it.
    found = []
    for path in sorted(p for p in built_site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        found += [f"{path.relative_to(built_site)}: {match.group(0).decode()}" for match in LOOPBACK.finditer(data)]
        if path.suffix == ".html" and any(attrs.get("rel") == "canonical" for tag, attrs in parse(path)):
            found.append(f"{path.relative_to(built_site)}: a canonical link")
    assert not found, "\n".join(found[:20])
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()
    assert (built_site / "index.html").exists() and (built_site / "en" / "guides" / "apply" / "index.html").exists()


def test_no_http_no_wrong_host_and_no_empty_link_targets(built_site):
    problems = []
    for path in built_site.rglob("*.html"):
        for tag, attrs in parse(path):
            if tag != "a" or "href" not in attrs:
                continue
            href = attrs["href"]
            if href in {"", "#"}:
                problems.append(f"{path}: empty link target")
            if href.startswith("http://") and urlparse(href).hostname not in {"127.0.0.1", "localhost"}:
                problems.append(f"{path}: {href}")
            if "gold-card." in href:
                problems.append(f"{path}: {href}")
    assert not problems, "\n".join(problems[:20])


def test_the_deadline_calculator_is_in_the_navigation_after_the_guides(built_site):
    for prefix in ("", "en/"):
        html = page_file(built_site, prefix).read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S)
        hrefs = [a["href"] for tag, a in parse_text(nav.group(0) if nav else html) if tag == "a" and "href" in a]
        guides = [i for i, href in enumerate(hrefs) if "guides/" in href]
        calculator = [i for i, href in enumerate(hrefs) if href.rstrip("/").endswith("deadlines")]
        assert guides and calculator and calculator[0] > max(guides), hrefs


def test_each_page_loads_only_the_scripts_it_uses(built_site):
    def scripts(page: str) -> set[str]:
        return {Path(a["src"]).name for tag, a in parse(page_file(built_site, page)) if tag == "script" and "javascripts/" in a.get("src", "")
                and "assets/" not in a["src"]}

    assert scripts("") == set() and scripts("en/glossary/") == set()
    assert scripts("guides/apply/") == {"progress.js", "stepview.js"}
    assert {"deadlines.js", "calculator.js", "progress.js"} <= scripts("en/guides/extend/")
    assert {"deadlines.js", "calculator.js", "timeline.js"} <= scripts("deadlines/") and "progress.js" not in scripts("deadlines/")
