"""Choose and open a state store from settings (within a crawl, ask the one the
:class:`crawler.state.extension.CrawlState` extension opened)."""

from __future__ import annotations

from typing import Any, Protocol

from scrapy.utils.misc import load_object

from crawler.state.base import StateStore

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
