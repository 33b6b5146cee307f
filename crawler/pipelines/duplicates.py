"""Duplicates within a crawl, across URLs and sites: the same body (exact: SHA-1 of the
normalised text) or nearly the same body (MinHash LSH over word 5-shingles, Jaccard at
least ``CRAWLER_NEAR_DUPLICATE_THRESHOLD``) is marked ``duplicateOf`` the URL first seen,
or dropped with ``CRAWLER_DROP_DUPLICATES``.

The index lives for one crawl (a fresh run starts empty): across runs, the incremental
state already keeps an unchanged article from being exported twice.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import DuplicateArticle
from crawler.hashing import content_hash
from crawler.pipelines.near_duplicates import NearDuplicateIndex
from crawler.stats import inc_stat


class DuplicatesPipeline:
    """Sets ``metadata.contentHash``, and ``duplicateOf`` to the first URL seen with the same
    or nearly the same body."""

    def __init__(self, stats: StatsCollector, drop: bool, near_threshold: float) -> None:
        self.stats = stats
        self.drop = drop
        self.first_url: dict[str, str] = {}
        self.near = NearDuplicateIndex(near_threshold) if 0 < near_threshold <= 1 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicatesPipeline:
        assert crawler.stats is not None
        settings = crawler.settings
        return cls(crawler.stats, settings.getbool("CRAWLER_DROP_DUPLICATES"),
                   settings.getfloat("CRAWLER_NEAR_DUPLICATE_THRESHOLD", 0.8))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody")
        if not body:
            return item
        url = adapter["url"]
        digest = content_hash(body)
        adapter["metadata"] = {**(adapter.get("metadata") or {}), "contentHash": digest}
        first = self.first_url.setdefault(digest, url)
        kind = "exact"
        if first == url:
            kind = "near"
            first = (self.near.first_similar(url, body) if self.near else None) or url
        if first != url:
            inc_stat(self.stats, "duplicates", kind)
            if self.drop:
                raise DuplicateArticle(f"{kind} duplicate of {first}")
            adapter["duplicateOf"] = first
        return item
