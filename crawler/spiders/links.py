"""Link policy: which discovered URLs the news spider requests, at what priority.

One class decides for every URL, wherever it was found (page links, feed links, sitemap
and feed entries, robots.txt ``Sitemap:`` lines): refused (bad URL, scheme, off the
site's domains, the site's rules, traps: :mod:`crawler.spiders.linkscore`), already
decided on, skipped before fetching (date window, exported earlier:
:mod:`crawler.spiders.freshness`), over a fan-out cap or the site's page budget. Every
refusal is counted under ``links/skipped/<reason>``, every request under
``links/queued/<kind>``; per-site ``discovered`` and ``skipped_*`` counts feed the
end-of-crawl summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.settings import BaseSettings

from crawler.extraction.evidence import Evidence
from crawler.sites import Site, site_domain
from crawler.spiders.evidence import META_KEY
from crawler.spiders.freshness import SEEN, Freshness
from crawler.spiders.linkscore import ARTICLE_PRIORITY, FanoutLimiter, link_priority, skip_reason
from crawler.stats import inc_stat
from crawler.urlcanon import url_key


def on_domains(url: str, domains: Iterable[str]) -> bool:
    """Is ``url``'s host one of ``domains`` or a subdomain of one? (The host, not the netloc:
    a port or user part does not change the site; Scrapy's ``url_is_from_any_domain``
    compares the netloc.)"""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


class Crawl(Protocol):
    """What the policy asks of the spider it decides for."""

    allowed_domains: list[str]

    @property
    def freshness(self) -> Freshness: ...

    @property
    def stats(self) -> Any: ...

    def request(self, url: str, site: Site, priority: int, **meta: Any) -> Request: ...


class LinkPolicy:
    """Turns discovered URLs into requests, or into counted refusals (see the module)."""

    def __init__(self, crawl: Crawl, *, max_pages_per_site: int = 0,
                 max_archive_pages: int = 0, fanout: FanoutLimiter | None = None) -> None:
        self.crawl = crawl
        self.max_pages_per_site = max_pages_per_site
        self.max_archive_pages = max_archive_pages
        self.fanout = fanout or FanoutLimiter(0, 0)
        self.pages_per_site: Counter[str] = Counter()
        self.discovered: set[str] = set()  # url keys met in this run
        self.links_considered: set[str] = set()  # link strings already decided on
        self.skipped_seen: set[str] = set()  # url keys skipped as exported before (this run)

    @classmethod
    def from_settings(cls, crawl: Crawl, settings: BaseSettings) -> LinkPolicy:
        return cls(crawl, max_pages_per_site=settings.getint("CRAWLER_MAX_PAGES_PER_SITE"),
                   max_archive_pages=settings.getint("CRAWLER_MAX_ARCHIVE_PAGES"),
                   fanout=FanoutLimiter(settings.getint("CRAWLER_MAX_URLS_PER_PATTERN"),
                                        settings.getint("CRAWLER_MAX_NEW_LINKS_PER_PAGE")))

    def follow(self, urls: Iterable[str], site: Site, priority: int | None,
               kind: str) -> Iterable[Request]:
        """Requests for links (``kind``: ``link``, ``feed_link``, ``robots_sitemap``…);
        ``priority`` None: by the URL's shape (article-like first)."""
        repeated = 0
        for url in urls:
            # Menus and related lists repeat on every page: a URL string already decided on
            # costs one set lookup (and one stats call a page), not canonicalisation,
            # regexes and a Request.
            if url in self.links_considered:
                repeated += 1
                continue
            self.links_considered.add(url)
            shape = link_priority(url)
            candidate = kind == "link" and shape == ARTICLE_PRIORITY
            chosen = shape if priority is None else priority
            request = self.schedule(url, site, chosen, kind, candidate=candidate,
                                    evidence=Evidence())
            if request is not None:
                yield request
        self._stat("links", "skipped", "duplicate_url", count=repeated)

    def schedule(self, url: str, site: Site, priority: int, kind: str, *, candidate: bool,
                 evidence: Evidence) -> Request | None:
        """A request for ``url``, or None (counted under ``links/skipped/<reason>``).
        ``candidate``: expected to be an article; ``evidence``: what a sitemap/feed said."""
        reason = self.refuse(url, site)
        key = url_key(url)
        # Skipped as exported before, and now a sitemap/feed dates a change: decide again,
        # whatever came first (a section page often links it before the sitemap is read).
        again = key in self.skipped_seen and evidence.lastmod is not None
        if reason is None and key in self.discovered and not again:
            reason = "duplicate_url"
        if reason:
            self._stat("links", "skipped", reason)
            return None
        if not again:
            self.discovered.add(key)
            self._site_stat(url, "discovered")
        skip = self.crawl.freshness.skip_reason(url, evidence, candidate)
        if skip:
            if not again:
                self._site_stat(url, f"skipped_{skip}")
            if skip == SEEN:
                self.skipped_seen.add(key)
            return None
        capped = self.fanout.refuse(url) if kind == "link" else None
        if capped:
            self._stat("links", "skipped", capped)
            return None
        if again:
            self.skipped_seen.discard(key)
            inc_stat(self.crawl.stats, "site", site_domain(url), "skipped_seen", count=-1)
            self._stat("discovery", "refetch_announced_change")
        budget = self.max_pages_per_site
        if budget and self.pages_per_site[site.name] >= budget:
            self._stat("links", "skipped", "site_page_budget")
            return None
        self.pages_per_site[site.name] += 1
        self._stat("links", "queued", kind)
        return self.crawl.request(url, site, priority, key=key, candidate=candidate,
                                  **{META_KEY: evidence.to_meta()})

    def refuse(self, url: str, site: Site) -> str | None:
        """Why ``url`` is never requested, or None."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 (a port out of range raises here, not in one entry's Request)
        except ValueError:
            return "bad_url"
        if parts.scheme not in {"http", "https"}:
            return "scheme"
        # The host rule of SiteBoundaryMiddleware (Scrapy's offsite check), applied before
        # a request exists so that the refusal is counted as a link skipped.
        if not on_domains(url, self.crawl.allowed_domains):
            return "offsite"
        if not site.url_allowed(url):
            return "denied_by_site_rules"
        return skip_reason(url, self.max_archive_pages)

    def new_page(self, *, start: bool) -> None:
        """A page's links follow: the per-page fan-out cap starts again."""
        self.fanout.new_page(start=start)

    def _stat(self, *parts: str, count: int = 1) -> None:
        inc_stat(self.crawl.stats, *parts, count=count)

    def _site_stat(self, url: str, *parts: str) -> None:
        inc_stat(self.crawl.stats, "site", site_domain(url), *parts)


