"""External links are alive: each distinct address fetched once, with a timeout, results kept in a small cache.

Off by default (it needs the network and takes seconds): `scripts/check.py --live`, or GOLDCARD_CHECK_LINKS=1
for builds, or `extra: goldcard: check_links: true` in mkdocs.yml. Addresses that answered are remembered
(in .cache/goldcard-links.json) for `link_cache_days`; failures are asked again on every run, so that a
fixed link clears at once.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..problems import Problem
from .config import CheckConfig
from .links import UrlRef

USER_AGENT = "goldcard-guides-link-check/1 (+https://goldcard.nat.gov.tw/)"
Probe = Callable[[str, float], "str | None"]


def probe(url: str, timeout: float) -> str | None:
    """None if the address answers with a page; otherwise what went wrong, in a few words."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, see below
            response.read(1)
            return None if response.status < 400 else f"HTTP {response.status}"
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return f"no answer within {timeout:g} s"
        return f"cannot connect ({reason})"
    except (socket.timeout, TimeoutError):
        return f"no answer within {timeout:g} s"
    except (OSError, ValueError) as error:
        return f"cannot connect ({error})"


def read_cache(path: Path | None) -> dict[str, float]:
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(url): float(when) for url, when in data.get("answered", {}).items()}
    except (ValueError, AttributeError, OSError):
        return {}  # a damaged cache is only a slower run


def write_cache(path: Path | None, answered: dict[str, float]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"answered": dict(sorted(answered.items()))}, indent=1, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def external(target: str) -> bool:
    parts = urlsplit(target)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def check_liveness(refs: list[UrlRef], config: CheckConfig, fetch: Probe = probe) -> list[Problem]:
    urls = sorted({ref.target for ref in refs if external(ref.target)})  # each address once
    answered = {url: when for url, when in read_cache(config.link_cache).items() if url in urls}
    now = time.time()
    fresh_after = now - config.link_cache_days * 86400
    to_ask = [url for url in urls if answered.get(url, 0) < fresh_after]
    with ThreadPoolExecutor(max_workers=8) as pool:
        failures = dict(zip(to_ask, pool.map(lambda url: fetch(url, config.link_timeout), to_ask)))
    for url, failure in failures.items():
        if failure is None:
            answered[url] = now
        else:
            answered.pop(url, None)
    write_cache(config.link_cache, answered)
    return [ref.where(f"the link {ref.target} does not work: {failures[ref.target]}",
                      "open it in a browser; if the page has moved, link to its new address")
            for ref in refs if failures.get(ref.target)]
