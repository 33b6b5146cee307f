"""Scrapy's HTTP/1.1 download handler with two guards its Twisted client lacks.

* **Header limits.** ``DOWNLOAD_MAXSIZE`` counts body bytes only: a server that sends header
  lines forever grew the crawl to 2.4 GB in 30 s. Past ``CRAWLER_MAX_HEADER_BYTES`` or
  ``CRAWLER_MAX_HEADER_LINES`` the connection is dropped, the request fails with
  :class:`HeadersTooLarge` (not retried) and ``security/dropped/headers_too_large`` counts it.
* **The address actually connected to.** :class:`~crawler.middlewares.addresses.
  PrivateAddressMiddleware` resolves a host before the request; Twisted resolves it again
  to connect, and a DNS answer may change in between (rebinding). Before a request is
  written on a connection, the peer's address is checked: a non-public peer that is not a
  start host (or ``CRAWLER_ALLOWED_PRIVATE_HOSTS``) fails the request with
  :class:`RefusedAtConnection`, counted as ``security/refused_at_connection/<reason>``.

The hooks are private Scrapy/Twisted classes (``_LenientHTTPClientParser``,
``HTTPConnectionPool._factory``), the same ones Scrapy's own handler uses.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadFailedError, IgnoreRequest
from scrapy.http import Response
from twisted.internet import defer
from twisted.web.client import HTTP11ClientProtocol

from crawler.middlewares.addresses import RefusedAddress, host_port, refusal_reason, start_urls_of
from crawler.stats import inc_stat

logger = logging.getLogger(__name__)


class HeadersTooLarge(IgnoreRequest):
    """The response's header section passed the byte or line limit."""


class RefusedAtConnection(RefusedAddress):
    """The connection's peer is a non-public address the crawl must not contact."""


def _limited_parser(max_bytes: int, max_lines: int) -> type[_LenientHTTPClientParser]:
    """A parser class that stops reading headers past the limits.

    Scrapy swaps the parser's class after creating it (``__class__`` assignment), so the
    subclass may add no ``__init__`` state: the counters are created on first use.
    """

    class LimitedParser(_LenientHTTPClientParser):
        def lineReceived(self, line: bytes) -> None:
            seen = self.__dict__.get("_header_bytes", 0) + len(line) + 2  # with CR LF
            lines = self.__dict__.get("_header_lines", 0) + 1
            self._header_bytes, self._header_lines = seen, lines
            if seen > max_bytes or lines > max_lines:
                # Raised into HTTP11ClientProtocol.dataReceived, which drops the connection
                # and fails the response with this reason.
                raise HeadersTooLarge(
                    f"response headers past {max_bytes} bytes or {max_lines} lines")
            super().lineReceived(line)

    return LimitedParser


class AddressGuard:
    """Which (host, port) pairs may be private; the verdict on a connection's peer."""

    def __init__(self, allowed: set[tuple[str, int]], enabled: bool = True) -> None:
        self.allowed = allowed
        self.enabled = enabled

    def refusal(self, target: tuple[str, int], peer: tuple[str, int]) -> str | None:
        if not self.enabled or target in self.allowed or peer in self.allowed:
            return None
        return refusal_reason(peer[0])


class _GuardedProtocol(_LenientHTTP11ClientProtocol):
    parser_class: type[_LenientHTTPClientParser] = _LenientHTTPClientParser
    guard: AddressGuard = AddressGuard(set(), enabled=False)

    def request(self, request: Any) -> defer.Deferred[Any]:
        reason = self._refusal(request)
        if reason is not None:
            assert self.transport is not None
            self.transport.abortConnection()  # nothing was written on it
            return defer.fail(RefusedAtConnection(reason))
        d: defer.Deferred[Any] = super().request(request)
        assert self._parser is not None
        self._parser.__class__ = self.parser_class
        return d

    def _refusal(self, request: Any) -> str | None:
        uri = getattr(request, "_parsedURI", None)
        transport: Any = self.transport
        peer = transport.getPeer() if transport is not None else None
        if uri is None or peer is None or not hasattr(peer, "host"):
            return None  # not a TCP connection (a test transport): nothing to check
        target = (uri.host.decode("ascii", "replace").lower().strip("[]"), int(uri.port))
        return self.guard.refusal(target, (str(peer.host), int(peer.port)))


class _GuardedFactory(_LenientHTTP11ClientFactory):
    def __init__(self, quiescentCallback: Any, metadata: Any, *,
                 protocol_class: type[_GuardedProtocol]) -> None:
        super().__init__(quiescentCallback, metadata)
        self._protocol_class = protocol_class

    def buildProtocol(self, addr: Any) -> HTTP11ClientProtocol:
        return self._protocol_class(self._quiescentCallback)


class GuardedDownloadHandler(HTTP11DownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https: see the module docstring."""

    lazy = False  # created at start-up, so it sees spider_opened (the start hosts)

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        extra = settings.getlist("CRAWLER_ALLOWED_PRIVATE_HOSTS")
        self.guard = AddressGuard({host_port(f"http://{h}") for h in extra},
                                  settings.getbool("CRAWLER_REFUSE_PRIVATE_ADDRESSES", True))
        protocol = type("GuardedProtocol", (_GuardedProtocol,), {
            "parser_class": _limited_parser(settings.getint("CRAWLER_MAX_HEADER_BYTES"),
                                            settings.getint("CRAWLER_MAX_HEADER_LINES")),
            "guard": self.guard,
        })
        self._pool._factory = partial(_GuardedFactory, protocol_class=protocol)  # type: ignore[assignment]
        self.stats = crawler.stats
        if crawler.spider is not None:
            self.spider_opened(crawler.spider)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    def spider_opened(self, spider: Spider) -> None:
        """Start hosts may be private: the operator chose them."""
        self.guard.allowed |= {host_port(url) for url in start_urls_of(spider)}

    async def download_request(self, request: Request) -> Response:
        try:
            return await super().download_request(request)
        except RefusedAtConnection as exc:
            inc_stat(self.stats, "security", "refused_at_connection", str(exc))
            logger.warning("refused %r at connection: %s address", request.url, exc)
            raise RefusedAtConnection(f"{request.url}: connected to a {exc} address") from None
        except DownloadFailedError as exc:
            too_large = _reason_of(exc, HeadersTooLarge)
            if too_large is None:
                raise
            inc_stat(self.stats, "security", "dropped", "headers_too_large")
            logger.warning("dropped %r: %s", request.url, too_large)
            raise too_large from None


def _reason_of(exc: BaseException, kind: type[Exception]) -> Exception | None:
    """The ``kind`` exception among a Twisted ``ResponseFailed``'s reasons, if any."""
    for failure in getattr(exc.__cause__, "reasons", None) or ():
        if isinstance(failure.value, kind):
            return failure.value
    return None
