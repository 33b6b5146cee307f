"""Local feed storage that never shows a half-written feed under its final name.

The feed is written to ``<path>.part`` and renamed to ``<path>`` when the feed closes
(``os.replace`` is atomic on one filesystem). With append mode (``-o``) onto an existing
file, the finished part is appended to it and then removed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.extensions.feedexport import FileFeedStorage

from crawler.resume.locks import try_lock

PART_SUFFIX = ".part"


class AtomicFileFeedStorage(FileFeedStorage):
    """``FileFeedStorage`` writing to a temporary name, renamed on close."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.part_path = Path(self.path + PART_SUFFIX)

    def open(self, spider: Spider) -> IO[bytes]:
        self.part_path.parent.mkdir(parents=True, exist_ok=True)
        # Unbuffered: a record is on its way to disk when item_scraped returns, so a run
        # killed later never loses a line it counted as exported. The lock marks the part
        # as live; a killed run's part is unlocked and recovered by the next run
        # (crawler.resume.feeds).
        file = self.part_path.open("wb", buffering=0)
        try_lock(file)
        return file

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
        file.close()  # after the rename: the part stays locked (live) until it is gone
