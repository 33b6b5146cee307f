"""Site-level learned boilerplate: lines that recur across many pages of one site.

A line no rule names is still chrome when it recurs on many pages of the same site (a
footer sentence, a newsletter blurb). :class:`BoilerplateStore` counts, per site, on how
many distinct pages each line occurs, and removes a line once it passes the threshold.
Counts persist in an SQLite file, so a site's second crawl is clean from its first page.

Threshold: a line is boilerplate for a site when

- the site has been seen on at least ``MIN_SITE_PAGES`` (10) distinct pages,
- the line occurred on at least ``MIN_LINE_PAGES`` (5) distinct pages, and
- on at least ``MIN_SHARE`` (25 %) of the site's pages, or on ``ABSOLUTE_PAGES`` (200)
  pages whatever the share (a footer added late in a long crawl).

Why: chrome is on nearly every page (share near 100 %), while a story line that repeats
(a correction quoted in two stories, a background sentence reused by a few reports) is on a
handful of pages and a small share of a site; 5 pages and 25 % keep both apart with margin
after only 10 pages. Lines are normalised (whitespace collapsed, case folded, digit runs
as "0") so counters and dates do not hide a recurring line; only lines of 1–300 characters
are counted; lines are stored as 64-bit hashes. A page (URL) is counted once per site,
however often it is re-crawled. Site keys come from :func:`crawler.cleaning.sites.site_key`.

Storage: one SQLite file (WAL), one short transaction per page so that several crawls can
share a state directory (each waits up to ``BUSY_TIMEOUT_SECONDS`` for the write lock).
Lines seen on a single page are pruned every ``PRUNE_EVERY`` pages of a site to bound the file.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

MIN_SITE_PAGES = 10
MIN_LINE_PAGES = 5
MIN_SHARE = 0.25
ABSOLUTE_PAGES = 200
MAX_LINE_CHARS = 300
# One short transaction per page: several crawls (scrapyd jobs) may share a state directory,
# and a batch would hold SQLite's write lock for seconds. WAL + synchronous=NORMAL keeps a
# commit at ~0.07 ms (measured), so batching gains little.
COMMIT_EVERY = 1
BUSY_TIMEOUT_SECONDS = 30.0
PRUNE_EVERY = 1000
RULE_NAME = "site_boilerplate"
FILENAME = "boilerplate.sqlite3"

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sites (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
    " pages INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS pages (site INTEGER NOT NULL, url INTEGER NOT NULL,"
    " PRIMARY KEY (site, url)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS lines (site INTEGER NOT NULL, line INTEGER NOT NULL,"
    " pages INTEGER NOT NULL, PRIMARY KEY (site, line)) WITHOUT ROWID",
)


def normalise_line(line: str) -> str | None:
    """The form a line is counted under, or None when it is not counted (blank, too long)."""
    text = _SPACE.sub(" ", line).strip()
    if not text or len(text) > MAX_LINE_CHARS:
        return None
    return _DIGITS.sub("0", text.casefold())


def _hash(text: str) -> int:
    """A signed 64-bit hash (SQLite INTEGER)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def is_frequent(line_pages: int, site_pages: int) -> bool:
    """The threshold (see the module docstring)."""
    if site_pages < MIN_SITE_PAGES or line_pages < MIN_LINE_PAGES:
        return False
    return line_pages >= ABSOLUTE_PAGES or line_pages >= MIN_SHARE * site_pages


class BoilerplateStore:
    """Per-site line counts; ``path`` is an SQLite file, a state directory, or None (memory)."""

    def __init__(self, path: Path | str | None = None) -> None:
        target = ":memory:" if path is None else str(_file_for(Path(path)))
        self._db = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.commit()
        self._site_ids: dict[str, int] = {}
        self._pending = 0

    def observe(self, site: str, url: str, lines: Iterable[str]) -> bool:
        """Count the lines of one page; False (and nothing counted) if the page was seen."""
        site_id = self._site_id(site)
        inserted = self._db.execute(
            "INSERT OR IGNORE INTO pages (site, url) VALUES (?, ?)", (site_id, _hash(url))
        ).rowcount
        if not inserted:
            return False
        hashes = {_hash(n) for n in map(normalise_line, lines) if n is not None}
        self._db.executemany(
            "INSERT INTO lines (site, line, pages) VALUES (?, ?, 1)"
            " ON CONFLICT (site, line) DO UPDATE SET pages = pages + 1",
            [(site_id, h) for h in hashes],
        )
        self._db.execute("UPDATE sites SET pages = pages + 1 WHERE id = ?", (site_id,))
        self._after_write(site_id)
        return True

    def is_boilerplate(self, site: str, line: str) -> bool:
        """Whether ``line`` has passed the threshold for ``site``."""
        return bool(self._frequent(site, [line]))

    def filter(self, site: str, url: str, body: str) -> tuple[str, list[tuple[str, str]]]:
        """Observe the page, then drop its boilerplate lines.

        Returns the text and the removed lines as (``"site_boilerplate"``, line), the shape
        of :attr:`crawler.cleaning.CleanResult.removed`.
        """
        lines = body.split("\n")
        self.observe(site, url, lines)
        frequent = self._frequent(site, lines)
        if not frequent:
            return body, []
        kept = [line for line in lines if line.strip() not in frequent]
        removed = [(RULE_NAME, line.strip()) for line in lines if line.strip() in frequent]
        return "\n".join(kept), removed

    def site_pages(self, site: str) -> int:
        """How many distinct pages of ``site`` have been observed."""
        row = self._db.execute("SELECT pages FROM sites WHERE name = ?", (site,)).fetchone()
        return int(row[0]) if row else 0

    def commit(self) -> None:
        """Write pending counts to disk."""
        self._db.commit()
        self._pending = 0

    def close(self) -> None:
        """Commit and close; the store cannot be used afterwards."""
        self.commit()
        self._db.close()

    def __enter__(self) -> BoilerplateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _frequent(self, site: str, lines: Iterable[str]) -> set[str]:
        """The stripped lines among ``lines`` that are boilerplate for ``site``."""
        site_pages = self.site_pages(site)
        if site_pages < MIN_SITE_PAGES:
            return set()
        by_hash: dict[int, list[str]] = {}
        for line in lines:
            norm = normalise_line(line)
            if norm is not None:
                by_hash.setdefault(_hash(norm), []).append(line.strip())
        site_id = self._site_id(site)
        found: set[str] = set()
        hashes = list(by_hash)
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT line, pages FROM lines WHERE site = ? AND line IN ({marks})",
                (site_id, *chunk),
            )
            for line_hash, pages in rows:
                if is_frequent(pages, site_pages):
                    found.update(by_hash[line_hash])
        return found

    def _site_id(self, site: str) -> int:
        cached = self._site_ids.get(site)
        if cached is not None:
            return cached
        self._db.execute("INSERT OR IGNORE INTO sites (name) VALUES (?)", (site,))
        row = self._db.execute("SELECT id FROM sites WHERE name = ?", (site,)).fetchone()
        self._site_ids[site] = int(row[0])
        return int(row[0])

    def _after_write(self, site_id: int) -> None:
        row = self._db.execute("SELECT pages FROM sites WHERE id = ?", (site_id,)).fetchone()
        if row and row[0] % PRUNE_EVERY == 0:
            self._db.execute("DELETE FROM lines WHERE site = ? AND pages <= 1", (site_id,))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit()


def _file_for(path: Path) -> Path:
    """A directory gets :data:`FILENAME` inside it (created if needed); a file is used as is."""
    if path.suffix:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    path.mkdir(parents=True, exist_ok=True)
    return path / FILENAME
