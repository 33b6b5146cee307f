"""The end-of-crawl summary: in the log, in the stats, and as a JSON file beside each feed.

The log has one line for the crawl, one a stats group, and one a site (from the spider's
``site/<domain>/...`` counts): what was discovered, skipped, fetched, exported.

Also field coverage: the share of exported records that carry each field, so a site's
layout change shows up as a drop (``coverage/<field>`` in the stats).
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.export.record import to_record
from crawler.items import Article
from crawler.scrapy_internals import stored_feed_paths

logger = logging.getLogger(__name__)

FIELDS = tuple(f for f in Article.__dataclass_fields__ if f not in {"url", "removedLines"})
SITE_FIELDS = ("discovered", "skipped_seen", "skipped_too_old", "fetched", "exported",
               "unchanged")
GROUPS = {
    "dropped": "item_dropped_reasons_count/",
    "not_article": "pages/not_article/",
    "failed": "pages/failed/",
    "chrome_removed": "chrome/removed/",
    "chrome_pruned": "chrome/pruned/",
    "encoding": "encoding/",
    "coverage": "coverage/",
}


def build_summary(stats: dict[str, Any], duration: float, reason: str) -> dict[str, Any]:
    """The summary as a plain dict (the stats file's format)."""
    summary: dict[str, Any] = {
        "finish_reason": reason,
        "duration_seconds": round(duration, 1),
        # The spider's count when it keeps one (pages it parsed, as in its per-site lines),
        # else every response (robots.txt included).
        "pages_fetched": stats.get("pages/fetched", stats.get("response_received_count", 0)),
        "articles_exported": stats.get("item_scraped_count", 0),
    }
    for name, prefix in GROUPS.items():
        summary[name] = {k[len(prefix):]: v for k, v in sorted(stats.items())
                         if k.startswith(prefix)}
    summary["stats"] = {k: v if isinstance(v, int | float | str) else str(v)
                        for k, v in sorted(stats.items())}
    return summary


class CrawlSummary:
    """Counts field coverage while items pass; at the end logs and writes the summary.

    The file is ``<feed path without .jsonl>.stats.json`` for every local feed.
    """

    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats
        self.started = time.monotonic()
        self.field_counts = dict.fromkeys(FIELDS, 0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        assert crawler.stats is not None
        ext = cls(crawler, crawler.stats)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self) -> None:
        self.started = time.monotonic()

    def item_scraped(self, item: Any) -> None:
        record = to_record(ItemAdapter(item).item)
        for name in FIELDS:
            if name in record:
                self.field_counts[name] += 1

    def closed(self, reason: str) -> None:
        exported = self.stats.get_value("item_scraped_count", 0)
        for name, count in self.field_counts.items():
            if exported:
                self.stats.set_value(f"coverage/{name}", round(count / exported, 3))
        summary = build_summary(self.stats.get_stats(), time.monotonic() - self.started, reason)
        self._log(summary)
        for path in self._feed_paths():
            target = path.with_name(path.name.removesuffix(".jsonl") + ".stats.json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(summary, indent=2, ensure_ascii=False), "utf-8")

    def _feed_paths(self) -> list[Path]:
        """Local feeds this run stored (the default feed is not stored when it got no item,
        and gets no stats file either); the storage's path, which a resumed crawl may
        have moved."""
        return stored_feed_paths(self.crawler)

    @staticmethod
    def _log(summary: dict[str, Any]) -> None:
        logger.info(
            "summary: %s pages fetched, %s articles exported in %ss (%s)",
            summary["pages_fetched"], summary["articles_exported"],
            summary["duration_seconds"], summary["finish_reason"],
        )
        for group in GROUPS:
            if summary[group]:
                logger.info("summary: %s: %s", group, summary[group])
        for line in site_lines(summary["stats"]):
            logger.info("%s", line)


def site_lines(stats: dict[str, Any]) -> list[str]:
    """One line per site: discovered, skipped, fetched, exported, and the expected articles
    that were none (feed/sitemap entries, article-shaped links), by reason."""
    per_site: dict[str, dict[str, int]] = defaultdict(dict)
    for key, value in stats.items():
        if key.startswith("site/") and isinstance(value, int):
            domain, _, name = key.removeprefix("site/").partition("/")
            per_site[domain][name] = value
    lines = []
    for domain, counts in sorted(per_site.items()):
        main = ", ".join(f"{f.replace('_', ' ')} {counts.get(f, 0)}" for f in SITE_FIELDS)
        rejected = ", ".join(f"{k.removeprefix('rejected/')} {n}"
                             for k, n in sorted(counts.items()) if k.startswith("rejected/"))
        # Rejected: expected articles that were none; the not_article group above counts
        # every page that is not an article.
        lines.append(f"site {domain}: {main}"
                     + (f"; expected articles that were not: {rejected}" if rejected else ""))
    return lines
