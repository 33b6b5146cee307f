"""The fault site: good articles mixed with failures, traps, bombs and lies.

One :class:`FaultServer` per address. Every request is logged (path and headers) in
``server.log``. Pages reference the server's own base URL and, for "another host" links and
redirects, ``server.other`` (a second server on another loopback address).
"""

from __future__ import annotations

import itertools
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.demo.server import running
from tests.faultsite import pages

_WORDS = ("harbour", "pier", "ferry", "storm", "council", "market", "lighthouse", "quay")
DRIP_SECONDS = 20  # a drip or a stall never outlives the test
BIG_PAGE = 200 * 1024 * 1024

GOOD = {
    f"/news/2026/11/{20 + i}/{slug}.html": title
    for i, (slug, title) in enumerate([
        ("harbour-pier-closes-for-repairs", "Harbour pier closes for repairs"),
        ("lighthouse-keeper-retires-after-forty-years", "Lighthouse keeper retires after forty years"),
        ("ferry-timetable-changes-for-winter", "Ferry timetable changes for winter"),
        ("new-lifeboat-station-opens-on-the-quay", "New lifeboat station opens on the quay"),
    ])
}
FLAKY = "/news/2026/11/24/fish-market-reopens-after-storm-damage.html"  # 503 once, then fine
LYING_CHARSET = "/news/2026/11/25/town-band-celebrates-its-centenary.html"  # says utf-8, is cp1251
UNKNOWN_CHARSET = "/news/2026/11/26/school-garden-wins-regional-prize.html"  # charset=x-klingon
ARTICLES = {**GOOD, FLAKY: "Fish market reopens after storm damage",
            LYING_CHARSET: "Town band celebrates its centenary",
            UNKNOWN_CHARSET: "School garden wins regional prize"}

BAD = {
    "/broken/always-500.html": "http_500",
    "/broken/too-many-requests.html": "http_429",
    "/broken/stall.html": "timeout",
    "/broken/reset.html": "connection_reset",
    "/broken/drip.html": "timeout",
    "/broken/loop-a.html": "redirect_loop",
    "/broken/to-other-host.html": "offsite_redirect",
    "/broken/to-file.html": "redirect_to_file",
    "/broken/gzip-bomb.html": "too_large",
    "/broken/brotli-bomb.html": "too_large",
    "/broken/huge.html": "too_large",
    "/broken/huge-chunked.html": "too_large",
    "/broken/endless-chunked.html": "too_large",
    "/broken/binary.html": "not_html",
    "/broken/endless-headers.html": "headers_too_large",
    "/broken/retry-then-offsite.html": "offsite_redirect",
    "/broken/deep.html": "not_article",
    "/broken/unclosed.html": "not_article",
    "/broken/nul.html": "not_article",
}
DISALLOWED = "/private/draft-secret.html"


@dataclass(frozen=True)
class Logged:
    path: str
    headers: dict[str, str]


