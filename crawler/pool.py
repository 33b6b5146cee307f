"""Extraction in worker processes, awaited from the reactor.

trafilatura costs ~17 ms of CPU a page and Scrapy's reactor is one thread: run inline, it
caps a crawl at one core and stalls downloads. Threads do not help (the GIL); processes do.

Only page-local work runs in the workers (:func:`process_page`: decode, parse, extract,
links). Cross-page state (learned boilerplate, duplicates) stays in the main process, in the
pipelines; the one exception is each worker's memory of the links it has returned
(:class:`~crawler.extraction.links.KnownLinks`), so a site's menus cross once per worker.

Each worker is one process on its own pipe, fed by one thread of the crawl process that
knows which page the worker holds. That is what makes a per-page limit possible:

* a page gets ``cpu_limit`` seconds of CPU (the kernel's ``RLIMIT_CPU``, so a page stuck in
  C code is stopped too); past it the worker is killed and replaced, the page becomes a
  counted failure (``extraction_timeout``) and no other page is lost;
* a bounded number of pages in flight (``max_inflight``), so a burst of responses waits as
  the responses' own bytes, not as pickled copies; a page's body is written to the pipe from
  the response's buffer (no pickled copy), the rest of the page pickled beside it;
* workers replaced after ``recycle_after`` pages each, so leaks in parsers cannot grow RSS;
* a page whose extraction raises, or kills its worker, becomes a counted non-article
  (``extraction_error_<Exception>`` / ``extraction_worker_died``); the crawl goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from crawler.extensions.gc_tuning import DEFAULT_THRESHOLD, tune_gc
from crawler.extraction.links import KnownLinks
from crawler.extraction.options import ExtractOptions
from crawler.extraction.page_types import PageInput, PageResult

try:
    import resource
except ImportError:  # Windows: no RLIMIT_CPU; only the wall-clock limit applies
    resource = None  # type: ignore[assignment]

if TYPE_CHECKING:  # workers import this module: keep Scrapy out of them
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

RECYCLE_AFTER = 5000  # pages per worker before it is replaced
INFLIGHT_PER_WORKER = 3  # enough queued to keep a worker busy while results travel back
CPU_LIMIT = 30.0  # seconds of CPU a page may take (the 1 MB hostile pages of issue 12: ~3 s)
WALL_LIMIT_FACTOR = 10  # a page stuck without using CPU: killed after this many CPU limits
MIN_WALL_LIMIT = 120.0  # ... and never sooner: a busy machine stretches CPU seconds
TIMEOUT_REASON = "extraction_timeout"
DIED_REASON = "extraction_worker_died"


_WARM_PAGE = PageInput(
    "http://warm.invalid/news/2026/01/01/warm-up.html",
    ("<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
     + "<p>The council met on Monday to discuss the budget for the new bridge.</p>" * 12
     + "</article></body></html>").encode(),
    "utf-8",
)


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker process is started with."""

    options: ExtractOptions
    gc_threshold: int = DEFAULT_THRESHOLD
    cpu_limit: float = CPU_LIMIT


# --- the worker process ------------------------------------------------------------------

_KNOWN_LINKS = KnownLinks()
"""A worker's memory of the links it has returned: each site's menus cross to the crawl once
per worker, not once per page."""


def process_page(page: PageInput, options: ExtractOptions | None = None,
                 known: KnownLinks | None = None) -> PageResult:
    """:func:`crawler.extraction.page.process_page`, imported at the first call: the crawl
    process only hands pages to workers, so it never imports extraction's libraries
    (trafilatura, readability, the language model: ~1 s of CPU and ~60 MB at start). The
    fork server imports them before forking workers (:mod:`crawler.pool_preload`)."""
    from crawler.extraction.page import process_page as run  # noqa: PLC0415

    return run(page, options, known=known)


