"""Choose and open the crawl's state store from settings."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object

from crawler.state.base import StateStore

logger = logging.getLogger(__name__)
_ATTR = "_crawler_state_store"
# The Redis add-on (crawler/distributed/addon.py) names crawler.state.redis_store's instead.
DEFAULT_STORE = "crawler.state.sqlite_store.SqliteStateStore"


class SettingsLike(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


def open_state_store(settings: SettingsLike) -> StateStore:
    """A new store of the class ``CRAWLER_STATE_STORE`` names, built by its
    ``from_settings`` (``settings``: Scrapy ``Settings`` or a plain dict)."""
    store_class = load_object(settings.get("CRAWLER_STATE_STORE") or DEFAULT_STORE)
    store: StateStore = store_class.from_settings(settings)
    return store


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
