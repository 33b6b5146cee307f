"""Before fetching: is this URL worth fetching in this run?

Two questions: is it inside the date window (``-a since=`` / ``-a days=``), and did an
earlier run already export it (the state store)? Exported articles are fetched again only
when published within ``CRAWLER_RECHECK_DAYS`` (they may still be edited) or when their
sitemap/feed ``lastmod`` is newer than the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from crawler.dates import parse_date
from crawler.extraction.evidence import Evidence
from crawler.state.base import UrlRecord
from crawler.urlcanon import url_key

SEEN = "seen"
TOO_OLD = "too_old"


class Recorded(Protocol):
    """What earlier runs recorded (a state store, or the crawl's ``CrawlState``, which
    answers None for everything in a fresh run)."""

    def get(self, key: str) -> UrlRecord | None: ...


@dataclass
class Freshness:
    """Skip decisions for one crawl. ``store`` is None: nothing recorded (a fresh crawl)."""

    store: Recorded | None
    window_start: datetime | None
    recheck: timedelta
    now: datetime

    def too_old(self, published: datetime | None) -> bool:
        return bool(self.window_start and published and published < self.window_start)

    def skip_reason(self, url: str, evidence: Evidence, candidate: bool) -> str | None:
        """``"too_old"``, ``"seen"`` or None (fetch). ``candidate``: the URL is expected to
        be an article (feed/sitemap entry, article-shaped link); only candidates are skipped
        for having been fetched without yielding an article."""
        # lastmod bounds publication from above: older lastmod, older article.
        if self.too_old(evidence.published or evidence.lastmod):
            return TOO_OLD
        if self.store is None:
            return None
        record = self.store.get(url_key(url))
        return None if record is None else self._state_reason(record, evidence, candidate)

    def _state_reason(self, record: UrlRecord, evidence: Evidence, candidate: bool) -> str | None:
        if record.exported_at is None:
            return SEEN if candidate else None
        if evidence.lastmod and evidence.lastmod.timestamp() > record.exported_at:
            return None  # the site says it changed since we exported it
        published = parse_date(record.published)
        if published and published >= self.now - self.recheck:
            return None  # recent: re-fetched, re-exported only if the body changed
        return SEEN
