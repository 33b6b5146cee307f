"""The ``news`` spider: from home pages, sections, sitemaps, feeds or single articles to
clean article items. It only crawls: extraction runs in :mod:`crawler.pool`, which URLs
are requested is :mod:`crawler.spiders.links`, the crawl state is
:mod:`crawler.state.extension`'s, the per-site summary :mod:`crawler.extensions.summary`'s.

Incremental: URLs that earlier runs exported (the state store, keyed by canonical URL) are
not fetched again unless recent or changed (:mod:`crawler.spiders.freshness`); listing
pages (start URLs, sections, feeds, sitemaps) always are. ``-a since=2026-11-01`` /
``-a days=2`` skip what sitemaps and feeds date earlier, and articles dated earlier.
``-a fresh=1`` ignores the state.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from w3lib.encoding import http_content_type_encoding

from crawler.arguments import SCRAPY_ARGUMENTS, check_settings
from crawler.dates import parse_date, window_start
from crawler.exceptions import BadCrawlInput
from crawler.extraction.evidence import Evidence, apply_evidence
from crawler.extraction.options import ExtractOptions
from crawler.extraction.outcome import (
    FAILED,
    NOT_ARTICLE,
    PAYWALLED,
    TOO_OLD,
    Detection,
    PageFacts,
    detect_outcome,
)
from crawler.extraction.page_types import PageInput, PageResult
from crawler.pool import TIMEOUT_REASON, ExtractionPool
from crawler.sites import Site, load_sites, site_domain, sites_from_urls
from crawler.spiders.discovery import PROBE_MISSING_STATUSES, is_home_page, probe_urls
from crawler.spiders.evidence import META_KEY, entry_evidence
from crawler.spiders.freshness import Freshness
from crawler.spiders.links import LinkPolicy, on_domains
from crawler.spiders.listings import Listing, read_listing
from crawler.spiders.robots import (
    SitemapRobotParser,
    host_sitemaps,
    robots_middleware,
    robots_url,
)
from crawler.spiders.sitemaps import Entry
from crawler.spiders.syndication import JsonTooLarge, read_json_feed
from crawler.state.extension import crawl_state, is_fresh
from crawler.stats import inc_counts, inc_stat
from crawler.urlcanon import url_key

logger = logging.getLogger(__name__)

BAD_INPUT_REASONS = frozenset(
    {"empty", "not_html", "unparsable_html", "extraction_error", "extraction_worker_died"}
)

ENTRY_PRIORITY = 20  # URLs a site lists in its feeds/sitemaps are the surest articles
DISCOVERY_PRIORITY = 30  # feeds and sitemaps themselves first: they list what is new
PROBE_PRIORITY = 25
ARTICLE_ENTRY_KINDS = frozenset({"sitemap", "feed", "json_feed"})
_XML_KINDS = {"urlset": "sitemap", "sitemapindex": "sitemap_index", "feed": "feed"}
_XML_REJECTED = {"unreadable": "xml_too_large_or_broken", "malformed": "malformed_xml",
                 "unknown": "unknown_xml"}


class NewsSpider(scrapy.Spider):
    """``scrapy crawl news -a url="URL [URL ...]"``; without ``url``, the sites file.

    Arguments: ``since`` (a date), ``days`` (a number), ``fresh`` (1 to ignore the state).
    """

    name = "news"
    allowed_domains: list[str]
    incremental = True  # IncrementalPipeline is on for this spider
    arguments = {  # listed by `scrapy crawl news -h`; any other -a name gets a warning
        "url": "start URLs (home or section pages, sitemaps, feeds, articles), "
               "separated by spaces or commas; without it, the sites file",
        "sites": "a sites file (TOML) to crawl instead of CRAWLER_SITES_FILE",
        "since": "skip what is dated before this date (e.g. 2026-11-01)",
        "days": "skip what is dated more than this many days ago (a number, e.g. 2)",
        "fresh": "1: ignore what earlier runs recorded and start a new crawl",
    }

    def __init__(self, url: str | None = None, sites: str | None = None,
                 since: str | None = None, days: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        given = {"url": url, "sites": sites, "since": since, "days": days, **kwargs}
        self.arguments_given = {k: str(v) for k, v in given.items() if v is not None}
        self.url_arg = url
        self.sites_arg = sites
        self.since_arg = since
        self.days_arg = days
        self.sites: dict[str, Site] = {}
        self.pool: ExtractionPool | None = None
        self.probe_feeds = True
        self.now = datetime.now(UTC)
        self.window: datetime | None = None
        self.recheck = timedelta(0)
        self.links = LinkPolicy(self)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        check_settings(settings)
        sites = cls.sites_for(spider.arguments_given, settings)
        spider.sites = {s.name: s for s in sites}
        spider.allowed_domains = sorted({d for s in sites for d in s.all_domains()})
        spider.probe_feeds = settings.getbool("CRAWLER_PROBE_FEEDS", True)
        spider.links = LinkPolicy.from_settings(spider, settings)
        spider._setup_freshness(crawler)
        options = ExtractOptions(min_body_chars=settings.getint("CRAWLER_MIN_BODY_CHARS"),
                                 audit=settings.getbool("CRAWLER_AUDIT"))
        spider.pool = ExtractionPool.from_settings(crawler.settings, options)
        crawler.signals.connect(spider._close_pool, signal=signals.spider_closed)
        return spider

    @classmethod
    def sites_for(cls, arguments: dict[str, str], settings: BaseSettings) -> list[Site]:
        """The sites a crawl with these arguments visits (``-a url`` or the sites file)."""
        if arguments.get("url"):
            return sites_from_urls(arguments["url"])
        return load_sites(arguments.get("sites") or settings.get("CRAWLER_SITES_FILE") or None)

    @classmethod
    def check_arguments(cls, arguments: dict[str, str], settings: BaseSettings) -> None:
        """Raise :class:`BadCrawlInput` (one line) for arguments or settings this spider
        cannot use; ``scrapy crawl`` calls it before starting anything."""
        check_settings(settings)
        cls.sites_for(arguments, settings)
        window_of(arguments, settings, datetime.now(UTC))

    def crawl_identity(self) -> dict[str, Any]:
        """What makes two runs the same crawl: crawler.resume resumes only the same one."""
        ignored = {"fresh", *SCRAPY_ARGUMENTS}
        return {"spider": self.name,
                "sites": [repr(site) for _, site in sorted(self.sites.items())],
                "arguments": {k: v for k, v in sorted(self.arguments_given.items())
                              if k not in ignored}}

    def crawl_description(self) -> str:
        """The crawl in a few words, for the log line that says what is resumed."""
        starts = [u for site in self.sites.values() for u in site.start]
        shown = " ".join(starts[:3]) + (f" and {len(starts) - 3} more" if len(starts) > 3 else "")
        extra = {k: v for k, v in self.crawl_identity()["arguments"].items() if k != "url"}
        return shown + "".join(f", {k}={v}" for k, v in extra.items())

    def _setup_freshness(self, crawler: Crawler) -> None:
        settings = crawler.settings
        start = self.window = window_of(self.arguments_given, settings, self.now)
        fresh = is_fresh(crawler, self)
        self.recheck = timedelta(days=settings.getfloat("CRAWLER_RECHECK_DAYS"))
        if start or fresh:
            logger.info("date window from %s; state %s", start.isoformat() if start else "-",
                        "ignored (fresh)" if fresh else "used")

    @cached_property
    def freshness(self) -> Freshness:
        """Skip decisions on the crawl's state (asked when the crawl runs: the spider is
        built before the extension that owns the state)."""
        state = crawl_state(self.crawler) if hasattr(self, "crawler") else None
        return Freshness(state, self.window, self.recheck, self.now)

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.close()

    async def start(self) -> AsyncIterator[Any]:
        hosts_seen: set[str] = set()
        robots_hosts: list[tuple[str, Site]] = []  # a start URL per host
        for site in self.sites.values():
            for url in site.start:
                self.links.discovered.add(url_key(url))
                yield self.request(url, site, DISCOVERY_PRIORITY, start=True)
                parts = urlsplit(url)
                host = f"{parts.scheme}://{parts.netloc}"
                if host in hosts_seen:
                    continue
                hosts_seen.add(host)
                robots_hosts.append((url, site))
                if self.probe_feeds and is_home_page(url):
                    for probe in self._probes(url, site):
                        yield probe
        async for request in self._robots_sitemaps(robots_hosts):
            yield request

    async def _robots_sitemaps(self, hosts: list[tuple[str, Site]]) -> AsyncIterator[Request]:
        """Follow each host's ``Sitemap:`` lines, read from the robots.txt that Scrapy
        fetches to obey it (fetched once); with ``ROBOTSTXT_OBEY`` off, fetch it here."""
        middleware = robots_middleware(self.crawler)
        if middleware is None:
            for url, site in hosts:
                yield Request(robots_url(url), callback=self.parse_robots,
                              errback=self.on_robots_error,
                              priority=DISCOVERY_PRIORITY, meta={"site": site.name})
            return

        async def read(url: str, site: Site) -> tuple[Site, list[str]]:
            try:
                return site, await host_sitemaps(middleware, url)
            except Exception:  # start() must go on: one host's robots.txt is not worth it
                logger.exception("robots.txt of %s: could not read its sitemaps", url)
                return site, []

        for done in asyncio.as_completed([read(url, site) for url, site in hosts]):
            site, sitemaps = await done
            for request in self.links.follow(sitemaps, site, DISCOVERY_PRIORITY, "robots_sitemap"):
                yield request

    def _probes(self, url: str, site: Site) -> Iterable[Request]:
        for probe in probe_urls(url):
            key = url_key(probe)
            if key not in self.links.discovered:
                self.links.discovered.add(key)
                # A guess: not worth retrying (a host that refuses connections would
                # otherwise cost 3 tries per probe before the crawl can end).
                yield Request(probe, callback=self.parse_probe, errback=self.on_probe_error,
                              priority=PROBE_PRIORITY,
                              meta={"site": site.name, "max_retry_times": 0,
                                    "handle_httpstatus_list": PROBE_MISSING_STATUSES})

    def request(self, url: str, site: Site, priority: int, **meta: Any) -> Request:
        """A request of this spider (callbacks, the site in meta); LinkPolicy asks too."""
        return Request(url, callback=self.parse, errback=self.on_error, priority=priority,
                       meta={"site": site.name, **meta})

    # --- callbacks ---------------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterable[Request]:
        site = self.site_of(response)
        sitemaps = SitemapRobotParser(response.body, self).sitemaps(response.url)
        yield from self.links.follow(sitemaps, site, DISCOVERY_PRIORITY, "robots_sitemap")

    async def parse_probe(self, response: Response) -> AsyncIterator[Any]:
        """A guessed feed URL: used if it is a feed or sitemap, else quietly counted."""
        if response.status >= 400:
            self._stat("discovery", "probe", "missing")
            return
        is_json = response.body.lstrip()[:1] == b"{"
        if not (self._looks_xml(response) or is_json):
            self._stat("discovery", "probe", "not_feed")
            return
        self._stat("discovery", "probe", "found")
        async for out in self.parse(response):
            yield out

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Dispatch on what the body is: sitemap, feed, or HTML page."""
        self._stat("pages", "fetched")
        self._site_stat(response.url, "fetched")
        site = self.site_of(response)
        body = response.body
        if self._looks_xml(response):
            self._outcome(response.url, NOT_ARTICLE, "xml")
            # In a thread: a big sitemap costs seconds of CPU, which must not stall the crawl.
            listing = await maybe_deferred_to_future(deferToThread(read_listing, body))
            for request in self._parse_xml(response, site, listing):
                yield request
            return
        if body.lstrip()[:1] == b"{":
            try:
                entries = read_json_feed(body)
            except JsonTooLarge as exc:
                self._stat("discovery", "rejected", "json_too_large")
                logger.warning("JSON at %r not read: %s", response.url, exc)
                return
            if entries is not None:
                self._outcome(response.url, NOT_ARTICLE, "json_feed")
                for request in self._entries(entries, site, "json_feed", response.url):
                    yield request
                return
        async for out in self._parse_html(response, site):
            yield out

    async def _parse_html(self, response: Response, site: Site) -> AsyncIterator[Any]:
        if not isinstance(response, TextResponse):
            self._stat("pages", "not_article", "not_html")
            self._outcome(response.url, NOT_ARTICLE, "not_html")
            return
        assert self.pool is not None
        declared = http_content_type_encoding(
            (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        )
        result = await self.pool.process(PageInput(response.url, response.body, declared))
        self._count_page(result, response.url)
        wall = detect_outcome(PageFacts(
            response.url, response.status, response.body,
            None if result.article is None else len(result.article.articleBody or "")))
        for request in self.links.follow(result.feeds, site, DISCOVERY_PRIORITY, "feed_link"):
            yield request
        self.links.new_page(start=bool(response.meta.get("start")))
        for request in self.links.follow(result.links, site, None, "link"):
            yield request
        # Links the worker returned for an earlier page of the site: decided on already.
        self._stat("links", "skipped", "duplicate_url", count=result.known_links)
        if wall is not None and (result.article is None or wall.outcome != PAYWALLED):
            self._wall(response.url, wall)  # the "article", if any, is the wall's own text
            return
        if result.article is None:
            failed = result.reason == TIMEOUT_REASON  # the page was lost, not judged
            self._outcome(response.url, FAILED if failed else NOT_ARTICLE,
                          result.reason or "unknown")
            self._not_article(response)
            return
        self._site_stat(response.url, "articles")
        if wall is not None:  # paywalled: the teaser is exported, flagged (outcome counted
            result.article.isAccessibleForFree = False  # when the item is exported/dropped)
            self._stat("walls", wall.outcome, wall.evidence)
        evidence = Evidence.from_meta(response.meta.get(META_KEY))
        for done in apply_evidence(result.article, evidence, self.now):
            self._stat("dates" if "date" in done or "published" in done else "evidence", done)
        if self.freshness.too_old(parse_date(result.article.datePublished)):
            self._site_stat(response.url, "skipped_too_old")
            self._outcome(response.url, TOO_OLD)
            return
        yield result.article

    def _not_article(self, response: Response) -> None:
        """An expected article that is none: remembered, so later runs do not refetch it."""
        if not response.meta.get("candidate") or not hasattr(self, "crawler"):
            return
        self._site_stat(response.url, "rejected", "not_article")
        keys = {response.meta.get("key"), url_key(response.url)}
        crawl_state(self.crawler).mark_seen(key for key in keys if key)

    def _parse_xml(self, response: Response, site: Site,
                   listing: Listing | None = None) -> Iterable[Request]:
        listing = listing or read_listing(response.body)
        if listing.kind in _XML_REJECTED:
            self._stat("discovery", "rejected", _XML_REJECTED[listing.kind])
            log = logger.info if listing.kind == "unknown" else logger.warning
            log("%s XML at %r %s", listing.kind, response.url, listing.error)
            return
        if listing.stopped:
            logger.warning("%r: stopped reading after %d entries (%s)", response.url,
                           len(listing.entries), listing.stopped)
            self._stat("discovery", "truncated", listing.stopped)
        kind = _XML_KINDS[listing.kind]
        priority = DISCOVERY_PRIORITY if kind == "sitemap_index" else ENTRY_PRIORITY
        yield from self._entries(listing.entries, site, kind, response.url, priority)

    def _entries(self, entries: list[Entry], site: Site, kind: str, source: str,
                 priority: int = ENTRY_PRIORITY) -> Iterable[Request]:
        self._stat("discovery", "entries", kind, count=len(entries))
        candidate = kind in ARTICLE_ENTRY_KINDS
        problems: Counter[str] = Counter()
        for entry in entries:
            evidence = entry_evidence(entry, self.now)
            problems.update(evidence.problems)
            try:  # one malformed entry must not lose the rest of the file
                request = self.links.schedule(entry.url, site, priority, kind, candidate=candidate,
                                         evidence=evidence)
            except ValueError:
                self._stat("links", "skipped", "bad_url")
                logger.info("bad URL in %s: %r", source, entry.url)
                continue
            if request is not None:
                yield request
        if problems:
            inc_counts(self.stats, "discovery/bad_date", problems)
            logger.info("%s: dates ignored in %d entries (%s)", source, problems.total(),
                        ", ".join(f"{k}: {n}" for k, n in sorted(problems.items())))

    def on_error(self, failure: Any) -> None:
        """Count a failed download under its exception type; never fatal."""
        self._stat("pages", "failed", type(failure.value).__name__)
        logger.info("download failed: %s (%s)", failure.request.url, failure.value)
        url = failure.request.url
        response = getattr(failure.value, "response", None)
        if isinstance(response, Response):  # an HTTP error status: a block, or a failure
            wall = detect_outcome(PageFacts(url, response.status, response.body))
            if wall is not None:
                self._wall(url, wall)
            else:
                self._outcome(url, FAILED, f"http_{response.status}")
        elif not isinstance(failure.value, IgnoreRequest):  # refused requests were not fetched
            self._outcome(url, FAILED, type(failure.value).__name__)

    def on_robots_error(self, failure: Any) -> None:
        """No robots.txt (404…) or it failed: the site lists no sitemaps there; counted."""
        self._stat("discovery", "robots", "missing")
        logger.debug("no robots.txt: %s (%s)", failure.request.url, failure.value)

    def on_probe_error(self, failure: Any) -> None:
        """A guessed feed URL failed (robots.txt, 5xx…): expected, so only counted."""
        self._stat("discovery", "probe", "failed")
        logger.debug("feed probe failed: %s (%s)", failure.request.url, failure.value)

    # --- helpers -------------------------------------------------------------------------

    def site_of(self, response: Response) -> Site:
        """The site a response belongs to: from its request's meta, else (a response from
        `scrapy parse` or `scrapy shell`, which make their own requests) by its host."""
        name = response.meta.get("site")
        if name in self.sites:
            return self.sites[name]
        for site in self.sites.values():
            if on_domains(response.url, site.all_domains()):
                return site
        site = sites_from_urls(response.url)[0]
        self.sites.setdefault(site.name, site)
        self.allowed_domains = sorted({*self.allowed_domains, *site.all_domains()})
        return site

    @staticmethod
    def _looks_xml(response: Response) -> bool:
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        head = maybe_head(response.body)
        return ("xml" in ctype and "html" not in ctype) or head.startswith((b"<?xml", b"<urlset",
                                                                          b"<sitemapindex",
                                                                          b"<rss", b"<feed"))

    def _count_page(self, result: PageResult, url: str) -> None:
        if result.article is not None:
            self._stat("pages", "article")
        elif result.reason == TIMEOUT_REASON:  # the worker was replaced; the page is lost
            self._stat("pages", "failed", TIMEOUT_REASON)
            logger.warning("extraction past its CPU limit (CRAWLER_EXTRACT_CPU_LIMIT): %s", url)
        else:
            reason = result.reason or "unknown"
            self._stat("pages", "not_article", reason)
            # Bad input is worth a line in the log; an ordinary listing page is not.
            log = logger.warning if reason in BAD_INPUT_REASONS else logger.debug
            log("not an article (%s): %s", reason, url)
        if result.encoding_repair:
            self._stat("encoding", "decoded", result.encoding_repair)
        for kind in result.html_repairs:
            self._stat("encoding", "repaired_html", kind)
        inc_counts(self.stats, "chrome/pruned", result.pruned)

    @property
    def stats(self) -> Any:
        return self.crawler.stats if hasattr(self, "crawler") else None

    def _stat(self, *parts: str, count: int = 1) -> None:
        inc_stat(self.stats, *parts, count=count)

    def _site_stat(self, url: str, *parts: str) -> None:
        inc_stat(self.stats, "site", site_domain(url), *parts)

    def _outcome(self, url: str, *outcome: str) -> None:
        """The one outcome of a fetched page, in total and per site (see
        crawler.extraction.outcome; exported items are counted by crawler.monitoring)."""
        inc_stat(self.stats, "outcome", *outcome)
        self._site_stat(url, "outcome", *outcome)

    def _wall(self, url: str, wall: Detection) -> None:
        self._outcome(url, wall.outcome)
        self._stat("walls", wall.outcome, wall.evidence)
        logger.info("%s (%s): %s", wall.outcome.replace("_", " "), wall.evidence, url)


def window_of(arguments: dict[str, str], settings: BaseSettings, now: datetime) -> datetime | None:
    """The date window's start from ``-a since/days`` or the settings; BadCrawlInput if bad."""
    since = arguments.get("since") or settings.get("CRAWLER_SINCE") or None
    days = arguments.get("days") or settings.get("CRAWLER_DAYS") or None
    if days is not None:
        try:
            float(days)
        except (TypeError, ValueError):
            raise BadCrawlInput(f"days={days!r} is not a number of days (e.g. 2)") from None
    try:
        return window_start(since, days, now)
    except (ValueError, OverflowError) as exc:
        raise BadCrawlInput(str(exc)) from None


def maybe_head(body: bytes) -> bytes:
    """The first bytes of a body, decompressed if gzip (sitemap.xml.gz)."""
    if body.startswith(b"\x1f\x8b"):
        return b"<?xml"
    return body[:256].lstrip(b"\xef\xbb\xbf \t\r\n")
