"""Count what Scrapy drops for size: it logs a warning and moves on, with no stat.

Two places drop an oversized body: the download handler (``DOWNLOAD_MAXSIZE`` on the bytes
received, raising ``DownloadCancelledError``) and ``HttpCompressionMiddleware`` (the same
limit on the *decompressed* body: gzip/brotli bombs, raising ``IgnoreRequest``).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.stats import inc_stat


class SizeLimitStatsMiddleware:
    """``security/dropped/too_large`` for every download cancelled by ``DOWNLOAD_MAXSIZE``."""

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SizeLimitStatsMiddleware:
        return cls(crawler.stats)

    def process_exception(self, request: Request, exception: Exception) -> None:
        # The handler cancels a download only for DOWNLOAD_MAXSIZE (timeouts have their own
        # error); a body that crosses the limit mid-stream carries no message, so match the type.
        if isinstance(exception, DownloadCancelledError):
            inc_stat(self.stats, "security", "dropped", "too_large")


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, plus ``security/dropped/too_large_decompressed`` on bombs."""

    # Without the deprecated `spider` argument, which Scrapy 2.14+ warns about.
    def process_response(self, request: Request, response: Response) -> Any:  # type: ignore[override]
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if "DOWNLOAD_MAXSIZE" in str(exc):
                inc_stat(self.stats, "security", "dropped", "too_large_decompressed")
            raise
