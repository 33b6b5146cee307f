"""The one owner of a crawl's state store: opens it once, flushes it, closes it.

The spider (skip decisions, pages that were no article), the incremental pipeline (what was
exported) and feed recovery (records of a killed run) all ask this extension, reached with
:func:`crawl_state`; none of them opens, flushes or closes the store. Writes are made
durable every ``CRAWLER_STATE_FLUSH_ITEMS`` writes or ``CRAWLER_STATE_FLUSH_SECONDS``
seconds, and when the spider closes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.state.base import StateStore, UrlRecord
from crawler.state.factory import open_state_store


def is_fresh(crawler: Crawler, spider: Any = None) -> bool:
    """``-a fresh=1`` or ``CRAWLER_FRESH``: ignore what earlier runs recorded (they are
    still recorded, for the next run). ``spider`` defaults to the crawler's."""
    arg = str(getattr(spider or crawler.spider, "fresh", "") or "").lower()
    return crawler.settings.getbool("CRAWLER_FRESH") or arg in {"1", "true", "yes", "on"}


class CrawlState:
    """Extension (``EXTENSIONS``): the crawl's :class:`~crawler.state.base.StateStore`.

    The store is opened on first use, so a run that never asks (``scrapy extract``)
    leaves no state file behind."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.flush_items = max(1, settings.getint("CRAWLER_STATE_FLUSH_ITEMS", 50))
        self.flush_seconds = settings.getfloat("CRAWLER_STATE_FLUSH_SECONDS", 5.0)
        self.pending = 0
        self.last_flush = time.monotonic()
        self._store: StateStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlState:
        ext = cls(crawler)
        crawler.signals.connect(ext.close, signal=signals.spider_closed)
        return ext

    @property
    def store(self) -> StateStore:
        if self._store is None:
            self._store = open_state_store(self.crawler.settings)
        return self._store

    @property
    def fresh(self) -> bool:
        return is_fresh(self.crawler)

    def previous(self) -> StateStore | None:
        """What earlier runs recorded, or None when this run ignores it (fresh)."""
        return None if self.fresh else self.store

    def get(self, key: str) -> UrlRecord | None:
        """What earlier runs (and this one) recorded for ``key``; None in a fresh run."""
        store = self.previous()
        return None if store is None else store.get(key)

    def mark_exported(self, keys: Iterable[str], content_hash: str,
                      published: str | None) -> None:
        for key in keys:
            self.store.mark_exported(key, content_hash, published)
        self._wrote()

    def mark_seen(self, keys: Iterable[str]) -> None:
        """Fetched, no article: a later run does not fetch these keys again."""
        for key in keys:
            self.store.mark_seen(key)
        self._wrote()

    def _wrote(self) -> None:
        self.pending += 1
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if self.pending >= self.flush_items or due:
            self.flush()

    def flush(self) -> None:
        """Make every write so far durable."""
        if self._store is not None:
            self._store.flush()
        self.pending = 0
        self.last_flush = time.monotonic()

    def close(self) -> None:
        """At spider close (after the pipelines closed): flush and close the store."""
        if self._store is not None:
            self._store.close()
            self._store = None


def crawl_state(crawler: Crawler) -> CrawlState:
    """The crawl's :class:`CrawlState` (callable once the extensions are built: from the
    pipelines' ``from_crawler`` on, or in the spider once the crawl started)."""
    state = crawler.get_extension(CrawlState)
    if state is None:
        raise RuntimeError("crawler.state.extension.CrawlState is not in EXTENSIONS")
    return state
