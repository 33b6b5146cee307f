"""Strip site chrome from the body: named text rules, counted per rule."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.cleaning import clean_body
from crawler.stats import inc_stat


class ChromeStripPipeline:
    """Counts each removed line as ``chrome/removed/<rule>``; ``CRAWLER_AUDIT`` keeps them."""

    def __init__(self, stats: StatsCollector, audit: bool) -> None:
        self.stats = stats
        self.audit = audit

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChromeStripPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler.settings.getbool("CRAWLER_AUDIT"))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody")
        if not body:
            return item
        result = clean_body(body, adapter.get("inLanguage"))
        adapter["articleBody"] = result.text
        for rule, _line in result.removed:
            inc_stat(self.stats, "chrome", "removed", rule)
        if self.audit:
            adapter["removedLines"] = [{"rule": r, "text": t} for r, t in result.removed]
        return item
