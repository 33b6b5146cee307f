"""Writes ``<feed>.report.html`` beside each stats file the crawl summary wrote.

It must close after :class:`crawler.extensions.summary.CrawlSummary` (a higher number in
``EXTENSIONS``): it reads the stats file that extension has just written, so the report and
the file always agree.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.report.model import load_run
from crawler.report.render import render_report
from crawler.scrapy_internals import stored_feed_paths

logger = logging.getLogger(__name__)


def report_path(stats_path: Path) -> Path:
    """``out.stats.json`` -> ``out.report.html``."""
    return stats_path.with_name(stats_path.name.removesuffix(".stats.json") + ".report.html")


def write_report(stats_path: Path) -> Path:
    target = report_path(stats_path)
    target.write_text(render_report([load_run(stats_path)]), "utf-8")
    return target


class CrawlReport:
    """``CRAWLER_REPORT``: the HTML report beside each local feed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReport:
        if not crawler.settings.getbool("CRAWLER_REPORT"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def closed(self) -> None:
        for feed in self._feed_paths():
            stats_path = feed.with_name(feed.name.removesuffix(".jsonl") + ".stats.json")
            if not stats_path.is_file():
                continue  # the summary wrote none (nothing exported, or not a local feed)
            try:
                target = write_report(stats_path)
            except (OSError, ValueError) as exc:
                logger.error("crawl report not written for %s: %s", stats_path, exc)
                continue
            logger.info("crawl report: %s", target)

    def _feed_paths(self) -> list[Path]:
        """The local feeds this crawl stored (the summary writes its stats file beside each)."""
        return stored_feed_paths(self.crawler)
