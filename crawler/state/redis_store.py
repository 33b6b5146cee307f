"""The distributed state backend: one Redis hash per crawl prefix (``REDIS_URL``).

Field: the URL key; value: ``<content hash>|<exported at>|<published>`` (empty parts for
a URL fetched but not exported). Every write is one Redis command, applied when it
returns; how much survives a Redis restart is Redis's persistence setting (AOF/RDB).
"""

from __future__ import annotations

import time
from typing import Any

from crawler.state.base import UrlRecord

DEFAULT_PREFIX = "crawler:"  # as CRAWLER_REDIS_PREFIX
DEFAULT_KEY = f"{DEFAULT_PREFIX}state:urls"


class RedisStateStore:
    """:class:`crawler.state.base.StateStore` on Redis, shared by all workers."""

    def __init__(self, server: Any, key: str = DEFAULT_KEY) -> None:
        self.server = server
        self.key = key

    @classmethod
    def from_settings(cls, settings: Any) -> RedisStateStore:
        """The store of the crawl at ``REDIS_URL``, under ``CRAWLER_REDIS_PREFIX``."""
        prefix = settings.get("CRAWLER_REDIS_PREFIX") or DEFAULT_PREFIX
        return cls.from_url(settings.get("REDIS_URL"), f"{prefix}state:urls")

    @classmethod
    def from_url(cls, url: str, key: str = DEFAULT_KEY) -> RedisStateStore:
        import redis  # noqa: PLC0415 - only the Redis backend needs it

        return cls(redis.Redis.from_url(url), key)

    def get(self, key: str) -> UrlRecord | None:
        raw = self.server.hget(self.key, key)
        if raw is None:
            return None
        text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
        digest, exported_at, published = [*text.split("|", 2), "", ""][:3]
        return UrlRecord(digest or None, float(exported_at) if exported_at else None,
                         published or None)

    def mark_exported(self, key: str, content_hash: str, published: str | None) -> None:
        self.server.hset(self.key, key, f"{content_hash}|{time.time()}|{published or ''}")

    def mark_seen(self, key: str) -> None:
        # Never overwrites: an exported record stays exported.
        self.server.hsetnx(self.key, key, "||")

    def __len__(self) -> int:
        return int(self.server.hlen(self.key))

    def flush(self) -> None:
        """Writes are applied as they are made."""

    def close(self) -> None:
        self.server.close()
