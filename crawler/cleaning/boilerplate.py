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

Before a site has ``MIN_SITE_PAGES`` pages nothing can be removed
(:meth:`~BoilerplateStore.is_known`); the chrome pipeline holds such a site's records,
counting each page as it arrives (:meth:`~BoilerplateStore.observe`) and stripping it when
released (:meth:`~BoilerplateStore.strip`), so a fresh crawl's first articles are cleaned too.

Why: chrome is on nearly every page (share near 100 %), while a story line that repeats
(a correction quoted in two stories, a background sentence reused by a few reports) is on a
handful of pages and a small share of a site; 5 pages and 25 % keep both apart with margin
after only 10 pages. Lines are normalised (whitespace collapsed, case folded, digit runs
as "0") so counters and dates do not hide a recurring line; only lines of 1–300 characters
are counted; lines are stored as 64-bit hashes. A page (URL) is counted once per site,
however often it is re-crawled. Site keys come from :func:`crawler.cleaning.site_names.site_key`.

Memory: on first use of a site its page count, line counts (hash → pages) and page hashes
are loaded from the file into dicts and a set; every read (threshold checks,
:meth:`~BoilerplateStore.site_pages`) is answered from memory, and this process's counts
are added there as pages are observed. Memory per site is bounded like the file: about
80 bytes per page hash (a 100,000-page site: ~8 MB) and per line (singletons pruned).

Storage: one SQLite file (WAL). Counts are written as deltas, batched: one short
transaction every ``FLUSH_EVERY`` (200) new pages or ``FLUSH_SECONDS`` (10 s), whichever
comes first, and on :meth:`~BoilerplateStore.commit` / :meth:`~BoilerplateStore.close`.
A transaction inserts the page hashes, skipping pages already in the file, and adds the
other pages' counts (``pages = pages + ?``), so several crawls can share a state directory
(each waits up to ``BUSY_TIMEOUT_SECONDS`` for the write lock) and their counts add up
rather than overwrite each other. A process sees another live process's counts only when
it loads the site (a new store); a page that the other process wrote first is not counted
twice. A crash loses at most the unflushed counts (up to 200 pages or 10 s of learning). A
failed write (the lock held past the timeout) raises ``sqlite3.Error`` from the call that
flushed, and its deltas stay pending for the next flush.
Lines seen on a single page are pruned every ``PRUNE_EVERY`` pages of a site to bound the
file and the memory.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crawler.sqlite import connect

MIN_SITE_PAGES = 10
MIN_LINE_PAGES = 5
MIN_SHARE = 0.25
ABSOLUTE_PAGES = 200
MAX_LINE_CHARS = 300
# Deltas are flushed in one transaction per FLUSH_EVERY new pages or FLUSH_SECONDS: a
# transaction costs ~10 statements whatever its size, and a 200-page one holds the write
# lock for a few milliseconds, so concurrent crawls (scrapyd jobs) barely wait.
FLUSH_EVERY = 200
FLUSH_SECONDS = 10.0
BUSY_TIMEOUT_SECONDS = 30.0
PRUNE_EVERY = 1000
RULE_NAME = "site_boilerplate"
FILENAME = "boilerplate.sqlite3"
_CHUNK = 500  # host parameters per IN (...) query
_CACHE_LINES = 4096  # raw line -> hash memo (chrome lines recur on every page of a site)
_CACHE_LINE_CHARS = 2 * MAX_LINE_CHARS  # longer lines are not memoised (memo stays < 3 MB)

_DIGITS = re.compile(r"\d+")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sites (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
    " pages INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS pages (site INTEGER NOT NULL, url INTEGER NOT NULL,"
    " PRIMARY KEY (site, url)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS lines (site INTEGER NOT NULL, line INTEGER NOT NULL,"
    " pages INTEGER NOT NULL, PRIMARY KEY (site, line)) WITHOUT ROWID",
)
_ADD_LINE = (
    "INSERT INTO lines (site, line, pages) VALUES (?, ?, ?)"
    " ON CONFLICT (site, line) DO UPDATE SET pages = pages + excluded.pages"
)


def normalise_line(line: str) -> str | None:
    """The form a line is counted under, or None when it is not counted (blank, too long)."""
    text = " ".join(line.split())  # the same as re.sub(r"\s+", " ", line).strip()
    if not text or len(text) > MAX_LINE_CHARS:
        return None
    return _DIGITS.sub("0", text.casefold())


