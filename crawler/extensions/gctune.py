"""Tunes the crawl process's garbage collector once the crawl has started up."""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.gctuning import tune_gc

logger = logging.getLogger(__name__)


class TuneGarbageCollector:
    """``CRAWLER_GC_THRESHOLD`` young-generation threshold (0: Python's defaults)."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TuneGarbageCollector:
        threshold = crawler.settings.getint("CRAWLER_GC_THRESHOLD")
        if threshold <= 0:
            raise NotConfigured("CRAWLER_GC_THRESHOLD is 0")
        ext = cls(threshold)
        # spider_opened: imports, middlewares and the spider exist; pages have not started.
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self) -> None:
        if tune_gc(self.threshold):
            logger.debug("garbage collector: start-up objects frozen, threshold %d",
                         self.threshold)