def _worker_main(conn: Connection, crawl_alive: Connection, config: WorkerConfig) -> None:
    """Serve pages (and, for tests, calls) on ``conn`` until it closes."""
    _init_worker(crawl_alive, config.gc_threshold)
    conn.send(("ready", None))  # a page's time starts now, not during the warm-up
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        start_cpu_limit(config.cpu_limit)
        try:
            if message[0] == "page":
                _, url, declared, want_links = message
                page = PageInput(url, conn.recv_bytes(), declared, want_links)
                reply: tuple[str, Any] = ("ok", process_page(page, config.options,
                                                             known=_KNOWN_LINKS))
            else:
                _, fn, args = message
                reply = ("ok", fn(*args))
        except Exception as exc:
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result or exception
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def start_cpu_limit(seconds: float) -> None:
    """Let the kernel end this process once it has used ``seconds`` more of CPU.

    ``RLIMIT_CPU`` counts whole seconds of the process's total, so the limit is set anew
    before each page; SIGXCPU then ends the process even inside C code (no core file).
    """
    if resource is None or seconds <= 0:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(used + seconds)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _init_worker(crawl_alive: Connection, gc_threshold: int = DEFAULT_THRESHOLD) -> None:
    """Workers leave Ctrl-C to the crawl process, die with it, warm up, then tune the GC."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGXCPU"):
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A crawl killed with SIGKILL cannot shut its pool down; without this its idle workers
    # would live on forever. Their parent is the fork server, which lives as long as they
    # do, so they watch the crawl itself: a pipe only the crawl can write to.
    threading.Thread(target=_exit_with_crawl, args=(crawl_alive,), daemon=True).start()
    warm_up()  # done already where the fork server did it (crawler.pool_preload): ~6 ms then
    tune_gc(gc_threshold)


def warm_up() -> None:
    """Load what extraction loads lazily, before the first page.

    One page loads the tables and caches extraction builds on first use, and the language
    model is loaded outright (the warm-up page may not need it; ~0.6 s of CPU and ~70 MB):
    the first real page is then not slow (nor cut off by a tight CPU limit). The fork server
    runs this once (:mod:`crawler.pool_preload`), so workers forked from it inherit all of it
    instead of each loading it again, at start and at every recycle.
    """
    from crawler.extraction.language import warm_up as warm_up_language  # noqa: PLC0415

    _guarded(_WARM_PAGE, ExtractOptions())
    warm_up_language()


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
    ctx.set_forkserver_preload(_preload())
    return ctx


def _preload() -> list[str]:
    """What the fork server imports before it forks a worker.

    The crawl's main module first: multiprocessing runs it again in every new worker (as
    ``__mp_main__``), which for Scrapy's command line costs ~0.4 s of CPU a worker; imported
    in the fork server, that run finds its imports done (a script: the fork server imports
    it itself, ``"__main__"``, and workers skip it). Then extraction, warmed up
    (:mod:`crawler.pool_preload`). The fork server only imports what the workers would run
    anyway.
    """
    main = sys.modules.get("__main__")
    first: list[str] = []
    if getattr(main, "__spec__", None) is None and getattr(main, "__file__", None):
        first = ["__main__"]  # a script (``scrapy`` itself): multiprocessing's own preload
    # Not a ``python -m package.module`` main (scrapyd's runner, ``python -m scrapy.cmdline``):
    # imported in the fork server, it is in sys.modules when each worker runs it again as
    # ``__mp_main__``, and runpy warns in every worker (RuntimeWarning "found in sys.modules
    # ... prior to execution"; fatal where warnings are errors, noise elsewhere).
    return [*first, "crawler.pool_preload"]


def _start_fork_server() -> None:
    """Start the fork server without waiting for it: its imports (~0.3 s) then overlap
    robots.txt and sitemaps. Asking it for a worker would block until they are done."""
    if _context().get_start_method() == "forkserver":
        forkserver.ensure_running()


# --- the crawl process's side --------------------------------------------------------------

@dataclass
class _Job:
    """A page (sent as bytes beside a pickled header) or, for tests, a call ``fn(*args)``."""

    future: Future[Any]
    page: PageInput | None = None
    call: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


class _WorkerDied(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Worker:
    """One worker process and its pipe, driven by one thread of the crawl process."""

    def __init__(self, ctx: BaseContext, crawl_alive: Connection, config: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, crawl_alive, config), daemon=True)
        self.process.start()
        child.close()
        self.pages = 0
        self.ready = False
        self.wall_limit = (max(config.cpu_limit * WALL_LIMIT_FACTOR, MIN_WALL_LIMIT)
                           if config.cpu_limit > 0 else None)

    def run(self, job: _Job) -> Any:
        """Send the job, wait for its reply; raise :class:`_WorkerDied` if the worker ends."""
        if not self.ready:  # start-up (imports, warm-up) is not the page's time
            self._receive(None)
            self.ready = True
        try:
            page = job.page
            if page is not None and type(page) is PageInput:
                self.conn.send(("page", page.url, page.declared_encoding, page.want_links))
                self.conn.send_bytes(page.body)  # written from the response's own buffer
            elif page is not None:  # a subclass: pickled whole, as it asks
                self.conn.send(("call", process_page, (page,)))
            else:
                assert job.call is not None
                self.conn.send(("call", *job.call))
        except (OSError, EOFError):
            raise _WorkerDied(self._death_reason()) from None
        self.pages += 1
        return self._receive(self.wall_limit)

    def _receive(self, wall_limit: float | None) -> Any:
        deadline = time.monotonic() + wall_limit if wall_limit else None
        while True:
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([self.conn, self.process.sentinel], timeout)
            if self.conn in ready:
                try:
                    status, value = self.conn.recv()
                except (EOFError, OSError):
                    raise _WorkerDied(self._death_reason()) from None
                if status == "error":
                    raise value
                return value
            if ready:  # the process ended without a reply
                raise _WorkerDied(self._death_reason())
            if deadline is not None and time.monotonic() >= deadline:
                self.kill()
                raise _WorkerDied(TIMEOUT_REASON)

    def _death_reason(self) -> str:
        self.process.join(5)
        if hasattr(signal, "SIGXCPU") and self.process.exitcode == -signal.SIGXCPU:
            return TIMEOUT_REASON
        return DIED_REASON

    def stop(self) -> None:
        """Ask the worker to exit (it sees the pipe close); kill it if it does not."""
        self.conn.close()
        self.process.join(5)
        if self.process.is_alive():
            self.kill()

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


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
        cpu_limit: float = CPU_LIMIT,
    ) -> None:
        self.workers = max(0, workers)
        self.options = options
        self.config = WorkerConfig(options, gc_threshold, cpu_limit)
        self.max_inflight = max_inflight or max(1, self.workers * INFLIGHT_PER_WORKER)
        self.recycle_after = max(0, recycle_after)
        self.submitted = 0
        self.recycled = 0
        self.replaced = 0  # workers that died or ran out of time
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._live: dict[int, _Worker] = {}  # by thread index: the worker it drives now
        self._lock = threading.Lock()
        self._closed = False
        # (read end for the workers, write end this process holds open until it ends)
        self._crawl_alive = multiprocessing.Pipe(duplex=False)
        self._slots: asyncio.Semaphore | None = None
        self._known = KnownLinks()  # inline (workers=0): this process remembers
        if self.workers:
            _start_fork_server()

    @classmethod
    def from_settings(cls, settings: BaseSettings, options: ExtractOptions) -> ExtractionPool:
        """``CRAWLER_EXTRACT_WORKERS`` workers with ``CRAWLER_GC_THRESHOLD`` and
        ``CRAWLER_EXTRACT_CPU_LIMIT``."""
        return cls(settings.getint("CRAWLER_EXTRACT_WORKERS"), options,
                   gc_threshold=settings.getint("CRAWLER_GC_THRESHOLD", DEFAULT_THRESHOLD),
                   cpu_limit=settings.getfloat("CRAWLER_EXTRACT_CPU_LIMIT", CPU_LIMIT))

    def start(self) -> None:
        """Start the worker threads (each starts its process); idempotent."""
        with self._lock:
            if self._threads or self._closed or not self.workers:
                return
            for index in range(self.workers):
                thread = threading.Thread(target=self._drive, args=(index,), daemon=True,
                                          name=f"extraction-worker-{index}")
                thread.start()
                self._threads.append(thread)

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for tests and diagnostics)."""
        return [w.process.pid for w in list(self._live.values()) if w.process.pid]

    def call(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``fn(*args)`` in a worker (a picklable module-level function; for tests)."""
        future: Future[Any] = Future()
        self.start()
        self._jobs.put(_Job(future, call=(fn, args)))
        return future

    async def process(self, page: PageInput) -> PageResult:
        """Process one page; never raises for a page's content."""
        if self.workers == 0:
            return _guarded(page, self.options, self._known)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_inflight)
        async with self._slots:
            return await self._submit(page)

    async def _submit(self, page: PageInput) -> PageResult:
        future: Future[PageResult] = Future()
        self.start()
        self._jobs.put(_Job(future, page=page))
        self.submitted += 1
        try:
            return await asyncio.wrap_future(future)
        except _WorkerDied as died:
            log = logger.warning if died.reason == TIMEOUT_REASON else logger.error
            log("extraction worker %s on %s; replaced",
                "ran out of time" if died.reason == TIMEOUT_REASON else "died", page.url)
            return PageResult(None, died.reason)
        except Exception as exc:  # a bug in extraction must cost one page, not the crawl
            return _failed(page, exc)

    def _drive(self, index: int) -> None:
        """One worker's thread: start it, feed it jobs, replace it when it ends or is due."""
        ctx = _context()
        worker = self._try_new_worker(ctx, index)  # ready before pages arrive
        while True:
            job = self._jobs.get()
            if job is None:
                break
            if not job.future.set_running_or_notify_cancel():
                continue
            if worker is not None and self.recycle_after and worker.pages >= self.recycle_after:
                worker.stop()
                worker = None
                self.recycled += 1
            try:
                if worker is None:
                    worker = self._new_worker(ctx, index)
                job.future.set_result(worker.run(job))
            except _WorkerDied as died:
                if worker is not None:
                    worker.kill()
                self._live.pop(index, None)
                self.replaced += 1
                job.future.set_exception(died)
                worker = self._try_new_worker(ctx, index)  # warm before the next page
            except BaseException as exc:
                job.future.set_exception(exc)
        if worker is not None:
            worker.stop()
        self._live.pop(index, None)

    def _try_new_worker(self, ctx: BaseContext, index: int) -> _Worker | None:
        try:
            return self._new_worker(ctx, index)
        except Exception:  # tried again at the next page, which then fails if this did
            logger.exception("could not start an extraction worker")
            return None

    def _new_worker(self, ctx: BaseContext, index: int) -> _Worker:
        worker = self._live[index] = _Worker(ctx, self._crawl_alive[0], self.config)
        return worker

    def close(self) -> None:
        """Stop the workers (each finishes its page) and release their pipes."""
        with self._lock:
            self._closed = True
            threads, self._threads = self._threads, []
        self._cancel_queued()
        for _ in threads:
            self._jobs.put(None)
        for thread in threads:
            thread.join(60)
        for end in self._crawl_alive:
            end.close()

    def _cancel_queued(self) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                job.future.cancel()


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
