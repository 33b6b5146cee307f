"""Records held back until their site's learned boilerplate is known, with bounds.

Learned boilerplate (:mod:`crawler.cleaning.boilerplate`) removes nothing before a site has
``MIN_SITE_PAGES`` pages seen, so a fresh crawl's first articles of a site would keep the
site's tagline and footer lines. :class:`HoldingPen` keeps those records waiting (each one
a Deferred that the chrome pipeline awaits) and says why each was let go:

- ``threshold``: its site reached the page count (the usual case);
- ``idle``: the crawl has nothing else to do (a site with few articles, one article URL);
- ``timeout``: held longer than ``max_seconds`` (a slow site: export is not delayed for long);
- ``cap``: more than ``per_site`` records of a site or ``total`` records in all (memory);
- ``memory``: the scraper holds too many response bytes (the engine would stop fetching);
- ``close``: the crawl is closing (Ctrl-C, a CLOSESPIDER limit, the end).

The oldest record goes first whenever only some are released. No Scrapy import here: the
pipeline decides when to ask (:mod:`crawler.pipelines.chrome`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

from twisted.internet.defer import Deferred

THRESHOLD = "threshold"
IDLE = "idle"
TIMEOUT = "timeout"
CAP = "cap"
MEMORY = "memory"
CLOSE = "close"


@dataclass
class _Held:
    site: str
    since: float
    deferred: Deferred[str] = field(default_factory=Deferred)


class HoldingPen:
    """Held records, oldest first; ``per_site`` and ``total`` are caps (at least 1)."""

    def __init__(self, per_site: int, total: int, max_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_site = max(1, per_site)
        self.total = max(1, total)
        self.max_seconds = max_seconds
        self.clock = clock
        self._held: dict[int, _Held] = {}  # insertion order: oldest first
        self._by_site: dict[str, list[int]] = {}
        self._ids = count()

    def __len__(self) -> int:
        return len(self._held)

    def held(self, site: str) -> int:
        return len(self._by_site.get(site, ()))

    def hold(self, site: str) -> Deferred[str]:
        """Hold one record of ``site``; the Deferred fires with the reason it is released.
        Past a cap, the oldest record (of the site, else of all) is released first."""
        if self.held(site) >= self.per_site:
            self._release([self._by_site[site][0]], CAP)
        if len(self._held) >= self.total:
            self._release([next(iter(self._held))], CAP)
        key = next(self._ids)
        entry = self._held[key] = _Held(site, self.clock())
        self._by_site.setdefault(site, []).append(key)
        return entry.deferred

    def release_site(self, site: str, reason: str = THRESHOLD) -> int:
        return self._release(list(self._by_site.get(site, ())), reason)

    def release_expired(self) -> int:
        """Release what was held ``max_seconds`` or longer."""
        limit = self.clock() - self.max_seconds
        expired = [k for k, e in self._held.items() if e.since <= limit]
        return self._release(expired, TIMEOUT)

    def release_oldest(self, number: int, reason: str) -> int:
        return self._release(list(self._held)[:max(0, number)], reason)

    def release_all(self, reason: str) -> int:
        return self._release(list(self._held), reason)

    def _release(self, keys: list[int], reason: str) -> int:
        # Out of the pen before any Deferred fires: a waiter resumed by callback() may hold
        # or release again (re-entrancy) and must find the pen consistent.
        entries = [self._held.pop(k) for k in keys]
        for key, entry in zip(keys, entries, strict=True):
            site_keys = self._by_site[entry.site]
            site_keys.remove(key)
            if not site_keys:
                del self._by_site[entry.site]
        for entry in entries:
            entry.deferred.callback(reason)
        return len(entries)
