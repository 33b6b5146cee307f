"""One ``DropItem`` subclass per reason: Scrapy counts
``item_dropped_reasons_count/<Class>`` for each with no extra code."""

from __future__ import annotations

from scrapy.exceptions import DropItem


class ArticleDropped(DropItem):
    """Base class of every reason an article is not exported."""


class BodyTooShort(ArticleDropped):
    """After cleaning, the body is shorter than ``CRAWLER_MIN_CLEAN_BODY_CHARS``."""


class MissingHeadline(ArticleDropped):
    """No headline could be found."""


class SchemaViolation(ArticleDropped):
    """The record does not validate against the shipped JSON Schema."""


class DuplicateArticle(ArticleDropped):
    """Same body as an earlier article, and ``CRAWLER_DROP_DUPLICATES`` is on."""


class AlreadyExported(ArticleDropped):
    """Exported by an earlier run with the same content (incremental crawling)."""

    routine = True  # nothing is wrong: logged at INFO (crawler.logformatter)


class BadCrawlInput(ValueError):
    """A spider argument, setting or sites file the crawl cannot use; the message is the one
    line the user sees (``scrapy crawl`` prints it and exits 2, no traceback)."""
