"""A progress line in the log every few seconds while the crawl runs."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)


def progress_figures(stats: StatsCollector, elapsed: float) -> dict[str, float]:
    """Pages fetched, articles exported, queue size, pages/s and errors from the stats."""
    get = stats.get_value
    pages = get("response_received_count", 0)
    queued = get("scheduler/enqueued", 0) - get("scheduler/dequeued", 0)
    errors = get("downloader/exception_count", 0) + sum(
        v for k, v in stats.get_stats().items() if k.startswith("pages/failed/")
    )
    return {
        "pages": pages,
        "exported": get("item_scraped_count", 0),
        "queue": max(0, queued),
        "rate": pages / elapsed if elapsed > 0 else 0.0,
        "errors": errors,
    }


class ProgressLog:
    """``CRAWLER_PROGRESS_INTERVAL`` seconds between lines (0 turns it off)."""

    def __init__(self, stats: StatsCollector, interval: float) -> None:
        self.stats = stats
        self.interval = interval
        self.started = time.monotonic()
        self.task: Any = None
        self.logged = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = crawler.settings.getfloat("CRAWLER_PROGRESS_INTERVAL")
        if not interval or crawler.stats is None:
            raise NotConfigured
        ext = cls(crawler.stats, interval)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log)
        self.task.start(self.interval, now=False)

    def log(self) -> None:
        self.logged = True
        f = progress_figures(self.stats, time.monotonic() - self.started)
        logger.info(
            "progress: %(pages)d pages fetched, %(exported)d articles exported, "
            "queue %(queue)d, %(rate).1f pages/s, %(errors)d errors", f,
        )

    def closed(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if not self.logged:  # a crawl shorter than the interval shows its progress once
            self.log()
