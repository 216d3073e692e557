"""Page weight: the bytes of HTML, CSS and JavaScript a reader downloads for one page, read from the built
page's own links, and what Chromium actually fetches when it opens the page."""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# As in tests/conftest.py: Debian's chromium, driven by Playwright (its own browser download is not reachable).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


class _LinkedAssets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split() and values.get("href"):
            self.stylesheets.append(values["href"] or "")
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"] or "")


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weight(site: Path, page_url: str) -> dict:
    """HTML + the stylesheets and scripts it links, in bytes as stored and gzipped. `page_url` is site-relative
    with a trailing slash, e.g. "guides/apply/"."""
    html = (site / page_url / "index.html").read_bytes()
    parser = _LinkedAssets()
    parser.feed(html.decode("utf-8"))
    base = "http://site/" + page_url
    sizes = {"html": len(html), "css": 0, "js": 0}
    compressed = gzipped_size(html)
    files = {page_url + "index.html": len(html)}
    for kind, urls in (("css", parser.stylesheets), ("js", parser.scripts)):
        for url in urls:
            absolute = urlsplit(urljoin(base, url))
            if absolute.netloc != "site":
                raise RuntimeError(f"{page_url} links {url} on another host: the site must make no such request")
            path = site / absolute.path.lstrip("/")
            if not path.is_file():
                raise RuntimeError(f"{page_url} links {url}, which is not in the built site")
            data = path.read_bytes()
            sizes[kind] += len(data)
            compressed += gzipped_size(data)
            files[absolute.path.lstrip("/")] = len(data)
    return {**sizes, "total": sum(sizes.values()), "gzip_total": compressed, "files": files}


SKETCH = re.compile(rb'<figure class="gc-sketch".*?</figure>', re.S)
DRAWING = re.compile(rb'<div class="gc-sketch-frame">(<svg.*?</svg>)</div>', re.S)


def sketch_weight(site: Path, page_url: str) -> dict:
    """The sketches of the screens in one built page: how many, their bytes as stored and gzipped together (as
    they travel, in the page), and the bytes of their drawings alone (the SVG, which the baseline lacks)."""
    page = (site / page_url / "index.html").read_bytes()
    found = SKETCH.findall(page)
    joined = b"".join(found)
    return {"count": len(found), "bytes": len(joined), "gzip": gzipped_size(joined) if found else 0,
            "drawings": sum(len(svg) for svg in DRAWING.findall(page))}


def chromium_weight(url: str) -> dict:
    """Open `url` in headless Chromium and add up what it fetched: bytes on the wire (gzip where the server
    compresses) and decoded, by resource type; requests to other hosts are listed (there should be none)."""
    from playwright.sync_api import sync_playwright

    wire: dict[str, int] = defaultdict(int)
    decoded: dict[str, int] = defaultdict(int)
    requests: list[str] = []
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context()
            finished = []
            context.on("requestfinished", lambda request: finished.append(request))
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(500)  # the search worker fetches its index after load
            # Sizes are read while the page is still open (Playwright asks the browser for them).
            for request in finished:
                if request.url.startswith("data:"):
                    continue
                if not request.url.startswith(origin):
                    outside.append(request.url)
                response = request.response()
                wire[request.resource_type] += request.sizes()["responseBodySize"]
                decoded[request.resource_type] += len(response.body()) if response else 0
                requests.append(request.url.removeprefix(origin))
            context.close()
        finally:
            browser.close()
    return {"wire_total": sum(wire.values()), "decoded_total": sum(decoded.values()), "wire": dict(wire),
            "decoded": dict(decoded), "requests": sorted(requests), "other_hosts": outside}
