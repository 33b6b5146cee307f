"""Strip site chrome: named text rules and learned site boilerplate. Every removal is
counted per rule (``chrome/removed/<rule>``). The headline's site suffix is removed once, in
extraction (:mod:`crawler.cleaning.titles`)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.cleaning import clean_body
from crawler.cleaning.boilerplate import BoilerplateStore
from crawler.cleaning.site_names import site_key
from crawler.stats import inc_stat

logger = logging.getLogger(__name__)


class ChromeStripPipeline:
    """``CRAWLER_AUDIT`` keeps removed lines on the record; ``CRAWLER_LEARN_BOILERPLATE``
    learns per-site recurring lines in ``CRAWLER_STATE_DIR``."""

    def __init__(self, stats: StatsCollector, audit: bool,
                 boilerplate: BoilerplateStore | None) -> None:
        self.stats = stats
        self.audit = audit
        self.boilerplate = boilerplate

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChromeStripPipeline:
        assert crawler.stats is not None
        settings = crawler.settings
        store = None
        if settings.getbool("CRAWLER_LEARN_BOILERPLATE"):
            store = BoilerplateStore(Path(settings.get("CRAWLER_STATE_DIR")))
        pipe = cls(crawler.stats, settings.getbool("CRAWLER_AUDIT"), store)
        crawler.signals.connect(pipe.close, signal=signals.spider_closed)
        return pipe

    def close(self) -> None:
        if self.boilerplate is not None:
            self.boilerplate.close()
            self.boilerplate = None

    def _learned(self, url: str, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Learned boilerplate; a busy or broken state file costs the rule, not the item."""
        assert self.boilerplate is not None
        try:
            return self.boilerplate.filter(site_key(url), url, text)
        except sqlite3.Error as exc:
            logger.warning("learned boilerplate unavailable for %s: %s", url, exc)
            inc_stat(self.stats, "chrome", "boilerplate_unavailable")
            return text, []

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        removed: list[tuple[str, str]] = []
        body = adapter.get("articleBody")
        if body:
            result = clean_body(body)
            text, removed = result.text, removed + result.removed
            if self.boilerplate is not None:
                text, learned = self._learned(adapter["url"], text)
                removed += learned
            adapter["articleBody"] = text
        for rule, _line in removed:
            inc_stat(self.stats, "chrome", "removed", rule)
        if self.audit:  # after the blocks extraction pruned from the DOM, if any
            adapter["removedLines"] = [*(adapter.get("removedLines") or []),
                                       *({"rule": r, "text": t} for r, t in removed)]
        return item
