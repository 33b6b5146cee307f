"""The default state backend: one SQLite file (WAL) in ``CRAWLER_STATE_DIR``.

Scale: a row is keyed by a 64-bit hash of the URL key (an ``INTEGER PRIMARY KEY``, i.e.
the table's own rowid B-tree, so there is no second index), and the content hash is stored
as 20 raw bytes. A million URLs take ~40 MB on disk; RAM is SQLite's page cache
(bounded by ``cache_mib``) plus nothing per URL. Collisions of 64-bit keys are
negligible (~3e-8 for a million URLs) and cost at worst one skipped article.

Durability: writes join one open transaction; ``flush()`` commits it with
``synchronous=FULL``, so what was flushed survives SIGKILL and power loss.
"""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path
from typing import Any

from crawler.sqlite import connect
from crawler.state.base import UrlRecord

FILENAME = "urls.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS urls (key INTEGER PRIMARY KEY, hash BLOB,"
    " exported_at REAL, published TEXT)"
)


def key_id(key: str) -> int:
    """A signed 64-bit integer for ``key`` (SQLite integers are signed 64-bit)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _pack_hash(content_hash: str) -> bytes | str:
    try:
        return bytes.fromhex(content_hash)  # a hex SHA-1: 20 bytes instead of 40 chars
    except ValueError:
        return content_hash


def _unpack_hash(value: bytes | str | None) -> str | None:
    return value.hex() if isinstance(value, bytes) else value


class SqliteStateStore:
    """:class:`crawler.state.base.StateStore` on SQLite. ``path`` may be ``:memory:``."""

    def __init__(self, path: str | Path, cache_mib: int = 32) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = connect(path, synchronous="FULL")
        self._db.execute(f"PRAGMA cache_size=-{int(cache_mib) * 1024}")
        self._db.execute(_SCHEMA)
        self._db.commit()

    @classmethod
    def from_settings(cls, settings: Any) -> SqliteStateStore:
        """The store in ``CRAWLER_STATE_DIR`` (default ``.state``)."""
        return cls(Path(settings.get("CRAWLER_STATE_DIR") or ".state") / FILENAME)

    def get(self, key: str) -> UrlRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT hash, exported_at, published FROM urls WHERE key = ?", (key_id(key),)
            ).fetchone()
        if row is None:
            return None
        return UrlRecord(_unpack_hash(row[0]), row[1], row[2])

    def __contains__(self, key: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM urls WHERE key = ?", (key_id(key),)).fetchone()
        return row is not None

    def mark_exported(self, key: str, content_hash: str, published: str | None) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO urls (key, hash, exported_at, published)"
                " VALUES (?, ?, ?, ?)",
                (key_id(key), _pack_hash(content_hash), time.time(), published),
            )

    def mark_seen(self, key: str) -> None:
        # Never overwrites: an exported record stays exported.
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO urls (key) VALUES (?)", (key_id(key),))

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM urls").fetchone()[0])

    def flush(self) -> None:
        with self._lock:
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.commit()
            self._db.close()
