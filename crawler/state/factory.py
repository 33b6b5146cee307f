"""Choose and open the crawl's state store from settings."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.state.base import StateStore
from crawler.state.sqlite_store import FILENAME, SqliteStateStore

logger = logging.getLogger(__name__)
_ATTR = "_crawler_state_store"


class SettingsLike(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


def open_state_store(settings: SettingsLike) -> StateStore:
    """A new store as ``settings`` ask (Scrapy ``Settings`` or a plain dict)."""
    if settings.get("REDIS_URL"):  # distributed: every worker shares one store
        from crawler.state.redis_store import DEFAULT_KEY, RedisStateStore  # noqa: PLC0415

        prefix = settings.get("CRAWLER_REDIS_PREFIX") or DEFAULT_KEY.split("state:")[0]
        return RedisStateStore.from_url(settings.get("REDIS_URL"), f"{prefix}state:urls")
    state_dir = Path(settings.get("CRAWLER_STATE_DIR") or ".state")
    return SqliteStateStore(state_dir / FILENAME)


def crawler_state_store(crawler: Crawler) -> StateStore:
    """The one store a crawl's spider and pipelines share; closed when the spider closes."""
    store: StateStore | None = getattr(crawler, _ATTR, None)
    if store is None:
        store = open_state_store(crawler.settings)
        setattr(crawler, _ATTR, store)

        def _close() -> None:
            store.close()
            delattr(crawler, _ATTR)

        crawler.signals.connect(_close, signal=signals.spider_closed, weak=False)
    return store


def is_fresh(crawler: Crawler, spider: Any = None) -> bool:
    """``-a fresh=1`` or ``CRAWLER_FRESH``: ignore what earlier runs recorded (they are
    still recorded, for the next run). ``spider`` defaults to the crawler's."""
    arg = str(getattr(spider or crawler.spider, "fresh", "") or "").lower()
    return crawler.settings.getbool("CRAWLER_FRESH") or arg in {"1", "true", "yes", "on"}
