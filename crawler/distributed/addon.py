"""The ``REDIS_URL`` switch: run the same spider as one worker of a shared crawl.

Enabled in ``ADDONS``; does nothing unless ``REDIS_URL`` is set. Then the scheduler,
queue and duplicate filter are scrapy-redis's (made reliable here), the worker extension
joins the crawl, and the state store and the export ledger are Redis's. This is the one
place that decides whether Redis is on: everything else reads the class-path settings set
here (``CRAWLER_STATE_STORE``, ``CRAWLER_EXPORT_LEDGER``, ``SCHEDULER``, ...).
"""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any

# Above "project": settings.py names the single-machine SCHEDULER, and REDIS_URL must win
# over it; below "cmdline", so -s still overrides any of these.
ADDON_PRIORITY = "spider"


def new_worker_id() -> str:
    """Unique per process, readable in logs: host, pid and a random suffix."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class RedisAddon:
    """``scrapy crawl news -a url=… -s REDIS_URL=redis://host:6379/0``."""

    def update_settings(self, settings: Any) -> None:
        if not settings.get("REDIS_URL"):
            return
        prefix = settings.get("CRAWLER_REDIS_PREFIX") or "crawler:"
        values = {
            "SCHEDULER": "crawler.distributed.scheduler.ReliableRedisScheduler",
            "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.ReliablePriorityQueue",
            "SCHEDULER_QUEUE_KEY": f"{prefix}%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}%(spider)s:dupefilter",
            # Exact fingerprints (a Redis set), not a Bloom filter.
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            # The queue is shared: a worker that closes must not flush it.
            "SCHEDULER_PERSIST": True,
            "CRAWLER_STATE_STORE": "crawler.state.redis_store.RedisStateStore",
            "CRAWLER_EXPORT_LEDGER": "crawler.distributed.ledger.RedisLedger",
        }
        for name, value in values.items():
            settings.set(name, value, priority=ADDON_PRIORITY)
        if not settings.get("CRAWLER_WORKER_ID"):
            settings.set("CRAWLER_WORKER_ID", new_worker_id(), priority=ADDON_PRIORITY)
        settings["EXTENSIONS"]["crawler.distributed.worker.WorkerExtension"] = 100