def _hash(text: str) -> int:
    """A signed 64-bit hash (SQLite INTEGER)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _line_hash(line: str) -> int | None:
    """The hash a line is counted under, or None when it is not counted."""
    norm = normalise_line(line)
    return None if norm is None else _hash(norm)


def is_frequent(line_pages: int, site_pages: int) -> bool:
    """The threshold (see the module docstring)."""
    if site_pages < MIN_SITE_PAGES or line_pages < MIN_LINE_PAGES:
        return False
    return line_pages >= ABSOLUTE_PAGES or line_pages >= MIN_SHARE * site_pages


@dataclass
class _Site:
    """One site's counts in memory: as loaded from the file plus this process's pages."""

    name: str
    id: int | None  # None until the site has a row in the file
    pages: int = 0
    lines: dict[int, int] = field(default_factory=dict)  # line hash -> pages
    urls: set[int] = field(default_factory=set)  # page (URL) hashes seen
    prune_due: bool = False  # singletons dropped from memory, not yet from the file


@dataclass(frozen=True)
class _Page:
    """An observed page whose counts are not yet in the file."""

    site: _Site
    url: int
    lines: frozenset[int]


class BoilerplateStore:
    """Per-site line counts; ``path`` is an SQLite file, a state directory, or None (memory)."""

    def __init__(self, path: Path | str | None = None) -> None:
        target = ":memory:" if path is None else str(_file_for(Path(path)))
        self._db = connect(target, autocommit=True, synchronous="NORMAL",
                           timeout=BUSY_TIMEOUT_SECONDS)
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._sites: dict[str, _Site] = {}
        self._pending: list[_Page] = []
        self._flushed_at = time.monotonic()
        self._memo: dict[str, int | None] = {}

    def observe(self, site: str, url: str, lines: Iterable[str]) -> bool:
        """Count the lines of one page; False (and nothing counted) if the page was seen."""
        hashes = frozenset(h for h in self._line_hashes(lines) if h is not None)
        return self._observe(self._site(site), _hash(url), hashes)

    def is_boilerplate(self, site: str, line: str) -> bool:
        """Whether ``line`` has passed the threshold for ``site``."""
        line_hash = _line_hash(line)
        return line_hash is not None and self._is_frequent(self._site(site), line_hash)

    def filter(self, site: str, url: str, body: str) -> tuple[str, list[tuple[str, str]]]:
        """Observe the page, then drop its boilerplate lines.

        Returns the text and the removed lines as (``"site_boilerplate"``, line), the shape
        of :attr:`crawler.cleaning.CleanResult.removed`.
        """
        self.observe(site, url, body.split("\n"))
        return self.strip(site, body)

    def is_known(self, site: str) -> bool:
        """Whether ``site`` has enough pages seen for any line to pass the threshold: until
        then :meth:`strip` removes nothing, so a page stripped now may keep chrome."""
        return self._site(site).pages >= MIN_SITE_PAGES

    def strip(self, site: str, body: str) -> tuple[str, list[tuple[str, str]]]:
        """Drop the lines of ``body`` that are boilerplate for ``site`` now, without counting
        the page (see :meth:`filter`); a page held until its site is known is counted when
        it arrives and stripped when it is released."""
        state = self._site(site)
        lines = body.split("\n")
        if state.pages < MIN_SITE_PAGES:
            return body, []
        hashes = self._line_hashes(lines)
        counts, pages = state.lines, state.pages
        drop = [h is not None and is_frequent(counts.get(h, 0), pages) for h in hashes]
        if not any(drop):
            return body, []
        pairs = list(zip(lines, drop, strict=True))
        kept = [line for line, gone in pairs if not gone]
        removed = [(RULE_NAME, line.strip()) for line, gone in pairs if gone]
        return "\n".join(kept), removed

    def site_pages(self, site: str) -> int:
        """How many distinct pages of ``site`` have been observed."""
        return self._site(site).pages

    def commit(self) -> None:
        """Write pending counts to disk (one transaction)."""
        self._flush()

    def close(self) -> None:
        """Commit and close; the store cannot be used afterwards."""
        try:
            self.commit()
        finally:
            self._db.close()

    def __enter__(self) -> BoilerplateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line_hashes(self, lines: Iterable[str]) -> list[int | None]:
        """:func:`_line_hash` of each line, memoised (the memo is emptied when full)."""
        memo = self._memo
        if len(memo) > _CACHE_LINES:
            memo.clear()
        hashes = []
        for line in lines:
            if line in memo:
                hashes.append(memo[line])
            elif len(line) > _CACHE_LINE_CHARS:
                hashes.append(_line_hash(line))
            else:
                hashes.append(memo.setdefault(line, _line_hash(line)))
        return hashes

    def _is_frequent(self, state: _Site, line_hash: int) -> bool:
        return is_frequent(state.lines.get(line_hash, 0), state.pages)

    def _observe(self, state: _Site, url: int, hashes: frozenset[int]) -> bool:
        if url in state.urls:
            return False
        state.urls.add(url)
        state.pages += 1
        counts = state.lines
        for line_hash in hashes:
            counts[line_hash] = counts.get(line_hash, 0) + 1
        self._pending.append(_Page(state, url, hashes))
        if state.pages % PRUNE_EVERY == 0:
            state.lines = {h: n for h, n in counts.items() if n > 1}
            state.prune_due = True
            self._flush()
        elif len(self._pending) >= FLUSH_EVERY or self._flush_overdue():
            self._flush()
        return True

    def _flush_overdue(self) -> bool:
        return time.monotonic() - self._flushed_at >= FLUSH_SECONDS

    def _site(self, name: str) -> _Site:
        """The site's counts, loaded from the file on first use."""
        state = self._sites.get(name)
        if state is None:
            state = self._sites[name] = self._load(name)
        return state

    def _load(self, name: str) -> _Site:
        row = self._db.execute("SELECT id, pages FROM sites WHERE name = ?", (name,)).fetchone()
        if row is None:
            return _Site(name, None)
        site_id = int(row[0])
        lines = self._db.execute("SELECT line, pages FROM lines WHERE site = ?", (site_id,))
        urls = self._db.execute("SELECT url FROM pages WHERE site = ?", (site_id,))
        return _Site(name, site_id, int(row[1]), dict(lines.fetchall()), {u for (u,) in urls})

    def _flush(self) -> None:
        """Write the pending deltas in one transaction; on failure they stay pending."""
        self._flushed_at = time.monotonic()
        pruned = [s for s in self._sites.values() if s.prune_due]
        if not self._pending and not pruned:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            ids, seen = self._write(self._pending, pruned)
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._after_flush(ids, seen, pruned)

    def _write(self, pending: Sequence[_Page], pruned: Sequence[_Site]
               ) -> tuple[dict[str, int], list[_Page]]:
        """Add the deltas; returns the site ids and the pages already in the file."""
        by_site: dict[str, list[_Page]] = {}
        for page in pending:
            by_site.setdefault(page.site.name, []).append(page)
        ids: dict[str, int] = {}
        seen: list[_Page] = []
        for name, pages in by_site.items():
            ids[name] = site_id = self._site_row(pages[0].site)
            seen += self._write_site(site_id, pages)
        for state in pruned:
            site_id = ids[state.name] if state.name in ids else self._site_row(state)
            ids[state.name] = site_id
            self._db.execute("DELETE FROM lines WHERE site = ? AND pages <= 1", (site_id,))
        return ids, seen

    def _site_row(self, state: _Site) -> int:
        if state.id is not None:
            return state.id
        self._db.execute("INSERT OR IGNORE INTO sites (name) VALUES (?)", (state.name,))
        row = self._db.execute("SELECT id FROM sites WHERE name = ?", (state.name,)).fetchone()
        return int(row[0])

    def _write_site(self, site_id: int, pages: list[_Page]) -> list[_Page]:
        """Insert one site's new pages and add their counts; returns the pages already there."""
        known = self._known_pages(site_id, [p.url for p in pages])
        fresh = [p for p in pages if p.url not in known]
        self._db.executemany(
            "INSERT OR IGNORE INTO pages (site, url) VALUES (?, ?)",
            [(site_id, p.url) for p in fresh],
        )
        deltas = Counter(h for p in fresh for h in p.lines)
        self._db.executemany(_ADD_LINE, [(site_id, h, n) for h, n in deltas.items()])
        self._db.execute(
            "UPDATE sites SET pages = pages + ? WHERE id = ?", (len(fresh), site_id)
        )
        return [p for p in pages if p.url in known]

    def _known_pages(self, site_id: int, urls: list[int]) -> set[int]:
        """Which of ``urls`` are already in the file (written by another process)."""
        known: set[int] = set()
        for start in range(0, len(urls), _CHUNK):
            chunk = urls[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT url FROM pages WHERE site = ? AND url IN ({marks})", (site_id, *chunk)
            )
            known.update(u for (u,) in rows)
        return known

    def _after_flush(self, ids: dict[str, int], seen: list[_Page], pruned: list[_Site]) -> None:
        """Committed: record site ids, uncount pages another process wrote first."""
        for name, site_id in ids.items():
            self._sites[name].id = site_id
        for page in seen:
            _uncount(page)
        for state in pruned:
            state.prune_due = False
        self._pending = []


def _uncount(page: _Page) -> None:
    """Take back a page's counts from memory (the file already had it)."""
    state = page.site
    state.pages -= 1
    for line_hash in page.lines:
        left = state.lines.get(line_hash, 0) - 1
        if left > 0:
            state.lines[line_hash] = left
        else:
            state.lines.pop(line_hash, None)


def _file_for(path: Path) -> Path:
    """A directory gets :data:`FILENAME` inside it (created if needed); a file is used as is."""
    if path.suffix:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    path.mkdir(parents=True, exist_ok=True)
    return path / FILENAME
