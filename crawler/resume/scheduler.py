"""Scrapy's scheduler on a durable frontier: nothing scheduled is lost to SIGKILL."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from pathlib import Path
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.utils.request import request_from_dict

from crawler.resume.frontier import Frontier
from crawler.resume.tracker import PARENT, OutputTrackerMiddleware, add_tag, tracker_of
from crawler.scrapy_internals import request_to_dict
from crawler.state.extension import is_fresh
from crawler.stats import RESUMED_STAT

logger = logging.getLogger(__name__)


def crawl_fingerprint(spider: Spider) -> str:
    """Which crawl this is: the spider's ``crawl_identity()`` (start URLs or sites, arguments)
    hashed; a spider without one is identified by its name and ``-a`` arguments."""
    identity = getattr(spider, "crawl_identity", None)
    if callable(identity):
        data: Any = identity()
    else:
        data = {"spider": spider.name,
                "arguments": {k: str(v) for k, v in sorted(vars(spider).items())
                              if isinstance(v, str) and not k.startswith("_")}}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def frontier_path(crawler: Crawler, spider: Spider) -> Path:
    """One frontier per crawl: ``CRAWLER_STATE_DIR/resume/<spider>-<fingerprint>.sqlite3``,
    so an interrupted crawl of site A is resumed only by the same command, never inside a
    crawl of site B (which has its own file)."""
    state_dir = Path(crawler.settings.get("CRAWLER_STATE_DIR") or ".state")
    return state_dir / "resume" / f"{spider.name}-{crawl_fingerprint(spider)}.sqlite3"


def resume_enabled(crawler: Crawler, spider_name: str) -> bool:
    """``CRAWLER_RESUME`` on, the spider listed in ``CRAWLER_RESUME_SPIDERS``, and the command
    is ``scrapy crawl`` (``CRAWLER_COMMAND``): shell, parse, check never keep resume state."""
    settings = crawler.settings
    return (settings.getbool("CRAWLER_RESUME", True)
            and settings.get("CRAWLER_COMMAND") == "crawl"
            and spider_name in settings.getlist("CRAWLER_RESUME_SPIDERS", ["news"]))


class ResumableScheduler(Scheduler):
    """Records each new request (pickled) before queueing it; marks it done when the
    tracker reports its output persisted; re-queues the pending ones at open. When the
    crawl finishes (reason ``finished``) the frontier is cleared for the next crawl."""

    frontier: Frontier | None = None
    tracker: OutputTrackerMiddleware | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir:
            raise ValueError("ResumableScheduler replaces JOBDIR: unset one of them")
        return scheduler

    def open(self, spider: Spider) -> Any:
        result = super().open(spider)
        assert self.crawler is not None
        if resume_enabled(self.crawler, spider.name):
            self.tracker = tracker_of(self.crawler)
            if self.tracker is None:
                logger.warning("resume off: OutputTrackerMiddleware is not enabled")
            else:
                self.frontier = Frontier(frontier_path(self.crawler, spider))
                self.tracker.on_done = self._done
                self._requeue_pending(spider)
        return result

    def _requeue_pending(self, spider: Spider) -> None:
        assert self.frontier is not None and self.stats is not None and self.crawler is not None
        pending, done = self.frontier.counts()
        if not pending and not done:
            return
        describe = getattr(spider, "crawl_description", None)
        what = describe() if callable(describe) else spider.name
        if is_fresh(self.crawler, spider):
            logger.info("Starting a fresh crawl (-a fresh): the interrupted crawl of %s "
                        "(%d requests pending) is discarded", what, pending)
            self.frontier.clear()
            return
        logger.info("Resuming crawl: %d requests pending, %d done, of the interrupted crawl "
                    "of %s (state in %s; -a fresh=1 starts over)", pending, done, what,
                    self.frontier.path)
        self.stats.set_value(RESUMED_STAT, 1)
        for data in self.frontier.pending():
            super().enqueue_request(request_from_dict(pickle.loads(data), spider=spider))
            self.stats.inc_value("resume/requeued")

    def enqueue_request(self, request: Request) -> bool:
        if self.frontier is None:
            return super().enqueue_request(request)
        token = request.meta.pop(PARENT, None)  # of this run only: never stored
        try:
            data = pickle.dumps(request_to_dict(request, self.spider), protocol=4)
            fp = self._fingerprint(request)
            if not self.frontier.add(fp, data) and not request.dont_filter:
                self.df.log(request, self.spider)
                return False
            return super().enqueue_request(request)
        finally:
            assert self.tracker is not None
            self.tracker.settle_child(token)

    def next_request(self) -> Request | None:
        request = super().next_request()
        if request is not None and self.frontier is not None:
            add_tag(request, self._fingerprint(request))
        return request

    def close(self, reason: str) -> Any:
        result = super().close(reason)
        if self.frontier is not None:
            if reason == "finished":
                self.frontier.clear()
            self.frontier.close()
        return result

    def _done(self, tags: list[Any]) -> None:
        if self.frontier is not None:
            self.frontier.mark_done(tags)

    def _fingerprint(self, request: Request) -> str:
        assert self.crawler is not None and self.crawler.request_fingerprinter is not None
        return self.crawler.request_fingerprinter.fingerprint(request).hex()

