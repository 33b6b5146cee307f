"""The durable frontier: requests of one resumable crawl, and the keys it exported.

One SQLite file per crawl (spider and fingerprint, see ``scheduler.frontier_path``) in
``CRAWLER_STATE_DIR/resume/``. Each write is its own
transaction (autocommit, WAL): a process killed at any instant leaves every earlier write
on disk, and an OS page cache is enough for that (``synchronous=NORMAL``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from crawler.sqlite import connect

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS requests (fp TEXT PRIMARY KEY, data BLOB NOT NULL,"
    " done INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS exported (key TEXT PRIMARY KEY)",
)


class Frontier:
    """Requests by fingerprint (pending or done) and exported record keys."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path, autocommit=True, synchronous="NORMAL")
        for statement in _SCHEMA:
            self._db.execute(statement)

    def add(self, fp: str, data: bytes) -> bool:
        """Record a request as pending; False if its fingerprint was known already."""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO requests (fp, data) VALUES (?, ?)", (fp, data)
            )
            return cur.rowcount == 1

    def mark_done(self, fps: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("UPDATE requests SET done = 1 WHERE fp = ?",
                                 ((fp,) for fp in fps))

    def pending(self) -> Iterator[bytes]:
        """Serialized requests recorded but not done (in the order they were recorded)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT data FROM requests WHERE done = 0 ORDER BY rowid"
            ).fetchall()
        for (data,) in rows:
            yield data

    def counts(self) -> tuple[int, int]:
        """(pending, done) requests."""
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) - coalesce(sum(done), 0), coalesce(sum(done), 0) FROM requests"
            ).fetchone()
        return int(row[0]), int(row[1])

    def is_exported(self, key: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM exported WHERE key = ?", (key,)).fetchone()
        return row is not None

    def mark_exported(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO exported (key) VALUES (?)",
                                 ((k,) for k in keys))

    def claim(self, key: str) -> bool:
        """May this process export ``key``? (One process per frontier: not exported yet.)"""
        return not self.is_exported(key)

    def adopt(self, keys: list[str], owner: str | None) -> list[bool]:
        """Records found in a recovered feed: all exported, all kept."""
        self.mark_exported(keys)
        return [True] * len(keys)

    def clear(self) -> None:
        """Forget the crawl (it finished): the next run starts a new one."""
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM requests")
            self._db.execute("DELETE FROM exported")
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()
