"""Exactly-once export across crashes: recover orphaned feeds, never write a record twice.

At open, every orphaned ``*.part`` feed under the configured feeds' directories is
recovered (:mod:`crawler.export.recovery`) and its records are counted as exported, both in
the crawl's ledger and in the state store (``StateStore.mark_exported``). Then an item
whose key the ledger holds is dropped (``ExportedBefore``), and a key enters the ledger
on ``item_scraped``, once its feed line is written (the feed exporter is connected first).
The ledger is the frontier's (single machine) or the class ``CRAWLER_EXPORT_LEDGER`` names
(the Redis add-on, :mod:`crawler.distributed`, names its shared one).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import load_object

from crawler.export.recovery import feed_dirs, orphaned_parts, record_key, recover_part
from crawler.resume.frontier import Frontier
from crawler.resume.scheduler import frontier_path, resume_enabled
from crawler.state.factory import crawler_state_store

logger = logging.getLogger(__name__)


class ExportedBefore(DropItem):
    """The record's key was exported earlier in this crawl (before a crash and resume)."""

    routine = True  # nothing is wrong: logged at INFO (crawler.logformatter)


class Ledger(Protocol):
    """Keys exported by the current crawl, durable across process death."""

    def claim(self, key: str) -> bool:
        """True if this process may export ``key`` (nobody exported or holds it)."""
        ...

    def mark_exported(self, keys: list[str]) -> None:
        """These keys' lines are written (by this process)."""
        ...

    def adopt(self, keys: list[str], owner: str | None) -> list[bool]:
        """Lines of a recovered feed written by ``owner``: which to keep (the others were
        exported again by a live worker since), counting the kept ones as exported."""
        ...

    def close(self) -> None: ...


class ExportOncePipeline:
    """Item pipeline; put it last (after every pipeline that may drop)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.ledger: Ledger | None = None
        self.claimed: set[str] = set()  # passed in this process, line maybe not yet written

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExportOncePipeline:
        if not crawler.settings.getbool("CRAWLER_RESUME", True):
            raise NotConfigured("CRAWLER_RESUME is off")
        pipe = cls(crawler)
        crawler.signals.connect(pipe.item_scraped, signal=signals.item_scraped)
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        if not resume_enabled(self.crawler, spider.name):
            return
        self.ledger = self._open_ledger(spider)
        self.recover_feeds(spider.name)

    def _open_ledger(self, spider: Any) -> Ledger:
        ledger_class = self.crawler.settings.get("CRAWLER_EXPORT_LEDGER")
        if ledger_class:
            ledger: Ledger = load_object(ledger_class).from_crawler(self.crawler)
            return ledger
        return Frontier(frontier_path(self.crawler, spider))

    def recover_feeds(self, spider_name: str) -> None:
        """Recover the orphaned parts of every configured feed directory."""
        assert self.ledger is not None
        stats = self.crawler.stats
        directories = feed_dirs(self.crawler.settings.getdict("FEEDS"), spider_name)
        for records in recover_feeds(directories, self.ledger):
            self.count_exported(records)
            if stats is not None:
                stats.inc_value("resume/feeds_recovered")
                stats.inc_value("resume/records_recovered", len(records))

    def count_exported(self, records: list[dict[str, Any]]) -> None:
        """Records kept in a recovered feed: exported, in the state store too."""
        store = crawler_state_store(self.crawler)
        for record in records:
            digest = (record.get("metadata") or {}).get("contentHash")
            if digest:
                for key in _state_keys(record):
                    store.mark_exported(key, digest, record.get("datePublished"))
        store.flush()

    def process_item(self, item: Any) -> Any:
        if self.ledger is None:
            return item
        key = record_key(ItemAdapter(item))
        if key in self.claimed or not self.ledger.claim(key):
            raise ExportedBefore(f"exported before in this crawl: {key}")
        self.claimed.add(key)
        return item

    def item_scraped(self, item: Any) -> None:
        if self.ledger is not None:
            self.ledger.mark_exported([record_key(ItemAdapter(item))])

    def close_spider(self) -> None:
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None


def recover_feeds(directories: list[Path], ledger: Ledger) -> list[list[dict[str, Any]]]:
    """Recover every orphaned part in ``directories``, the ledger deciding which lines
    stay (see ``Ledger.adopt``); the records kept, per recovered feed."""

    def keep(records: list[dict[str, Any]], owner: str | None) -> list[bool]:
        return ledger.adopt([record_key(r) for r in records], owner)

    recovered_feeds = []
    for directory in directories:
        for part in orphaned_parts(directory):
            recovered = recover_part(part, keep)
            if recovered is not None:
                final, records = recovered
                logger.info("Recovered %d records of a killed run into %s", len(records), final)
                recovered_feeds.append(records)
    return recovered_feeds


def _state_keys(record: dict[str, Any]) -> list[str]:
    keys = [record_key(record)]
    if record.get("canonicalUrl"):
        keys.append(record_key({"url": record["canonicalUrl"]}))
    return list(dict.fromkeys(keys))
