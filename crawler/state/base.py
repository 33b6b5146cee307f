"""The crawl's persistent state, behind one interface with two backends: SQLite on disk
(single machine, in ``CRAWLER_STATE_DIR``) and Redis (distributed, ``REDIS_URL``).

Keys are ``crawler.urlcanon.url_key(url)`` strings (canonical URL without scheme and
``www.``); a backend may store a hash of the key (SQLite: 64-bit blake2b). Open a store
with ``crawler.state.factory.open_state_store(settings)``; within a crawl, spider and
pipelines share the one the ``CrawlState`` extension owns (``crawler.state.extension``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class UrlRecord:
    """What we know of one article URL from earlier runs."""

    content_hash: str | None
    """``metadata.contentHash`` of the last exported version (None: fetched, not exported)."""
    exported_at: float | None
    """Unix time of the last export."""
    published: str | None
    """``datePublished`` of the last exported version (for the re-check window)."""


class StateStore(Protocol):
    """Seen/exported URLs across runs. Implementations must be safe to call from the reactor
    thread (fast: lookups from memory or one indexed query) and must survive process death:
    what ``mark_exported`` wrote before a crash is there after it."""

    def get(self, key: str) -> UrlRecord | None:
        """The record for ``key``, or None if never seen."""
        ...

    def mark_exported(self, key: str, content_hash: str, published: str | None) -> None:
        """Record that ``key`` was exported with this body hash."""
        ...

    def mark_seen(self, key: str) -> None:
        """Record that ``key`` was fetched (even if it yielded no article)."""
        ...

    def __len__(self) -> int: ...

    def flush(self) -> None:
        """Make every write so far durable."""
        ...

    def close(self) -> None: ...
