"""The ``news`` spider: from home pages, sections, sitemaps, feeds or single articles to
clean article items. It only crawls; extraction runs in :mod:`crawler.pool`."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from w3lib.encoding import http_content_type_encoding

from crawler.extraction import ExtractOptions, PageInput, PageResult
from crawler.pool import ExtractionPool
from crawler.sites import Site, load_sites, sites_from_urls
from crawler.spiders.feeds import read_json_feed, read_xml_feed
from crawler.spiders.linkscore import link_priority, skip_reason
from crawler.spiders.sitemaps import Entry, read_sitemap, robots_sitemaps
from crawler.spiders.xmlsafe import maybe_gunzip, parse_xml
from crawler.stats import inc_counts, inc_stat

logger = logging.getLogger(__name__)

ENTRY_PRIORITY = 20  # URLs a site lists in its feeds/sitemaps are the surest articles
DISCOVERY_PRIORITY = 30  # feeds and sitemaps themselves first: they list what is new


class NewsSpider(scrapy.Spider):
    """``scrapy crawl news -a url="URL [URL ...]"``; without ``url``, the sites file."""

    name = "news"
    allowed_domains: list[str]

    def __init__(self, url: str | None = None, sites: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_arg = url
        self.sites_arg = sites
        self.sites: dict[str, Site] = {}
        self.pool: ExtractionPool | None = None
        self.max_pages_per_site = 0
        self.pages_per_site: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if spider.url_arg:
            sites = sites_from_urls(spider.url_arg)
        else:
            sites = load_sites(spider.sites_arg or settings.get("CRAWLER_SITES_FILE") or None)
        spider.sites = {s.name: s for s in sites}
        spider.allowed_domains = sorted({d for s in sites for d in s.all_domains()})
        spider.max_pages_per_site = settings.getint("CRAWLER_MAX_PAGES_PER_SITE")
        options = ExtractOptions(min_body_chars=settings.getint("CRAWLER_MIN_BODY_CHARS"))
        spider.pool = ExtractionPool(settings.getint("CRAWLER_EXTRACT_WORKERS"), options)
        crawler.signals.connect(spider._close_pool, signal=signals.spider_closed)
        return spider

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.close()

    async def start(self) -> AsyncIterator[Any]:
        robots_seen: set[str] = set()
        for site in self.sites.values():
            for url in site.start:
                yield self._request(url, site, DISCOVERY_PRIORITY, start=True)
                parts = urlsplit(url)
                robots = f"{parts.scheme}://{parts.netloc}/robots.txt"
                if robots not in robots_seen:
                    robots_seen.add(robots)
                    yield Request(robots, callback=self.parse_robots, priority=DISCOVERY_PRIORITY,
                                  meta={"site": site.name}, errback=self.on_error)

    def _request(self, url: str, site: Site, priority: int, **meta: Any) -> Request:
        return Request(url, callback=self.parse, errback=self.on_error, priority=priority,
                       meta={"site": site.name, **meta})

    # --- callbacks ---------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterable[Request]:
        site = self.sites[response.meta["site"]]
        text = response.text if isinstance(response, TextResponse) else ""
        for url in robots_sitemaps(text):
            yield from self._follow([url], site, DISCOVERY_PRIORITY, "robots_sitemap")

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Dispatch on what the body is: sitemap, feed, or HTML page."""
        self._stat("pages", "fetched")
        site = self.sites[response.meta["site"]]
        body = response.body
        if self._looks_xml(response):
            for request in self._parse_xml(response, site):
                yield request
            return
        if body.lstrip()[:1] == b"{":
            entries = read_json_feed(body)
            if entries is not None:
                for request in self._entries(entries, site, "json_feed"):
                    yield request
                return
        async for out in self._parse_html(response, site):
            yield out

    async def _parse_html(self, response: Response, site: Site) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            self._stat("pages", "not_article", "not_html")
            return
        assert self.pool is not None
        declared = http_content_type_encoding(
            (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        )
        result = await self.pool.process(PageInput(response.url, response.body, declared))
        self._count_page(result)
        for request in self._follow(result.feeds, site, DISCOVERY_PRIORITY, "feed_link"):
            yield request
        for request in self._follow(result.links, site, None, "link"):
            yield request
        if result.article is not None:
            yield result.article

    def _parse_xml(self, response: Response, site: Site) -> Iterable[Request]:
        try:
            root = parse_xml(maybe_gunzip(response.body))
        except ValueError as exc:
            logger.warning("unreadable XML at %s: %s", response.url, exc)
            self._stat("discovery", "rejected", "xml_too_large_or_broken")
            return
        if root is None:
            self._stat("discovery", "rejected", "malformed_xml")
            logger.warning("malformed XML at %s", response.url)
            return
        sitemap = read_sitemap(root)
        if sitemap is not None:
            kind = "sitemap_index" if sitemap.kind == "sitemapindex" else "sitemap"
            priority = DISCOVERY_PRIORITY if kind == "sitemap_index" else ENTRY_PRIORITY
            yield from self._entries(sitemap.entries, site, kind, priority)
            return
        entries = read_xml_feed(root)
        if entries is None:
            self._stat("discovery", "rejected", "unknown_xml")
            return
        yield from self._entries(entries, site, "feed")

    def _entries(
        self, entries: list[Entry], site: Site, kind: str, priority: int = ENTRY_PRIORITY
    ) -> Iterable[Request]:
        self._stat("discovery", "entries", kind, count=len(entries))
        yield from self._follow([e.url for e in entries], site, priority, kind)

    def on_error(self, failure: Any) -> None:
        """Count a failed download under its exception type; never fatal."""
        self._stat("pages", "failed", type(failure.value).__name__)
        logger.info("download failed: %s (%s)", failure.request.url, failure.value)

    # --- helpers -------------------------------------------------------------------------

    def _follow(
        self, urls: Iterable[str], site: Site, priority: int | None, kind: str
    ) -> Iterable[Request]:
        for url in urls:
            reason = self._refuse(url, site)
            if reason:
                self._stat("links", "skipped", reason)
                continue
            self.pages_per_site[site.name] += 1
            self._stat("links", "queued", kind)
            yield self._request(url, site, link_priority(url) if priority is None else priority)

    def _refuse(self, url: str, site: Site) -> str | None:
        if urlsplit(url).scheme not in {"http", "https"}:
            return "scheme"
        if not self._on_site(url):
            return "offsite"
        if not site.url_allowed(url):
            return "denied_by_site_rules"
        budget = self.max_pages_per_site
        if budget and self.pages_per_site[site.name] >= budget:
            return "site_page_budget"
        return skip_reason(url)

    def _on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    @staticmethod
    def _looks_xml(response: Response) -> bool:
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        head = maybe_head(response.body)
        return ("xml" in ctype and "html" not in ctype) or head.startswith((b"<?xml", b"<urlset",
                                                                          b"<sitemapindex",
                                                                          b"<rss", b"<feed"))

    def _count_page(self, result: PageResult) -> None:
        if result.article is not None:
            self._stat("pages", "article")
        else:
            self._stat("pages", "not_article", result.reason or "unknown")
        if result.encoding_repair:
            self._stat("encoding", "decoded", result.encoding_repair)
        stats = self.crawler.stats if hasattr(self, "crawler") else None
        inc_counts(stats, "chrome/pruned", result.pruned)

    def _stat(self, *parts: str, count: int = 1) -> None:
        stats = self.crawler.stats if hasattr(self, "crawler") else None
        inc_stat(stats, *parts, count=count)


def maybe_head(body: bytes) -> bytes:
    """The first bytes of a body, decompressed if gzip (sitemap.xml.gz)."""
    if body.startswith(b"\x1f\x8b"):
        return b"<?xml"
    return body[:256].lstrip(b"\xef\xbb\xbf \t\r\n")
