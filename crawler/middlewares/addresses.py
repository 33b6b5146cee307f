"""Refuse requests to non-public addresses, checked after DNS resolution.

A page (or a redirect) may point the crawler at ``http://169.254.169.254/`` (cloud metadata),
``http://localhost:6379/`` or a router on ``192.168.0.1``: a crawl that starts on public
sites must never fetch those. A crawl whose start URL *is* on such a host (a test server,
an intranet site) may fetch exactly that host and port, nothing else private.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from crawler.stats import inc_stat

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(IgnoreRequest):
    """The request's host resolves to an address the crawl must not contact."""


def refusal_reason(address: str) -> str | None:
    """Why ``address`` (an IP literal) must not be fetched, or None if it is public."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparsable_address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    # Order matters: the most specific reason first (loopback is also "private").
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link_local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("not_global", not ip.is_global),  # shared (CGNAT), documentation, benchmarking
    )
    return next((reason for reason, hit in checks if hit), None)


def host_port(url: str) -> tuple[str, int]:
    """(lower-case host, port with the scheme's default) of a URL."""
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    try:
        port = parts.port or default
    except ValueError:
        port = default
    return (parts.hostname or "").lower(), port


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (blocking: run it in a thread)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def decide(addresses: Iterable[str]) -> str | None:
    """The first refusal reason among ``addresses`` (one bad address taints the host)."""
    return next((r for a in addresses if (r := refusal_reason(a)) is not None), None)


class PrivateAddressMiddleware:
    """Downloader middleware: ``security/refused/<reason>`` for every refused request."""

    def __init__(self, stats: StatsCollector | None, allowed: set[tuple[str, int]],
                 ttl: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stats = stats
        self.allowed = set(allowed)
        self.ttl = ttl
        self.clock = clock
        # (verdict, when it expires): a host's DNS answer may change during a long crawl.
        self._verdicts: dict[tuple[str, int], tuple[str | None, float]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        if not crawler.settings.getbool("CRAWLER_REFUSE_PRIVATE_ADDRESSES", True):
            raise NotConfigured("CRAWLER_REFUSE_PRIVATE_ADDRESSES is off")
        extra = crawler.settings.getlist("CRAWLER_ALLOWED_PRIVATE_HOSTS")
        mw = cls(crawler.stats, {host_port(f"http://{h}") for h in extra},
                 crawler.settings.getfloat("CRAWLER_ADDRESS_VERDICT_TTL", 300.0))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        """Allow the hosts of the spider's start URLs (they were chosen by the operator)."""
        self.allowed |= {host_port(url) for url in start_urls_of(spider)}

    async def process_request(self, request: Request) -> None:
        key = host_port(request.url)
        if not key[0] or key in self.allowed or urlsplit(request.url).scheme not in _NETWORK:
            return
        reason = await self._verdict(key)
        if reason is not None:
            inc_stat(self.stats, "security", "refused", reason)
            logger.warning("refused %s: %s address", request.url, reason)
            raise RefusedAddress(f"{request.url}: host resolves to a {reason} address")

    async def _verdict(self, key: tuple[str, int]) -> str | None:
        # Cached per host for ``ttl`` seconds: one lookup per host, not per request. The
        # download handler checks the address actually connected to as well.
        cached = self._verdicts.get(key)
        if cached is not None and cached[1] > self.clock():
            return cached[0]
        try:
            addresses = await maybe_deferred_to_future(deferToThread(resolve, *key))
        except OSError:
            addresses = []  # unresolvable: let the download fail and be counted as such
        verdict = decide(addresses)
        self._verdicts[key] = (verdict, self.clock() + self.ttl)
        return verdict


_NETWORK = {"http", "https"}


def start_urls_of(spider: Spider) -> list[str]:
    """Start URLs of our news spider (``sites``) or of any spider (``start_urls``)."""
    urls: list[str] = list(getattr(spider, "start_urls", []) or [])
    sites: Any = getattr(spider, "sites", None)
    if isinstance(sites, dict):
        for site in sites.values():
            urls.extend(getattr(site, "start", ()))
    return urls
