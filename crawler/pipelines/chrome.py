"""Strip site chrome: named text rules and learned site boilerplate. Every removal is
counted per rule (``chrome/removed/<rule>``). The headline's site suffix is removed once, in
extraction (:mod:`crawler.cleaning.titles`).

Learned boilerplate knows a site's recurring lines only once it has seen
``MIN_SITE_PAGES`` of its pages. Until then a site's records are held here
(``CRAWLER_BOILERPLATE_HOLD``, :mod:`crawler.pipelines.holding`): each page is counted when
it arrives, and the held records are stripped and let go when the site reaches the count,
when the crawl has nothing else to do, after ``CRAWLER_BOILERPLATE_HOLD_SECONDS``, past the
caps, or when the crawl closes. So a fresh crawl's first article is as clean as its last.

A held record is still inside the item pipeline: its response is not acknowledged to the
resume frontier (:mod:`crawler.resume.tracker`) until the record is exported, so a crash
while records are held loses nothing (their pages are fetched again on resume), and
exactly-once export (:mod:`crawler.resume.exportonce`) is untouched.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall

from crawler.cleaning import clean_body
from crawler.cleaning.boilerplate import MIN_SITE_PAGES, BoilerplateStore
from crawler.cleaning.site_names import site_key
from crawler.pipelines.holding import CLOSE, IDLE, MEMORY, THRESHOLD, HoldingPen
from crawler.scrapy_internals import finish_scraper_close, hold_check
from crawler.stats import inc_stat

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.5  # how often held records are checked against the crawl's state
# Past this share of SCRAPER_SLOT_MAX_ACTIVE_SIZE the engine is about to stop fetching (it
# backs out at 100 %): the oldest quarter of the held records goes, each tick, until below.
MEMORY_LOAD = 0.8


class ChromeStripPipeline:
    """``CRAWLER_AUDIT`` keeps removed lines on the record; ``CRAWLER_LEARN_BOILERPLATE``
    learns per-site recurring lines in ``CRAWLER_STATE_DIR``; ``CRAWLER_BOILERPLATE_HOLD``
    (records held at most, 0: none) holds a site's first records until they are known."""

    def __init__(self, stats: StatsCollector, audit: bool,
                 boilerplate: BoilerplateStore | None, pen: HoldingPen | None = None,
                 crawler: Crawler | None = None) -> None:
        self.stats = stats
        self.audit = audit
        self.boilerplate = boilerplate
        self.pen = pen if boilerplate is not None else None
        self.crawler = crawler
        self.sites_held: set[str] = set()  # logged once per site (debug)
        self._ticker: LoopingCall | None = None
        self._closing = False  # records were released because the crawl is closing

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChromeStripPipeline:
        assert crawler.stats is not None
        settings = crawler.settings
        store = pen = None
        if settings.getbool("CRAWLER_LEARN_BOILERPLATE"):
            store = BoilerplateStore(Path(settings.get("CRAWLER_STATE_DIR")))
            total = settings.getint("CRAWLER_BOILERPLATE_HOLD")
            if total > 0:
                # A site needs at most MIN_SITE_PAGES - 1 records held: the next page
                # makes it known and releases them.
                pen = HoldingPen(MIN_SITE_PAGES - 1, total,
                                 settings.getfloat("CRAWLER_BOILERPLATE_HOLD_SECONDS"))
        pipe = cls(crawler.stats, settings.getbool("CRAWLER_AUDIT"), store, pen, crawler)
        crawler.signals.connect(pipe.open, signal=signals.spider_opened)
        crawler.signals.connect(pipe.close, signal=signals.spider_closed)
        return pipe

    def open(self) -> None:
        if self.pen is not None and self.crawler is not None and self._ticker is None:
            self._ticker = LoopingCall(self.tick)
            self._ticker.start(TICK_SECONDS, now=False)

    def close(self) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        self._ticker = None
        self._release_all(CLOSE)  # nothing is held by then in a crawl; a unit test may
        if self.boilerplate is not None:
            self.boilerplate.close()
            self.boilerplate = None

    def close_spider(self) -> None:
        self._release_all(CLOSE)

    def tick(self) -> None:
        """Release held records whose wait is over (see :mod:`crawler.pipelines.holding`)."""
        pen, crawler = self.pen, self.crawler
        if pen is None or crawler is None:
            return
        if self._closing:  # records released at close may have come with no response
            finish_scraper_close(crawler)
        if not len(pen):
            return
        pen.release_expired()
        check = hold_check(crawler, len(pen)) if len(pen) else None
        if check is None:
            return
        if check.closing:
            self._closing = True
            self._release_all(CLOSE)
        elif check.idle:
            self._release_all(IDLE)
        elif check.scraper_load >= MEMORY_LOAD:
            pen.release_oldest(max(1, len(pen) // 4), MEMORY)

    def _release_all(self, reason: str) -> None:
        if self.pen is not None and len(self.pen):
            logger.info("releasing %d records held for learned boilerplate (%s)",
                        len(self.pen), reason)
            self.pen.release_all(reason)

    def process_item(self, item: Any) -> Any:
        """The item, or a coroutine that returns it once released (Scrapy awaits it)."""
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody")
        if not body:
            return self._finish(adapter, item, None, [])
        result = clean_body(body)
        text, removed = result.text, list(result.removed)
        if self.boilerplate is None:
            return self._finish(adapter, item, text, removed)
        url = adapter["url"]
        site = site_key(url)
        if not self._observe(site, url, text):
            return self._finish(adapter, item, text, removed)
        if self.pen is not None and not self.boilerplate.is_known(site):
            self._log_hold(site)
            inc_stat(self.stats, "boilerplate", "held")
            logger.debug("held for learned boilerplate: %s", url)
            return self._held(self.pen.hold(site), adapter, item, text, removed)
        if self.pen is not None and self.pen.held(site):
            self.pen.release_site(site, THRESHOLD)
        return self._finish(adapter, item, *self._strip(site, text, removed))

    def _log_hold(self, site: str) -> None:
        if site not in self.sites_held:
            self.sites_held.add(site)
            assert self.boilerplate is not None
            logger.debug("holding records of %s until its boilerplate is known (%d of %d "
                        "pages seen)", site or "(no site)", self.boilerplate.site_pages(site),
                        MIN_SITE_PAGES)

    def _held(self, deferred: Deferred[str], adapter: ItemAdapter, item: Any, text: str,
              removed: list[tuple[str, str]]) -> Coroutine[Any, Any, Any]:
        site = site_key(adapter["url"])

        async def wait() -> Any:
            reason = await maybe_deferred_to_future(deferred)
            inc_stat(self.stats, "boilerplate", "released", reason)
            return self._finish(adapter, item, *self._strip(site, text, removed))

        return wait()

    def _observe(self, site: str, url: str, text: str) -> bool:
        """Count the page; False when the state file is busy or broken (the rule is lost
        for this item, the item is not)."""
        assert self.boilerplate is not None
        try:
            self.boilerplate.observe(site, url, text.split("\n"))
        except sqlite3.Error as exc:
            self._unavailable(url, exc)
            return False
        return True

    def _strip(self, site: str, text: str, removed: list[tuple[str, str]]
               ) -> tuple[str, list[tuple[str, str]]]:
        if self.boilerplate is None:  # closed while the record was held (a unit test)
            return text, removed
        try:
            text, learned = self.boilerplate.strip(site, text)
        except sqlite3.Error as exc:
            self._unavailable(site, exc)
            return text, removed
        return text, removed + learned

    def _unavailable(self, where: str, exc: sqlite3.Error) -> None:
        logger.warning("learned boilerplate unavailable for %s: %s", where, exc)
        inc_stat(self.stats, "chrome", "boilerplate_unavailable")

    def _finish(self, adapter: ItemAdapter, item: Any, text: str | None,
                removed: list[tuple[str, str]]) -> Any:
        if text is not None:
            adapter["articleBody"] = text
        for rule, _line in removed:
            inc_stat(self.stats, "chrome", "removed", rule)
        if self.audit:  # after the blocks extraction pruned from the DOM, if any
            adapter["removedLines"] = [*(adapter.get("removedLines") or []),
                                       *({"rule": r, "text": t} for r, t in removed)]
        return item