class FaultServer(ThreadingHTTPServer):
    """Threading HTTP/1.1 server on ``host`` and a free port."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), _Handler)
        self.log: list[Logged] = []
        self.hits: Counter[str] = Counter()
        self.other = ""  # base URL of "another host", set by serve_fault_site
        self.private_other = ""  # same address, another port: private, not a start host
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def record(self, path: str, headers: dict[str, str]) -> int:
        """Log a request; return how many times this path was requested (1 = first)."""
        with self._lock:
            self.log.append(Logged(path, headers))
            self.hits[path] += 1
            return self.hits[path]

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up on drips and bombs is expected: stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        nth = self.server.record(self.path, dict(self.headers.items()))
        self.close_connection = True
        path = self.path.split("?", 1)[0]
        route = _ROUTES.get(path)
        if route is not None:
            route(self, nth)
        elif path in ARTICLES:
            self._article(path)
        elif path.startswith(("/calendar/", "/grow", "/fanout/", "/tokens/")):
            self._trap(path)
        else:
            self._send(404, b"<html><body>no</body></html>")

    def log_message(self, format: str, *args: object) -> None:
        """Requests are kept in ``server.log``, not printed."""

    # --- helpers ---------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", headers={"Location": location})

    def _article(self, path: str) -> None:
        slug = path.rsplit("/", 1)[-1].removesuffix(".html")
        seed = sorted(ARTICLES).index(path)
        if path == LYING_CHARSET:
            html = pages.article_html(slug, ARTICLES[path] + " — оркестр", seed, "utf-8")
            self._send(200, html.encode("cp1251", "replace"))
        elif path == UNKNOWN_CHARSET:
            html = pages.article_html(slug, ARTICLES[path], seed, "x-klingon")
            self._send(200, html.encode(), "text/html; charset=x-klingon")
        else:
            self._send(200, pages.article_html(slug, ARTICLES[path], seed).encode())

    def _trap(self, path: str) -> None:
        """Infinite calendars and ever-growing queries: always one more link."""
        if path.startswith("/calendar/"):
            n = int(path.strip("/").rsplit("/", 1)[-1] or 0)
            links = [f"/calendar/{n + 1}/", f"/calendar/{n - 1}/"]
        elif path.startswith("/fanout/"):  # /fanout/<level>/<slug>: 50 new stories deeper
            level = int(path.split("/")[2])
            rng = random.Random(path)
            links = [f"/fanout/{level + 1}/{'-'.join(rng.choices(_WORDS, k=4))}-{i}.html"
                     for i in range(50)]
        elif path.startswith("/tokens/"):  # the same page under ever-new volatile parameters
            rng = random.Random(self.path)
            links = [f"/tokens/page.html?{name}={rng.getrandbits(64):x}"
                     for name in ("token", "nonce", "s", "_", "cb") for _ in range(4)]
        else:
            links = [self.path + "a", self.path + "&x=" + "b" * 10]
        self._send(200, pages.home_html(links))

    def _stream(self, chunks: Iterator[bytes], length: int | None = None,
                ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        if length is None:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            for chunk in chunks:
                data = chunk if length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk)
                self.wfile.write(data)
                self.wfile.flush()
        except OSError:
            return  # the crawler hung up: that is the point


def _home(h: _Handler, _nth: int) -> None:
    s = h.server
    links = [*ARTICLES, *BAD, DISALLOWED, "/calendar/0/", "/grow?q=a",
             "/s/page?sid=1f2e3d", "/page;jsessionid=ABC123",
             f"{s.other}/news/2026/11/20/other-host-story.html",
             f"{s.private_other}/news/2026/11/20/metadata-story.html"]
    h._send(200, pages.home_html(links), headers={"Set-Cookie": "session=secret; Path=/"})


def _ssrf(h: _Handler, _nth: int) -> None:
    """Links and a redirect to a private port and to another loopback host."""
    s = h.server
    links = [f"{s.private_other}/news/2026/11/20/metadata-story.html",
             f"http://localhost:{s.private_other.rsplit(':', 1)[-1]}/news/2026/11/21/local.html",
             f"{s.other}/news/2026/11/20/other-host-story.html", "/broken/to-private.html"]
    h._send(200, pages.home_html(links))


def _robots(h: _Handler, _nth: int) -> None:
    base = h.server.base_url
    body = (f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap.xml\n"
            f"Sitemap: {base}/xxe-sitemap.xml\nSitemap: {base}/bomb-feed.xml\n")
    h._send(200, body.encode(), "text/plain")


def _sitemap(h: _Handler, _nth: int) -> None:
    base = h.server.base_url
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in ARTICLES)
    body = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>")
    h._send(200, body.encode(), "application/xml")


def _offsite_sitemap(h: _Handler, _nth: int) -> None:
    """An entry with a port out of range first, then an entry that retries into a redirect
    to another host, then a good article."""
    base = h.server.base_url
    locs = ["http://127.0.0.1:99999/news/2026/11/20/bad-port-story.html",
            f"{base}/broken/sitemap-retry-offsite.html", f"{base}{GOOD_FIRST}"]
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in locs)
    h._send(200, f"<?xml version='1.0'?><urlset>{urls}</urlset>".encode(), "application/xml")


def _xxe(h: _Handler, _nth: int) -> None:
    body = pages.XXE_SITEMAP.format(base=h.server.base_url, other=h.server.other)
    h._send(200, body.encode(), "application/xml")


def _bomb_feed(h: _Handler, _nth: int) -> None:
    h._send(200, pages.BILLION_LAUGHS.format(base=h.server.base_url).encode(), "application/rss+xml")


def _flaky(h: _Handler, nth: int) -> None:
    if nth == 1:
        h._send(503, b"busy", headers={"Retry-After": "0"})
    else:
        h._article(FLAKY)


def _reset(h: _Handler, _nth: int) -> None:
    # SO_LINGER 0: close() sends RST instead of FIN.
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()


def _stall(h: _Handler, _nth: int) -> None:
    time.sleep(DRIP_SECONDS)


def _drip() -> Iterator[bytes]:
    for _ in range(DRIP_SECONDS):
        yield b"<"
        time.sleep(1)


def _zeros_lazily(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
    for _ in range(total // chunk):
        yield block


def _endless_headers(h: _Handler, _nth: int) -> None:
    """A status line, then header lines forever (until the client hangs up or time runs out)."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    batch = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"f" * 100) for i in range(1000))
    deadline = time.monotonic() + DRIP_SECONDS
    try:
        while time.monotonic() < deadline:
            h.wfile.write(batch)
    except OSError:
        return


