"""Local feed storage that never shows a half-written feed under its final name.

The feed is written to ``<path>.part`` and renamed to ``<path>`` when the feed closes
(``os.replace`` is atomic on one filesystem). With append mode (``-o``) onto an existing
file, the finished part is appended to it and then removed.

A run that resumes an interrupted crawl (:mod:`crawler.resume`) never overwrites what the
interrupted run exported, even with ``-O``: a JSON Lines feed is continued (appended to),
any other format (a JSON array, XML, CSV cannot be appended to) is written beside it as
``<stem>.part2<ext>`` (``part3``… if taken).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

from crawler.export.locks import owner_path, try_lock
from crawler.stats import is_resumed

logger = logging.getLogger(__name__)

PART_SUFFIX = ".part"
APPENDABLE_FORMATS = frozenset({"jsonlines", "jsonl", "jl"})


class AtomicFileFeedStorage(FileFeedStorage):
    """``FileFeedStorage`` writing to a temporary name, renamed on close."""

    owner: str | None = None
    """Distributed worker id (``CRAWLER_WORKER_ID``), written beside the part as
    ``<part>.owner`` so that the recovery of a killed worker's feed knows whose it is."""

    crawler: Crawler | None = None

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.part_path = Path(self.path + PART_SUFFIX)
        self.format = str((feed_options or {}).get("format") or "")

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> AtomicFileFeedStorage:
        storage = cls(uri, feed_options=feed_options)
        storage.owner = crawler.settings.get("CRAWLER_WORKER_ID") or None
        storage.crawler = crawler
        return storage

    def open(self, spider: Spider) -> IO[bytes]:
        resumed = self.crawler is not None and is_resumed(self.crawler)
        if resumed and self.write_mode == "wb" and Path(self.path).exists():
            self._keep_interrupted_feed()
        self.part_path.parent.mkdir(parents=True, exist_ok=True)
        # Unbuffered: a record is on its way to disk when item_scraped returns, so a run
        # killed later never loses a line it counted as exported. The lock marks the part
        # as live; a killed run's part is unlocked and recovered by the next run
        # (crawler.export.recovery).
        file = self.part_path.open("wb", buffering=0)
        try_lock(file)
        if self.owner:
            owner_path(self.part_path).write_text(self.owner, "utf-8")
        return file

    def _keep_interrupted_feed(self) -> None:
        """``-O`` on a resumed crawl: keep the interrupted run's feed (see module doc)."""
        final = Path(self.path)
        if self.format in APPENDABLE_FORMATS:
            self.write_mode = "ab"
            logger.info("Resumed crawl: continuing the feed %s (its records from the "
                        "interrupted run are kept)", final)
            return
        number = 2
        while (beside := final.with_name(f"{final.stem}.part{number}{final.suffix}")).exists():
            number += 1
        logger.info("Resumed crawl: %s keeps the interrupted run's records; the rest of the "
                    "crawl goes to %s (a %s feed cannot be continued)", final, beside,
                    self.format or "non-JSON-Lines")
        self.path = str(beside)
        self.part_path = Path(self.path + PART_SUFFIX)

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        final = Path(self.path)
        if self.write_mode == "ab" and final.exists():
            with self.part_path.open("rb") as src, final.open("ab") as dst:
                shutil.copyfileobj(src, dst)
            self.part_path.unlink()
        else:
            os.replace(self.part_path, final)
        owner_path(self.part_path).unlink(missing_ok=True)
        file.close()  # after the rename: the part stays locked (live) until it is gone
