"""The export guard: the one place that decides an article was "already exported".

Runs last (after validation). An item is dropped (``AlreadyExported``) when

* this run exported the same body under one of its keys (URL, canonical URL, requested URL);
* an earlier run exported it with the same ``contentHash`` (the state store; not in a
  fresh run); a changed one passes with ``dateModified`` set (the download time, when the
  page gave none);
* this crawl exported it before a crash, or another worker of a distributed crawl did (the
  export ledger, :mod:`crawler.resume.exportonce`; only for resumable crawls).

The export is recorded on ``item_scraped``, i.e. after the feed exporter has written the
line (it is connected first), in the state store (:mod:`crawler.state.extension`, which
makes it durable) and in the ledger.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import AlreadyExported
from crawler.export.recovery import record_key
from crawler.hashing import content_hash
from crawler.resume.exportonce import Ledger, open_ledger, recover_into
from crawler.resume.scheduler import resume_enabled
from crawler.sites import site_domain
from crawler.state.base import StateStore
from crawler.state.extension import CrawlState, crawl_state
from crawler.stats import inc_stat
from crawler.urlcanon import url_key

logger = logging.getLogger(__name__)


def item_keys(adapter: ItemAdapter, response: Response | None = None) -> list[str]:
    """State keys of an item: its URL, its ``canonicalUrl`` and the URL that was requested
    (before redirects), so that any of them is skipped next time."""
    keys = [url_key(adapter["url"])]
    canonical = adapter.get("canonicalUrl")
    if canonical and url_key(canonical).partition("/")[2]:  # a home-page canonical is a bug
        keys.append(url_key(canonical))
    requested = response.meta.get("key") if response is not None else None
    if requested:
        keys.append(requested)
    return list(dict.fromkeys(keys))


class IncrementalPipeline:
    """Drops what was exported already (see the module); records what this run exports."""

    def __init__(self, crawler: Crawler, state: CrawlState, stats: StatsCollector, *,
                 incremental: bool) -> None:
        self.crawler = crawler
        self.state = state
        self.stats = stats
        self.incremental = incremental
        self.ledger: Ledger | None = None
        self.this_run: dict[str, str] = {}  # key -> content hash exported in this run
        self.claimed: set[str] = set()  # ledger keys passed, line maybe not yet written

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalPipeline:
        # Only crawls are incremental: `scrapy extract` must output a page every time.
        incremental = bool(getattr(crawler.spidercls, "incremental", False))
        if not incremental and not resume_enabled(crawler, crawler.spidercls.name):
            raise NotConfigured  # no message: Scrapy would log it as a warning on every extract
        assert crawler.stats is not None
        pipe = cls(crawler, crawl_state(crawler), crawler.stats, incremental=incremental)
        crawler.signals.connect(pipe.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipe.item_dropped, signal=signals.item_dropped)
        return pipe

    @property
    def store(self) -> StateStore:
        return self.state.store

    def open_spider(self) -> None:
        """A resumable crawl: open its ledger and recover the feeds a killed run left
        (before the feed exporter opens this run's: pipelines open first)."""
        spider = self.crawler.spider
        assert spider is not None
        if resume_enabled(self.crawler, spider.name):
            self.ledger = open_ledger(self.crawler, spider)
            recover_into(self.crawler, self.ledger, self.state)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if self.incremental:
            self._incremental(adapter)
        if self.ledger is not None:
            key = record_key(adapter)
            if key in self.claimed or not self.ledger.claim(key):
                raise AlreadyExported(f"exported before in this crawl: {key}")
            self.claimed.add(key)
        return item

    def _incremental(self, adapter: ItemAdapter) -> None:
        digest = self._hash(adapter)
        key = url_key(adapter["url"])
        if self.this_run.get(key) == digest:
            raise AlreadyExported(f"exported earlier in this run: {adapter['url']}")
        record = self.state.get(key)
        if record is None or not record.content_hash:
            return
        if record.content_hash == digest:
            inc_stat(self.stats, "site", site_domain(adapter["url"]), "unchanged")
            raise AlreadyExported(f"unchanged since the last export: {adapter['url']}")
        inc_stat(self.stats, "incremental", "changed")
        if not adapter.get("dateModified"):
            downloaded = (adapter.get("metadata") or {}).get("dateDownloaded")
            if downloaded:
                adapter["dateModified"] = downloaded

    @staticmethod
    def _hash(adapter: ItemAdapter) -> str:
        metadata = adapter.get("metadata") or {}
        return str(metadata.get("contentHash") or content_hash(adapter.get("articleBody") or ""))

    def item_scraped(self, item: Any, response: Response | None = None) -> None:
        """The feed has the line: record the export."""
        adapter = ItemAdapter(item)
        if self.ledger is not None:
            self.ledger.mark_exported([record_key(adapter)])
        if not self.incremental:
            return
        digest = self._hash(adapter)
        keys = item_keys(adapter, response)
        self.state.mark_exported(keys, digest, adapter.get("datePublished"))
        self.this_run.update(dict.fromkeys(keys, digest))
        inc_stat(self.stats, "site", site_domain(adapter["url"]), "exported")

    def item_dropped(self, item: Any, exception: BaseException,
                     response: Response | None = None) -> None:
        """Dropped articles are remembered as seen, so later runs do not refetch them."""
        adapter = ItemAdapter(item)
        if not self.incremental or isinstance(exception, AlreadyExported) or "url" not in adapter:
            return
        inc_stat(self.stats, "site", site_domain(adapter["url"]), "rejected",
                 type(exception).__name__)
        self.state.mark_seen(item_keys(adapter, response))

    def close_spider(self) -> None:
        self.state.flush()
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
