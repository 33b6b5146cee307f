"""Redis key names of one distributed crawl (``CRAWLER_REDIS_PREFIX`` + spider name)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CrawlKeys:
    """Every key a crawl uses, so that one prefix separates crawls sharing a Redis."""

    base: str

    @classmethod
    def from_settings(cls, settings: Any, spider_name: str) -> CrawlKeys:
        return cls(f"{settings.get('CRAWLER_REDIS_PREFIX') or 'crawler:'}{spider_name}")

    @property
    def queue(self) -> str:
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.base}:dupefilter"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    @property
    def exported(self) -> str:
        return f"{self.base}:exported"

    @property
    def finished(self) -> str:
        return f"{self.base}:finished"

    def heartbeat(self, worker: str) -> str:
        return f"{self.base}:heartbeat:{worker}"

    def processing(self, worker: str) -> str:
        return f"{self.base}:processing:{worker}"
