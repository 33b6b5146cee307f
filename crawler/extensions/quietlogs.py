"""Log lines a person can read: a network failure is one line, not a traceback.

Scrapy logs some download failures (a host that refuses connections, a DNS failure, a
timeout) with a full traceback, although nothing is broken in the program: the robots.txt
middleware as ``Error downloading <the page>`` (the crawl goes on as if robots.txt allowed
everything), and the scraper for a request without an errback (``scrapy parse``). These
filters keep the line and drop the traceback; the robots.txt one also says what failed.
"""

from __future__ import annotations

import logging

from scrapy import exceptions
from scrapy.crawler import Crawler
from twisted.internet import error as twisted_errors

ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"
SCRAPER_LOGGER = "scrapy.core.scraper"
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    exceptions.DownloadConnectionRefusedError, exceptions.CannotResolveHostError,
    exceptions.DownloadTimeoutError, exceptions.DownloadFailedError,
    exceptions.ResponseDataLossError, twisted_errors.ConnectError,
    twisted_errors.TimeoutError, TimeoutError, ConnectionError,
)


def _network_error(record: logging.LogRecord) -> BaseException | None:
    exc = record.exc_info[1] if record.exc_info else None
    return exc if isinstance(exc, NETWORK_ERRORS) else None


class NetworkErrorLine(logging.Filter):
    """Drop the traceback of a network error (the message already names it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _network_error(record) is not None:
            record.exc_info = None
            record.exc_text = None
        return True


class RobotsErrorLine(logging.Filter):
    """A robots.txt that could not be fetched: one WARNING line naming robots.txt."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = _network_error(record)
        if exc is not None:
            args = record.args if isinstance(record.args, dict) else {}
            url = getattr(args.get("request"), "url", "?")
            record.msg = "robots.txt for %s could not be fetched (%s): crawling without it"
            record.args = (url, exc)
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class QuietLogs:
    """Extension: installs the filters on Scrapy's loggers (once per process)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietLogs:
        for name, kind in ((ROBOTS_LOGGER, RobotsErrorLine), (SCRAPER_LOGGER, NetworkErrorLine)):
            log = logging.getLogger(name)
            if not any(isinstance(f, kind) for f in log.filters):
                log.addFilter(kind())
        return cls()
