"""One worker of a distributed crawl: heartbeat, rescue of dead workers, exit when done.

Every ``CRAWLER_REDIS_HEARTBEAT`` seconds the worker renews its heartbeat key (expiring
after ``CRAWLER_REDIS_HEARTBEAT_TTL``) and re-queues the in-flight requests of every
registered worker whose heartbeat expired. When the spider is idle it stays open
(``DontCloseSpider``) until the shared crawl is finished: nothing queued and nothing in
flight on any worker for ``CRAWLER_REDIS_IDLE_CLOSE`` seconds. Then it marks the crawl
finished (the next crawl on these keys starts afresh) and closes.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.keys import CrawlKeys
from crawler.distributed.queue import requeue_dead
from crawler.scrapy_internals import wake_engine

logger = logging.getLogger(__name__)


# A new crawl over the keys of a finished one: forget its seen requests and exports.
_NEW_GENERATION = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
return 1
"""


class WorkerExtension:
    """Enabled by the add-on when ``REDIS_URL`` is set."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            raise NotConfigured("REDIS_URL is not set")
        self.crawler = crawler
        self.worker: str = settings.get("CRAWLER_WORKER_ID")
        self.interval = settings.getfloat("CRAWLER_REDIS_HEARTBEAT", 1.0)
        self.ttl_ms = int(settings.getfloat("CRAWLER_REDIS_HEARTBEAT_TTL", 5.0) * 1000)
        self.idle_close = settings.getfloat("CRAWLER_REDIS_IDLE_CLOSE", 3.0)
        self.server = get_redis_from_settings(settings)
        self.keys: CrawlKeys | None = None
        self.idle_since: float | None = None
        self.loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.keys = CrawlKeys.from_settings(self.crawler.settings, spider.name)
        # Here, not in the scheduler: after the export pipeline recovered orphaned feeds
        # against the finished crawl's ledger, before any start request is queued.
        script = self.server.register_script(_NEW_GENERATION)
        keys = self.keys
        if script(keys=[keys.finished, keys.queue, keys.dupefilter, keys.exported]):
            logger.info("The last crawl on %s finished: starting a new one", keys.base)
        self.beat()
        self.server.sadd(self.keys.workers, self.worker)
        logger.info("Worker %s joined the crawl %s", self.worker, self.keys.base)
        self.loop = create_looping_call(self.tick)
        self.loop.start(self.interval, now=False)

    def beat(self) -> None:
        assert self.keys is not None
        self.server.set(self.keys.heartbeat(self.worker), b"1", px=self.ttl_ms)

    def tick(self) -> None:
        """Heartbeat, rescue what dead workers held, and pull work other workers queued."""
        self.beat()
        self.rescue_dead()
        assert self.keys is not None
        if self.server.zcard(self.keys.queue):
            self._wake_engine()

    def _wake_engine(self) -> None:
        # Requests queued by other workers are no event to this engine: without a wake-up
        # it would pull them only on its 5 s heartbeat.
        wake_engine(self.crawler.engine)

    def rescue_dead(self) -> int:
        assert self.keys is not None
        moved = 0
        for raw in self.server.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker != self.worker:
                count = requeue_dead(self.server, self.keys, worker)
                if count >= 0:
                    logger.warning("Worker %s is dead: re-queued its %d requests", worker, count)
                    moved += count
        if moved and self.crawler.stats is not None:
            self.crawler.stats.inc_value("distributed/requeued_from_dead", moved)
        return moved

    def crawl_finished(self) -> bool:
        """Nothing queued and nothing in flight on any registered worker."""
        assert self.keys is not None
        if self.server.zcard(self.keys.queue):
            return False
        workers = self.server.smembers(self.keys.workers)
        pipe = self.server.pipeline()
        for raw in workers:
            pipe.hlen(self.keys.processing(raw.decode() if isinstance(raw, bytes) else raw))
        return not any(pipe.execute())

    def spider_idle(self, spider: Spider) -> None:
        self.rescue_dead()
        if not self.crawl_finished():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_close:
            raise DontCloseSpider
        assert self.keys is not None
        self.server.set(self.keys.finished, str(time.time()))
        logger.info("The shared crawl is finished: worker %s exits", self.worker)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.keys is None:
            return
        # Leave cleanly: whatever is still in flight goes back to the queue at once.
        self.server.delete(self.keys.heartbeat(self.worker))
        requeue_dead(self.server, self.keys, self.worker)
