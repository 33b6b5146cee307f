"""Extraction in worker processes, awaited from the reactor.

trafilatura costs ~17 ms of CPU a page and Scrapy's reactor is one thread: run inline, it
caps a crawl at one core and stalls downloads. Threads do not help (the GIL); processes do.

Only page-local work runs in the workers (:func:`process_page`: decode, parse, extract,
links). Cross-page state (learned boilerplate, duplicates) stays in the main process, in the
pipelines. The pool keeps the reactor responsive and memory flat:

* a bounded number of pages in flight (``max_inflight``), so a burst of responses waits as
  bytes in the spider rather than as pickled copies queued for the workers;
* workers recycled after ``recycle_after`` pages each (a fresh executor takes over while the
  old one finishes what it has), so leaks in parsers cannot grow RSS without bound;
* a page whose extraction raises, or kills its worker, becomes a counted non-article
  (``extraction_error`` / ``extraction_worker_died``); the crawl goes on.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler.extraction import ExtractOptions, PageInput, PageResult, process_page

logger = logging.getLogger(__name__)

RECYCLE_AFTER = 5000  # pages per worker before its executor is replaced (start-up ~1.5 s)
INFLIGHT_PER_WORKER = 3  # enough queued to keep a worker busy while results travel back


def _init_worker() -> None:
    """Workers leave Ctrl-C to the crawl process, die with it, and import the extractors."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A crawl killed with SIGKILL cannot shut its pool down; without this its idle workers
    # would live on forever (orphans, re-parented to init).
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    import crawler.extraction.article  # noqa: F401, PLC0415  (warm: the first page is not slow)


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _warm() -> None:
    """A no-op task that makes a new executor start its workers before pages arrive."""


class ExtractionPool:
    """Runs :func:`process_page` in ``workers`` processes (0 = inline, for debugging)."""

    def __init__(
        self,
        workers: int,
        options: ExtractOptions,
        *,
        max_inflight: int | None = None,
        recycle_after: int = RECYCLE_AFTER,
    ) -> None:
        self.workers = max(0, workers)
        self.options = options
        self.max_inflight = max_inflight or max(1, self.workers * INFLIGHT_PER_WORKER)
        self.recycle_after = max(0, recycle_after) * max(1, self.workers)
        self.submitted = 0
        self.recycled = 0
        self._executor: ProcessPoolExecutor | None = None
        self._since_start = 0
        self._slots: asyncio.Semaphore | None = None
        if self.workers:
            # Start the workers now: their imports (~1.5 s) overlap robots.txt and sitemaps
            # instead of delaying the first pages.
            self._pool()

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = self._new_executor()
            self._since_start = 0
        elif self.recycle_after and self._since_start >= self.recycle_after:
            self._retire()
            return self._pool()
        return self._executor

    def _new_executor(self) -> ProcessPoolExecutor:
        # spawn: forking a process that runs a reactor (and threads) is unsafe.
        ctx = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker)
        for _ in range(self.workers):
            executor.submit(_warm)
        return executor

    def _retire(self) -> None:
        """Hand over to a fresh executor; the old one finishes its pages, then exits."""
        old, self._executor = self._executor, None
        if old is not None:
            old.shutdown(wait=False)  # never block the reactor
            self.recycled += 1

    async def process(self, page: PageInput) -> PageResult:
        """Process one page; never raises for a page's content."""
        if self.workers == 0:
            return _guarded(page, self.options)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_inflight)
        async with self._slots:
            return await self._submit(page)

    async def _submit(self, page: PageInput) -> PageResult:
        try:
            future: Future[PageResult] = self._pool().submit(process_page, page, self.options)
        except (BrokenProcessPool, RuntimeError):
            self._executor = None  # a worker died since the last submit: start afresh
            future = self._pool().submit(process_page, page, self.options)
        self.submitted += 1
        self._since_start += 1
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            logger.error("extraction worker died on %s; replacing the pool", page.url)
            self._retire()
            return PageResult(None, "extraction_worker_died")
        except Exception as exc:  # a bug in extraction must cost one page, not the crawl
            return _failed(page, exc)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _guarded(page: PageInput, options: ExtractOptions) -> PageResult:
    try:
        return process_page(page, options)
    except Exception as exc:
        return _failed(page, exc)


def _failed(page: PageInput, exc: Exception) -> PageResult:
    # The message may quote the whole page: log its type and a short head only.
    logger.error("extraction failed on %s: %s: %.200s", page.url, type(exc).__name__, exc)
    return PageResult(None, f"extraction_error_{type(exc).__name__}")
