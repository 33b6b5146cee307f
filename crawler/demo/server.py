"""Serve a static site directory on 127.0.0.1 for the demo and the tests.

``BASE`` in ``.xml``/``.txt``/``.json`` files is replaced by the server's own base URL, so
sitemaps and feeds can carry absolute URLs. Files named ``*.cp1251.html`` are served as
``windows-1251``. Every request path is logged in ``server.requests``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from socketserver import BaseServer
from typing import TypeVar

_Server = TypeVar("_Server", bound=BaseServer)
DEMO_SITE = Path(str(resources.files("crawler.demo").joinpath("site")))
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/feed+json",
    ".jpg": "image/jpeg",
}


class SiteServer(ThreadingHTTPServer):
    """A threading HTTP server bound to 127.0.0.1 on a free port."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root.resolve()
        self.requests: list[str] = []
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def log_request_path(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        self.server.log_request_path(self.path)
        target = (self.server.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.server.root) or not target.is_file():
            self._send(404, b"<html><body>Not found</body></html>", "text/html; charset=utf-8")
            return
        body = target.read_bytes()
        ctype = _TYPES.get(target.suffix, "application/octet-stream")
        if target.name.endswith(".cp1251.html"):
            ctype = "text/html; charset=windows-1251"
        if target.suffix in {".xml", ".txt", ".json"}:
            body = body.replace(b"BASE", self.server.base_url.encode())
        self._send(200, body, ctype)

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request stderr lines; requests are kept in ``server.requests``."""


@contextmanager
def running(server: _Server) -> Iterator[_Server]:
    """Run any ``socketserver`` server in a background thread for the block, then stop it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(root: Path = DEMO_SITE) -> Iterator[SiteServer]:
    """Serve ``root`` in a background thread for the duration of the block."""
    with running(SiteServer(root)) as server:
        yield server
