"""Incremental export: an article goes to the feed only if new or changed since the last run.

Runs last (after validation). An item whose URL an earlier run exported with the same
``contentHash`` is dropped (``AlreadyExported``); a changed one passes with ``dateModified``
set (the download time, when the page gave none). The export is recorded on
``item_scraped``, i.e. after the feed exporter has written the line (it is connected first),
and made durable by ``flush()`` every ``CRAWLER_STATE_FLUSH_ITEMS`` items or
``CRAWLER_STATE_FLUSH_SECONDS`` seconds and when the spider closes.
"""

from __future__ import annotations

import time
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import AlreadyExported
from crawler.pipelines.duplicates import content_hash
from crawler.sites import site_domain
from crawler.state.base import StateStore
from crawler.state.factory import crawler_state_store, is_fresh
from crawler.stats import inc_stat
from crawler.urlcanon import url_key


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
    """Drops what earlier runs exported unchanged; records what this run exports."""

    def __init__(self, store: StateStore, stats: StatsCollector, fresh: bool,
                 flush_items: int, flush_seconds: float) -> None:
        self.store = store
        self.stats = stats
        self.fresh = fresh
        self.flush_items = max(1, flush_items)
        self.flush_seconds = flush_seconds
        self.pending = 0
        self.last_flush = time.monotonic()
        self.this_run: dict[str, str] = {}  # key -> content hash exported in this run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalPipeline:
        # Only crawls are incremental: `scrapy extract` must output a page every time.
        if not getattr(crawler.spidercls, "incremental", False):
            raise NotConfigured  # no message: Scrapy would log it as a warning on every extract
        assert crawler.stats is not None
        settings = crawler.settings
        pipe = cls(crawler_state_store(crawler), crawler.stats, is_fresh(crawler),
                   settings.getint("CRAWLER_STATE_FLUSH_ITEMS"),
                   settings.getfloat("CRAWLER_STATE_FLUSH_SECONDS"))
        crawler.signals.connect(pipe.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipe.item_dropped, signal=signals.item_dropped)
        return pipe

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        digest = self._hash(adapter)
        key = url_key(adapter["url"])
        if self.this_run.get(key) == digest:
            raise AlreadyExported(f"exported earlier in this run: {adapter['url']}")
        record = None if self.fresh else self.store.get(key)
        if record is None or not record.content_hash:
            return item
        if record.content_hash == digest:
            inc_stat(self.stats, "site", site_domain(adapter["url"]), "unchanged")
            raise AlreadyExported(f"unchanged since the last export: {adapter['url']}")
        inc_stat(self.stats, "incremental", "changed")
        if not adapter.get("dateModified"):
            downloaded = (adapter.get("metadata") or {}).get("dateDownloaded")
            if downloaded:
                adapter["dateModified"] = downloaded
        return item

    @staticmethod
    def _hash(adapter: ItemAdapter) -> str:
        metadata = adapter.get("metadata") or {}
        return str(metadata.get("contentHash") or content_hash(adapter.get("articleBody") or ""))

    def item_scraped(self, item: Any, response: Response | None = None) -> None:
        """The feed has the line: record the export."""
        adapter = ItemAdapter(item)
        digest = self._hash(adapter)
        for key in item_keys(adapter, response):
            self.store.mark_exported(key, digest, adapter.get("datePublished"))
            self.this_run[key] = digest
        inc_stat(self.stats, "site", site_domain(adapter["url"]), "exported")
        self._wrote()

    def item_dropped(self, item: Any, exception: BaseException,
                     response: Response | None = None) -> None:
        """Dropped articles are remembered as seen, so later runs do not refetch them."""
        adapter = ItemAdapter(item)
        if isinstance(exception, AlreadyExported) or "url" not in adapter:
            return
        inc_stat(self.stats, "site", site_domain(adapter["url"]), "rejected",
                 type(exception).__name__)
        for key in item_keys(adapter, response):
            self.store.mark_seen(key)
        self._wrote()

    def _wrote(self) -> None:
        self.pending += 1
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if self.pending >= self.flush_items or due:
            self.flush()

    def flush(self) -> None:
        self.store.flush()
        self.pending = 0
        self.last_flush = time.monotonic()

    def close_spider(self) -> None:
        self.flush()
