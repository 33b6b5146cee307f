"""Exact duplicates within a crawl: the same body under another URL is marked (or dropped)."""

from __future__ import annotations

import hashlib
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import DuplicateArticle
from crawler.stats import inc_stat


def content_hash(body: str) -> str:
    """SHA-1 of the whitespace-normalised body: the record's ``metadata.contentHash``."""
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8"), usedforsecurity=False).hexdigest()


class DuplicatesPipeline:
    """Sets ``duplicateOf`` to the first URL seen with the same body hash."""

    def __init__(self, stats: StatsCollector, drop: bool) -> None:
        self.stats = stats
        self.drop = drop
        self.first_url: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicatesPipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler.settings.getbool("CRAWLER_DROP_DUPLICATES"))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody")
        if not body:
            return item
        digest = content_hash(body)
        adapter["metadata"] = {**(adapter.get("metadata") or {}), "contentHash": digest}
        first = self.first_url.setdefault(digest, adapter["url"])
        if first != adapter["url"]:
            inc_stat(self.stats, "duplicates", "exact")
            if self.drop:
                raise DuplicateArticle(f"same body as {first}")
            adapter["duplicateOf"] = first
        return item
