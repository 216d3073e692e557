"""A static file server on 127.0.0.1 that compresses text with gzip, as static hosts (GitHub Pages) do, so
that page weight and Lighthouse see what a reader's browser would download."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass

    def send_head(self):  # noqa: ANN201 - the standard library's signature
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the URL with a slash
            target = target / "index.html"
        kind = self.guess_type(str(target))
        if not (target.is_file() and kind.startswith(COMPRESSED_TYPES)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # 404s, binary files, clients without gzip
        body = gzip.compress(target.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` (which may be filled later) at the returned http://127.0.0.1:<port>/ URL."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
