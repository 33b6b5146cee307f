"""Exactly-once export across crashes: the export ledger and the recovery of orphaned feeds.

The export guard (:class:`crawler.pipelines.incremental.IncrementalPipeline`) opens the
ledger at open (:func:`open_ledger`) and recovers every orphaned ``*.part`` feed under the
configured feeds' directories (:func:`recover_into`, :mod:`crawler.export.recovery`), its
records counted as exported, both in the ledger and in the state store. Then an item whose
key the ledger holds is dropped (``AlreadyExported``), and a key enters the ledger on
``item_scraped``, once its feed line is written (the feed exporter is connected first).
The ledger is the frontier's (single machine) or the class ``CRAWLER_EXPORT_LEDGER`` names
(the Redis add-on, :mod:`crawler.distributed`, names its shared one).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object

from crawler.export.recovery import feed_dirs, orphaned_parts, record_key, recover_part
from crawler.resume.frontier import Frontier
from crawler.resume.scheduler import frontier_path
from crawler.state.extension import CrawlState

logger = logging.getLogger(__name__)


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


def open_ledger(crawler: Crawler, spider: Spider) -> Ledger:
    """The crawl's ledger: the class ``CRAWLER_EXPORT_LEDGER`` names (the Redis add-on's),
    else the resume frontier's."""
    ledger_class = crawler.settings.get("CRAWLER_EXPORT_LEDGER")
    if ledger_class:
        ledger: Ledger = load_object(ledger_class).from_crawler(crawler)
        return ledger
    return Frontier(frontier_path(crawler, spider))


def recover_into(crawler: Crawler, ledger: Ledger, state: CrawlState) -> None:
    """Recover the orphaned parts of every configured feed directory; the records kept are
    exported: in the ledger (``Ledger.adopt``) and in the state store."""
    assert crawler.spider is not None
    stats = crawler.stats
    directories = feed_dirs(crawler.settings.getdict("FEEDS"), crawler.spider.name)
    for records in recover_feeds(directories, ledger):
        for record in records:
            digest = (record.get("metadata") or {}).get("contentHash")
            if digest:
                state.mark_exported(_state_keys(record), digest, record.get("datePublished"))
        state.flush()
        if stats is not None:
            stats.inc_value("resume/feeds_recovered")
            stats.inc_value("resume/records_recovered", len(records))


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
