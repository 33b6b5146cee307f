"""Count where each record's publication date came from; the last guard against a future
date (a sitemap, feed or page clock can be wrong after extraction chose). Also counts the
headlines whose title named the site (``fields/headline/suffix_removed``) and the
records whose author was left out because the page never shows the name markup gave
(``fields/authors/not_shown``): counts of how extraction chose a metadata field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.dates import in_future, parse_candidate
from crawler.stats import inc_stat


class DateSourcePipeline:
    """``dates/source/<source>`` per record (``none`` when it has no date); a date in the
    future is removed and counted as ``dates/future_removed``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DateSourcePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        meta = adapter.get("metadata")
        meta = meta if isinstance(meta, dict) else {}
        for name in ("datePublished", "dateModified"):
            value = adapter.get(name)
            found = parse_candidate(value, name) if value else None
            if value and (found is None or in_future(found, datetime.now(UTC))):
                adapter[name] = None
                inc_stat(self.stats, "dates", "future_removed" if found else "unreadable")
                if name == "datePublished":
                    meta["dateSource"] = "none"
        source = meta.get("dateSource") or ("unknown" if adapter.get("datePublished") else "none")
        inc_stat(self.stats, "dates", "source", str(source))
        if meta.get("headlineCut") == "site_suffix":
            inc_stat(self.stats, "fields", "headline", "suffix_removed")
        if meta.get("authorsLeftOut") == "not_shown":
            inc_stat(self.stats, "fields", "authors", "not_shown")
        return item