def _retry_then_offsite(h: _Handler, nth: int) -> None:
    """503 once (Scrapy retries with dont_filter), then a redirect to another host."""
    if nth == 1:
        h._send(503, b"busy", headers={"Retry-After": "0"})
    else:
        h._redirect(f"{h.server.other}/news/2026/11/20/stolen-story.html")


def _endless() -> Iterator[bytes]:
    block = b"<p>" + b"y" * 65000 + b"</p>"
    for _ in itertools.count():
        yield block


_ROUTES: dict[str, Callable[[_Handler, int], None]] = {
    "/": _home,
    "/robots.txt": _robots,
    "/sitemap.xml": _sitemap,
    "/xxe-sitemap.xml": _xxe,
    "/bomb-feed.xml": _bomb_feed,
    FLAKY: _flaky,
    "/broken/always-500.html": lambda h, _n: h._send(500, b"oops"),
    "/broken/too-many-requests.html": lambda h, _n: h._send(429, b"slow down",
                                                            headers={"Retry-After": "0"}),
    "/broken/stall.html": _stall,
    "/broken/reset.html": _reset,
    "/broken/drip.html": lambda h, _n: h._stream(_drip()),
    "/broken/loop-a.html": lambda h, _n: h._redirect("/broken/loop-b.html"),
    "/broken/loop-b.html": lambda h, _n: h._redirect("/broken/loop-a.html"),
    "/broken/to-other-host.html": lambda h, _n: h._redirect(f"{h.server.other}/stolen"),
    "/ssrf.html": _ssrf,
    "/broken/to-private.html": lambda h, _n: h._redirect(f"{h.server.private_other}/latest"),
    "/broken/to-file.html": lambda h, _n: h._redirect("file:///etc/passwd"),
    "/broken/endless-headers.html": _endless_headers,
    "/broken/retry-then-offsite.html": _retry_then_offsite,
    "/broken/sitemap-retry-offsite.html": _retry_then_offsite,
    "/offsite-sitemap.xml": _offsite_sitemap,
    "/big-sitemap.xml": lambda h, _n: h._send(200, pages.big_sitemap(h.server.base_url),
                                              "application/xml"),
    "/url-bomb.xml.gz": lambda h, _n: h._send(200, pages.url_bomb(), "application/x-gzip"),
    "/broken/gzip-bomb.html": lambda h, _n: h._send(200, pages.gzip_bomb(),
                                                    headers={"Content-Encoding": "gzip"}),
    "/broken/brotli-bomb.html": lambda h, _n: h._send(200, pages.brotli_bomb(),
                                                      headers={"Content-Encoding": "br"}),
    "/broken/huge.html": lambda h, _n: h._stream(_zeros_lazily(BIG_PAGE), BIG_PAGE),
    "/broken/huge-chunked.html": lambda h, _n: h._stream(_zeros_lazily(BIG_PAGE)),
    "/broken/endless-chunked.html": lambda h, _n: h._stream(_endless()),
    "/broken/binary.html": lambda h, _n: h._send(200, pages.binary_body()),
    "/broken/deep.html": lambda h, _n: h._send(200, pages.deep_html()),
    "/broken/unclosed.html": lambda h, _n: h._send(200, pages.unclosed_html()),
    "/broken/nul.html": lambda h, _n: h._send(200, pages.nul_html()),
    DISALLOWED: lambda h, _n: h._article(GOOD_FIRST),
}
GOOD_FIRST = next(iter(GOOD))


@contextmanager
def serve_fault_site() -> Iterator[tuple[FaultServer, FaultServer, FaultServer]]:
    """(the site on 127.0.0.1, another host on 127.0.0.2, a private port on 127.0.0.1)."""
    pages.gzip_bomb()
    pages.brotli_bomb()  # build the bombs before the crawl starts its clock
    site, other, private = FaultServer("127.0.0.1"), FaultServer("127.0.0.2"), FaultServer()
    site.other, site.private_other = other.base_url, private.base_url
    with running(site), running(other), running(private):
        yield site, other, private
