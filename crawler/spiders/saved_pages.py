"""``saved_pages``: the spider behind ``scrapy extract``. It fetches nothing: its ``start``
reads saved pages and yields articles, so they go through the same pool, pipelines, stats
and feed exporters as a crawl."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler

from crawler.extraction.options import ExtractOptions
from crawler.extraction.page_types import PageInput, PageResult
from crawler.items import Article
from crawler.pool import ExtractionPool
from crawler.saved.progress_bar import ProgressBar
from crawler.saved.reader import iter_saved_pages, total_bytes
from crawler.stats import inc_counts, inc_stat

logger = logging.getLogger(__name__)


class SavedPagesSpider(scrapy.Spider):
    """Extract articles from files given as ``paths`` (``url`` names a lone HTML file)."""

    name = "saved_pages"
    listed = False  # run by `scrapy extract`, not `scrapy crawl`: hidden from `scrapy list`

    def __init__(self, paths: list[str] | None = None, url: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.paths = list(paths or [])
        self.page_url = url
        self.pool: ExtractionPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SavedPagesSpider:
        spider: SavedPagesSpider = super().from_crawler(crawler, *args, **kwargs)
        options = ExtractOptions(
            min_body_chars=crawler.settings.getint("CRAWLER_MIN_BODY_CHARS"),
            require_article=False,  # the user chose these pages; judge, count, still export
            audit=crawler.settings.getbool("CRAWLER_AUDIT"),
        )
        spider.pool = ExtractionPool.from_settings(crawler.settings, options)
        crawler.signals.connect(spider.pool.close, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        assert self.pool is not None
        window = max(2, 2 * self.pool.workers)  # enough in flight to keep every worker busy
        pending: set[asyncio.Future[PageResult]] = set()
        bar = self._progress_bar()
        progress = bar.update if bar is not None else None
        for page in iter_saved_pages(self.paths, self.page_url, progress):
            if isinstance(page, str):
                inc_stat(self.crawler.stats, "extract", "unreadable", page)
                continue
            pending.add(asyncio.ensure_future(self._process(page)))
            if len(pending) >= window:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for item in self._articles(done):
                    yield item
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for item in self._articles(done):
                yield item
        if bar is not None:
            bar.close()

    def closed(self, reason: str) -> None:
        """One summary line: inputs that could not be read (each was named with its reason
        when met), pages read, articles found. ``scrapy extract`` exits 1 if none was read."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        unreadable = {k.removeprefix("extract/unreadable/"): v for k, v in stats.items()
                      if k.startswith("extract/unreadable/")}
        failed = sum(unreadable.values())
        log = logger.warning if failed else logger.info
        log("extract: %d input%s, %d could not be read%s; %d pages read, %d articles",
            len(self.paths), "" if len(self.paths) == 1 else "s", failed,
            f" ({', '.join(f'{k} {n}' for k, n in sorted(unreadable.items()))})" if failed
            else "", stats.get("pages/read", 0), stats.get("item_scraped_count", 0))

    def _progress_bar(self) -> ProgressBar | None:
        """A byte progress bar on stderr, only on a terminal and for large inputs."""
        total = total_bytes(self.paths)
        threshold = self.crawler.settings.getint("CRAWLER_PROGRESS_BAR_MIN_BYTES")
        if not sys.stderr.isatty() or total < threshold:
            return None
        return ProgressBar(total, sys.stderr)

    async def _process(self, page: PageInput) -> PageResult:
        assert self.pool is not None
        result = await self.pool.process(page)
        if result.article is None:  # every page gets a record, saying why it has no article
            # here, not at the top: Scrapy imports every spider module at start, and
            # article.py brings trafilatura & co. into a crawl process that never extracts
            from crawler.extraction.article import verdict_record  # noqa: PLC0415

            result.article = verdict_record(page.url, result.reason or "unknown")
        return result

    def _articles(self, done: set[asyncio.Future[PageResult]]) -> list[Article]:
        out = []
        for future in done:
            result = future.result()
            inc_stat(self.crawler.stats, "pages", "read")
            inc_counts(self.crawler.stats, "chrome/pruned", result.pruned)
            assert result.article is not None
            verdict = result.article.metadata.get("verdict")
            if verdict:
                inc_stat(self.crawler.stats, "pages", "no_article", verdict)
                logger.info("no article: %s", verdict)
            out.append(result.article)
        return out
