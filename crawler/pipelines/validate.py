"""Last gate before the feed: minimum body, headline, JSON Schema."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from crawler.controls import strip_item_controls
from crawler.exceptions import BodyTooShort, MissingHeadline, SchemaViolation
from crawler.record import to_record
from crawler.schema import schema_errors
from crawler.stats import inc_counts


class ValidatePipeline:
    """Drops, with a reason class each, what must not reach the feed."""

    def __init__(self, min_body_chars: int, stats: Any = None) -> None:
        self.min_body_chars = min_body_chars
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.settings.getint("CRAWLER_MIN_CLEAN_BODY_CHARS"), crawler.stats)

    def process_item(self, item: Any) -> Any:
        # NUL, ESC, bidi overrides...: never text, whatever the page says (counted per field).
        inc_counts(self.stats, "record/controls_removed", strip_item_controls(item))
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody") or ""
        if len(body) < self.min_body_chars:
            raise BodyTooShort(
                f"body of {len(body)} chars < {self.min_body_chars} after cleaning: "
                f"{adapter['url']}"
            )
        if not adapter.get("headline"):
            raise MissingHeadline(f"no headline: {adapter['url']}")
        errors = schema_errors(to_record(item))
        if errors:
            raise SchemaViolation(f"{adapter['url']}: {'; '.join(errors[:3])}")
        return item
