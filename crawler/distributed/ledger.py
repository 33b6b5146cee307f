"""Exactly-once export across workers: one Redis hash, article key -> state.

``claim:<worker>`` while a worker's pipeline lets the item through, ``final:<worker>``
once its feed line is written. A claim of a dead worker (no heartbeat) can be taken over:
its line, if it got written, is dropped when its feed is recovered (``adopt``), because
the key then belongs to someone else. A final entry is never taken over.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.keys import CrawlKeys

_CLAIM = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if v then
  local kind, owner = string.match(v, '^(%a+):(.*)$')
  if kind == 'final' or owner == ARGV[2] then return 0 end
  if redis.call('EXISTS', ARGV[3] .. owner) == 1 then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], 'claim:' .. ARGV[2])
return 1
"""
_ADOPT = """
local kept = {}
for i = 2, #ARGV do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if (not v) or v == 'claim:' .. ARGV[1] or v == 'final:' .. ARGV[1] then
    redis.call('HSET', KEYS[1], ARGV[i], 'final:' .. ARGV[1])
    kept[#kept + 1] = 1
  else
    kept[#kept + 1] = 0
  end
end
return kept
"""


class RedisLedger:
    """:class:`crawler.resume.exportonce.Ledger` shared by the workers of one crawl."""

    def __init__(self, server: Any, keys: CrawlKeys, worker: str) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self._claim = server.register_script(_CLAIM)
        self._adopt = server.register_script(_ADOPT)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisLedger:
        assert crawler.spider is not None
        settings = crawler.settings
        return cls(get_redis_from_settings(settings),
                   CrawlKeys.from_settings(settings, crawler.spider.name),
                   settings.get("CRAWLER_WORKER_ID"))

    def claim(self, key: str) -> bool:
        heartbeat_prefix = self.keys.heartbeat("")
        return bool(self._claim(keys=[self.keys.exported],
                                args=[key, self.worker, heartbeat_prefix]))

    def mark_exported(self, keys: list[str]) -> None:
        if keys:
            self.server.hset(self.keys.exported,
                             mapping=dict.fromkeys(keys, f"final:{self.worker}"))

    def adopt(self, keys: list[str], owner: str | None) -> list[bool]:
        if not keys:
            return []
        flags = self._adopt(keys=[self.keys.exported], args=[owner or "", *keys])
        return [bool(flag) for flag in flags]

    def close(self) -> None:
        """Nothing to flush: every call above is one Redis command."""
