"""A scrapy-redis priority queue that loses nothing when a worker dies.

``pop`` moves the best request from the shared sorted set into the worker's processing
hash in one Lua script (entry id: SHA-1 of the encoded request; value: ``score:data``);
``ack`` deletes it once its output is persisted; ``requeue_dead`` moves a dead worker's
whole hash back into the queue, atomically and only while its heartbeat key is absent.
``push_if_new`` adds the fingerprint to the duplicate filter and the request to the
queue in one step, so a death between the two cannot leave a request seen but unqueued.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.keys import CrawlKeys
from crawler.resume.tracker import add_tag

_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local id = redis.sha1hex(r[1])
redis.call('HSET', KEYS[2], id, r[2] .. ':' .. r[1])
return {id, r[1]}
"""
_PUSH_IF_NEW = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
_REQUEUE_DEAD = """
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local all = redis.call('HGETALL', KEYS[2])
for i = 2, #all, 2 do
  local v = all[i]
  local sep = string.find(v, ':', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(v, 1, sep - 1)), string.sub(v, sep + 1))
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return #all / 2
"""


class ReliablePriorityQueue(PriorityQueue):
    """Built by scrapy-redis's scheduler; the worker id comes from ``CRAWLER_WORKER_ID``."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.worker: str = spider.settings.get("CRAWLER_WORKER_ID")
        self.keys = CrawlKeys.from_settings(spider.settings, spider.name)
        self.processing = self.keys.processing(self.worker)
        self._pop = server.register_script(_POP)
        self._push_if_new = server.register_script(_PUSH_IF_NEW)

    def push_if_new(self, request: Request, fingerprint: str, dupefilter_key: str) -> bool:
        """Mark seen and queue atomically; False if the fingerprint was seen already."""
        data = self._encode_request(request)
        added = self._push_if_new(keys=[dupefilter_key, self.key],
                                  args=[fingerprint, -request.priority, data])
        return bool(added)

    def pop(self, timeout: int = 0) -> Request | None:
        result = self._pop(keys=[self.key, self.processing])
        if not result:
            return None
        entry_id, data = result
        request: Request = self._decode_request(data)
        add_tag(request, entry_id.decode() if isinstance(entry_id, bytes) else entry_id)
        return request

    def ack(self, entry_ids: list[Any]) -> None:
        """The output of these entries is persisted: forget them."""
        if entry_ids:
            self.server.hdel(self.processing, *entry_ids)

    def in_flight(self, worker: str | None = None) -> int:
        return int(self.server.hlen(self.keys.processing(worker or self.worker)))



def requeue_dead(server: Any, keys: CrawlKeys, worker: str) -> int:
    """Re-queue ``worker``'s unacknowledged requests if its heartbeat expired and drop it
    from the workers: the number of requests moved, or -1 if it is alive."""
    script = server.register_script(_REQUEUE_DEAD)
    args = [keys.queue, keys.processing(worker), keys.heartbeat(worker), keys.workers]
    return int(script(keys=args, args=[worker]))
