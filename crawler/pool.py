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
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING

from crawler.extraction import ExtractOptions, PageInput, PageResult, process_page
from crawler.extraction.links import KnownLinks
from crawler.gctuning import DEFAULT_THRESHOLD, tune_gc

if TYPE_CHECKING:  # workers import this module: keep Scrapy out of them
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

RECYCLE_AFTER = 5000  # pages per worker before its executor is replaced
INFLIGHT_PER_WORKER = 3  # enough queued to keep a worker busy while results travel back


_WARM_PAGE = PageInput(
    "http://warm.invalid/news/2026/01/01/warm-up.html",
    ("<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
     + "<p>The council met on Monday to discuss the budget for the new bridge.</p>" * 12
     + "</article></body></html>").encode(),
    "utf-8",
)


def _init_worker(crawl_alive: Connection, gc_threshold: int = DEFAULT_THRESHOLD) -> None:
    """Workers leave Ctrl-C to the crawl process, die with it, warm up, then tune the GC."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A crawl killed with SIGKILL cannot shut its pool down; without this its idle workers
    # would live on forever. Their parent is the fork server, which lives as long as they
    # do, so they watch the crawl itself: a pipe only the crawl can write to.
    threading.Thread(target=_exit_with_crawl, args=(crawl_alive,), daemon=True).start()
    # One page loads what extraction loads lazily (language model, tables), so the first
    # real page is not slow and all of it is frozen below as long-lived.
    _guarded(_WARM_PAGE, ExtractOptions())
    tune_gc(gc_threshold)


def _exit_with_crawl(crawl_alive: Connection) -> None:
    with contextlib.suppress(OSError):
        crawl_alive.poll(None)  # returns at EOF: the crawl closed its end, or died
    os._exit(1)


def _context() -> BaseContext:
    """Where workers come from. Forking the crawl process itself is unsafe (it runs a reactor
    and threads), so workers fork from a fork server: a fresh single-threaded process that
    imports extraction once. A worker then starts in milliseconds, where a spawned one
    spends ~0.5 s of CPU importing; that counts at start-up and at every recycle. Spawn
    where there is no fork server (Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def _start_fork_server() -> None:
    """Start the fork server without waiting for it: its imports (~0.3 s) then overlap
    robots.txt and sitemaps. Asking it for a worker would block until they are done."""
    if _context().get_start_method() == "forkserver":
        forkserver.ensure_running()


_KNOWN_LINKS = KnownLinks()
"""A worker's memory of the links it has returned: each site's menus cross to the crawl once
per worker, not once per page."""


def _extract(page: PageInput, options: ExtractOptions) -> PageResult:
    """What a worker runs for a page."""
    return process_page(page, options, known=_KNOWN_LINKS)


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
        gc_threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        self.workers = max(0, workers)
        self.options = options
        self.gc_threshold = gc_threshold
        self.max_inflight = max_inflight or max(1, self.workers * INFLIGHT_PER_WORKER)
        self.recycle_after = max(0, recycle_after) * max(1, self.workers)
        self.submitted = 0
        self.recycled = 0
        self._executor: ProcessPoolExecutor | None = None
        # (read end for the workers, write end this process holds open until it ends)
        self._crawl_alive = multiprocessing.Pipe(duplex=False)
        self._since_start = 0
        self._slots: asyncio.Semaphore | None = None
        self._known = KnownLinks()  # inline (workers=0): this process remembers
        if self.workers:
            _start_fork_server()

    @classmethod
    def from_settings(cls, settings: BaseSettings, options: ExtractOptions) -> ExtractionPool:
        """``CRAWLER_EXTRACT_WORKERS`` workers with ``CRAWLER_GC_THRESHOLD``."""
        return cls(settings.getint("CRAWLER_EXTRACT_WORKERS"), options,
                   gc_threshold=settings.getint("CRAWLER_GC_THRESHOLD", DEFAULT_THRESHOLD))

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = self._new_executor()
            self._since_start = 0
        elif self.recycle_after and self._since_start >= self.recycle_after:
            self._retire()
            return self._pool()
        return self._executor

    def _new_executor(self) -> ProcessPoolExecutor:
        ctx = _context()
        executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                       initargs=(self._crawl_alive[0], self.gc_threshold))
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
            return _guarded(page, self.options, self._known)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_inflight)
        async with self._slots:
            return await self._submit(page)

    async def _submit(self, page: PageInput) -> PageResult:
        try:
            future: Future[PageResult] = self._pool().submit(_extract, page, self.options)
        except (BrokenProcessPool, RuntimeError):
            self._executor = None  # a worker died since the last submit: start afresh
            future = self._pool().submit(_extract, page, self.options)
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
        for end in self._crawl_alive:
            end.close()


def _guarded(page: PageInput, options: ExtractOptions,
             known: KnownLinks | None = None) -> PageResult:
    try:
        return process_page(page, options, known=known)
    except Exception as exc:
        return _failed(page, exc)


def _failed(page: PageInput, exc: Exception) -> PageResult:
    # The message may quote the whole page: log its type and a short head only.
    logger.error("extraction failed on %s: %s: %.200s", page.url, type(exc).__name__, exc)
    return PageResult(None, f"extraction_error_{type(exc).__name__}")
