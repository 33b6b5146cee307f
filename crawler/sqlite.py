"""The one way this project opens an SQLite file (state store, resume frontier, learned
boilerplate). No Scrapy here: cleaning/ uses it too.

Every connection gets WAL (readers never block the one writer, and a crash loses at most
the uncommitted transaction), a busy timeout (concurrent crawls wait for the write lock
instead of failing at once) and ``check_same_thread=False`` (the stores guard their
connection with their own lock and are called from the reactor and from worker threads).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0
MEMORY = ":memory:"


def connect(path: str | Path, *, autocommit: bool = False, synchronous: str = "FULL",
            timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite3.Connection:
    """A connection to ``path`` (``:memory:`` or a file whose directory is created).

    ``autocommit``: each statement is its own transaction (else writes join one open
    transaction until ``commit()``); ``synchronous``: ``FULL`` survives power loss,
    ``NORMAL`` survives a killed process.
    """
    if synchronous not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        raise ValueError(f"synchronous={synchronous!r}")
    if str(path) != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False,
                         isolation_level=None if autocommit else "DEFERRED")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={synchronous}")
    return db
