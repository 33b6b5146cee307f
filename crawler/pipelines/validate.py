"""Last gate before the feed: minimum body, JSON Schema; missing optional fields counted.

A missing headline, date or author never costs the article: the record goes out without the
field and the miss is counted (``fields/missing/<field>``). With
``CRAWLER_EXPORT_REJECTED`` (set by ``scrapy extract``), what a crawl would drop is exported
too, its reason in ``metadata.verdict``, so a user sees a record for every page.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.controls import strip_item_controls
from crawler.exceptions import ArticleDropped, BodyTooShort, SchemaViolation
from crawler.export.record import to_record
from crawler.extraction.detect import MARKED_SHARE, MARKED_SHORT, story_length
from crawler.schema import schema_errors
from crawler.stats import inc_counts, inc_stat

OPTIONAL_FIELDS = ("headline", "datePublished", "authors")
"""Fields whose absence is counted, never a reason to drop."""


class ValidatePipeline:
    """Drops, with a reason class each, what must not reach the feed."""

    def __init__(self, min_body_chars: int, stats: StatsCollector | None = None,
                 export_rejected: bool = False) -> None:
        self.min_body_chars = min_body_chars
        self.stats = stats
        self.export_rejected = export_rejected

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.settings.getint("CRAWLER_MIN_CLEAN_BODY_CHARS"), crawler.stats,
                   crawler.settings.getbool("CRAWLER_EXPORT_REJECTED"))

    def process_item(self, item: Any) -> Any:
        # NUL, ESC, bidi overrides...: never text, whatever the page says (counted per field).
        inc_counts(self.stats, "record/controls_removed", strip_item_controls(item))
        adapter = ItemAdapter(item)
        metadata = adapter.get("metadata")
        if metadata is None:
            metadata = adapter["metadata"] = {}
        if metadata.get("verdict"):  # judged not an article upstream (scrapy extract only)
            return item
        source = metadata.get("bodySource")
        if source:
            inc_stat(self.stats, "extraction", "body_from", source)
        for name in OPTIONAL_FIELDS:
            if not adapter.get(name):
                inc_stat(self.stats, "fields", "missing", name)
        try:
            self._check(adapter)
        except ArticleDropped as exc:
            if not self.export_rejected:
                raise
            metadata["verdict"] = _verdict_name(exc)
        return item

    def _check(self, adapter: ItemAdapter) -> None:
        length = story_length(adapter.get("articleBody"))
        floor = self.min_body_chars
        if (adapter.get("metadata") or {}).get("articleSignal") == MARKED_SHORT:
            floor = int(MARKED_SHARE * floor)  # a brief the page marks as an article
        if length < floor:
            raise BodyTooShort(
                f"body of {length} chars (CJK weighted) < {floor} after cleaning: "
                f"{adapter['url']}"
            )
        errors = schema_errors(to_record(adapter.item))
        if errors:
            raise SchemaViolation(f"{adapter['url']}: {'; '.join(errors[:3])}")


def _verdict_name(exc: ArticleDropped) -> str:
    """``BodyTooShort`` -> ``body_too_short``: the same vocabulary as extraction verdicts."""
    name = type(exc).__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
