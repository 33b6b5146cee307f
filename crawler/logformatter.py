"""``LOG_FORMATTER``: a dropped item is one short line (reason and URL), not the item's repr.

Scrapy logs every dropped item as a WARNING followed by the whole item (1-2 KB a line for an
article). Here: ``Dropped (<DropItem class>): <url>: <message>`` on one line, at INFO for a
routine drop (a class with ``routine = True``: unchanged since the last export, exported
before a resume), at WARNING otherwise (or the exception's own ``log_level``).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure

MAX_MESSAGE = 200


class ArticleLogFormatter(LogFormatter):
    """Scrapy's log formatter with a one-line ``dropped``."""

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        level: Any = getattr(exception, "log_level", None)
        if level is None:
            level = logging.INFO if getattr(type(exception), "routine", False) else logging.WARNING
        if isinstance(level, str):
            level = getattr(logging, level)
        try:
            url = ItemAdapter(item).get("url") or "?"
        except TypeError:
            url = "?"
        message = " ".join(str(exception).split())
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "…"
        return {
            "level": level,
            "msg": "Dropped (%(reason)s): %(url)s: %(message)s",
            "args": {"reason": type(exception).__name__, "url": url, "message": message},
        }
