"""Extraction in worker processes, awaited from the reactor.

trafilatura costs ~17 ms of CPU a page and Scrapy's reactor is one thread: run inline, it
caps a crawl at one core and stalls downloads. Threads do not help (the GIL); processes do.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler.extraction import ExtractOptions, PageInput, PageResult, process_page

logger = logging.getLogger(__name__)


class ExtractionPool:
    """Runs :func:`process_page` in ``workers`` processes (0 = inline, for debugging)."""

    def __init__(self, workers: int, options: ExtractOptions) -> None:
        self.workers = max(0, workers)
        self.options = options
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            # spawn: forking a process that runs a reactor (and threads) is unsafe.
            ctx = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._executor

    async def process(self, page: PageInput) -> PageResult:
        """Process one page; a crashed worker is replaced and the page reported as failed."""
        if self.workers == 0:
            return process_page(page, self.options)
        future = self._pool().submit(process_page, page, self.options)
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            logger.error("extraction worker died on %s; restarting the pool", page.url)
            self.close()
            return PageResult(None, "extraction_worker_died")

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
