"""Repair encoding damage in the text fields, author names and keywords (ftfy, encoding
fixes only)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.cleaning.encoding import repair_encoding
from crawler.stats import inc_stat

TEXT_FIELDS = ("headline", "articleBody", "description")


class EncodingRepairPipeline:
    """Counts each repair as ``encoding/repaired/<kind>``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingRepairPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        for name in TEXT_FIELDS:
            value = adapter.get(name)
            if isinstance(value, str) and value:
                adapter[name] = self._repair(value)
        authors = adapter.get("authors")
        if isinstance(authors, list):
            for author in authors:
                if isinstance(author, dict) and isinstance(author.get("name"), str):
                    author["name"] = self._repair(author["name"])
        keywords = adapter.get("keywords")
        if isinstance(keywords, list):
            adapter["keywords"] = [self._repair(k) if isinstance(k, str) else k
                                   for k in keywords]
        return item

    def _repair(self, value: str) -> str:
        fixed, kinds = repair_encoding(value)
        for kind in kinds:
            inc_stat(self.stats, "encoding", "repaired", kind)
        return fixed
