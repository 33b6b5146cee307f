"""scrapy-redis's scheduler with reliable hand-out and acknowledgement.

Requests are seen-and-queued atomically (:meth:`ReliablePriorityQueue.push_if_new`),
handed out into the worker's processing hash, and acknowledged through the output tracker
(:mod:`crawler.resume.tracker`) once everything their response produced is persisted.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from crawler.distributed.queue import ReliablePriorityQueue
from crawler.resume.tracker import PARENT, OutputTrackerMiddleware, tracker_of

logger = logging.getLogger(__name__)

class ReliableRedisScheduler(RedisScheduler):
    """Set by :class:`crawler.distributed.addon.RedisAddon`; needs its queue class."""

    queue: ReliablePriorityQueue
    tracker: OutputTrackerMiddleware | None = None
    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ReliableRedisScheduler:
        scheduler: ReliableRedisScheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider: Spider) -> None:
        with warnings.catch_warnings():
            # scrapy-redis (0.9.1) says "Resuming crawl" through the deprecated Spider.log();
            # not ours to change, and a warning here is an error under the tests.
            warnings.filterwarnings("ignore", r"Spider\.log\(\) is deprecated",
                                    ScrapyDeprecationWarning)
            super().open(spider)
        if not isinstance(self.queue, ReliablePriorityQueue):
            raise TypeError("SCHEDULER_QUEUE_CLASS must be ReliablePriorityQueue")
        self.tracker = tracker_of(self.crawler)
        if self.tracker is None:
            raise TypeError("OutputTrackerMiddleware must be enabled (SPIDER_MIDDLEWARES)")
        self.tracker.on_done = self.queue.ack

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def enqueue_request(self, request: Request) -> bool:
        token = request.meta.pop(PARENT, None)  # of this process only: never stored
        try:
            return self._enqueue(request)
        finally:
            if self.tracker is not None:
                self.tracker.settle_child(token)

    def _enqueue(self, request: Request) -> bool:
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_if_new(request, self.df.request_fingerprint(request),
                                        self.df.key):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True
