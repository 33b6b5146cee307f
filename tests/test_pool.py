"""The extraction pool: results, failures that cost one page, recycling, bounded in-flight
pages, and workers that do not outlive a killed crawl."""

from __future__ import annotations

import asyncio
import gc
import importlib.machinery
import multiprocessing
import os
import subprocess
import sys
import time
import types

import psutil
import pytest

import crawler.pool as pool_module
from crawler.extraction import ExtractOptions, PageInput, PageResult
from crawler.pool import ExtractionPool
from tests.conftest import ROOT
from tests.faultsite.pages import article_html

URL = "https://news.example/news/2026/11/20/harbour-pier-closes-for-repairs.html"
PAGE = PageInput(URL, article_html("harbour-pier-closes-for-repairs",
                                   "Harbour pier closes for repairs", 1).encode(), "utf-8")


class KillsWorker(PageInput):
    """Unpickling this page in a worker ends the worker process (a segfault, say)."""

    def __reduce__(self):  # type: ignore[override]
        return (os._exit, (3,))


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_inline_pool_extracts() -> None:
    result = run(ExtractionPool(0, ExtractOptions()).process(PAGE))
    assert result.article is not None and result.reason is None


def test_exception_in_extraction_costs_one_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(page: PageInput, options: ExtractOptions, **_: object) -> PageResult:
        raise AssertionError("too many bodies")

    monkeypatch.setattr(pool_module, "process_page", broken)
    result = run(ExtractionPool(0, ExtractOptions()).process(PAGE))
    assert result.article is None and result.reason == "extraction_error_AssertionError"


@pytest.mark.slow
def test_dead_worker_is_replaced() -> None:
    pool = ExtractionPool(1, ExtractOptions())

    async def scenario() -> list[PageResult]:
        first = await pool.process(PAGE)
        died = await pool.process(KillsWorker(URL, b"<html></html>"))
        after = await pool.process(PAGE)
        return [first, died, after]

    try:
        first, died, after = run(scenario())
    finally:
        pool.close()
    assert first.article is not None
    assert died.reason == "extraction_worker_died"
    assert after.article is not None


@pytest.mark.slow
def test_workers_recycled_and_in_flight_bounded() -> None:
    pool = ExtractionPool(1, ExtractOptions(), max_inflight=2, recycle_after=2)
    active = peak = 0
    submit = pool._submit

    async def counting(page: PageInput) -> PageResult:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        try:
            return await submit(page)
        finally:
            active -= 1

    pool._submit = counting  # type: ignore[method-assign]

    async def scenario() -> list[PageResult]:
        return list(await asyncio.gather(*(pool.process(PAGE) for _ in range(7))))

    try:
        results = run(scenario())
    finally:
        pool.close()
    assert all(r.article is not None for r in results)
    assert peak == 2
    assert pool.recycled >= 2


CHILD = """
import asyncio, os, signal
from crawler.extraction import ExtractOptions
from crawler.pool import ExtractionPool
from tests.test_pool import PAGE
pool = ExtractionPool(2, ExtractOptions())
asyncio.run(pool.process(PAGE))
print(" ".join(str(p) for p in pool.worker_pids()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.slow
def test_workers_exit_when_the_crawl_is_killed() -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == -9, proc.stderr[-2000:]
    pids = [int(p) for p in proc.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 60  # a bound on the wait, not a speed target
    while time.monotonic() < deadline and any(psutil.pid_exists(p) for p in pids):
        time.sleep(0.2)
    alive = [p for p in pids if psutil.pid_exists(p)
             and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert alive == []


def test_workers_fork_from_a_warm_server_and_tune_their_collector() -> None:
    pool = ExtractionPool(1, ExtractOptions(), gc_threshold=12_345)
    try:
        if "forkserver" in multiprocessing.get_all_start_methods():
            assert pool_module._context().get_start_method() == "forkserver"
        threshold = pool.call(gc.get_threshold).result(timeout=60)
        frozen = pool.call(gc.get_freeze_count).result(timeout=60)
        # the initializer imported extraction before any page: it is already loaded
        loaded = pool.call(_loaded, "crawler.extraction.article").result(timeout=60)
    finally:
        pool.close()
    assert threshold[0] == 12_345
    assert frozen > 10_000  # modules, classes and tables of the extractors
    assert loaded


def test_gc_threshold_zero_leaves_workers_as_python_makes_them() -> None:
    pool = ExtractionPool(1, ExtractOptions(), gc_threshold=0)
    try:
        threshold = pool.call(gc.get_threshold).result(timeout=60)
        frozen = pool.call(gc.get_freeze_count).result(timeout=60)
    finally:
        pool.close()
    fresh = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold())"],
                           capture_output=True, text=True, check=True, timeout=60).stdout
    assert str(threshold) == fresh.strip() and frozen == 0


def _loaded(module: str) -> bool:
    return module in sys.modules


def slow_page() -> PageInput:
    """A page whose extraction takes several seconds of CPU (6 MB of repeated paragraphs)."""
    lines = "<p>The same short line of a hostile page, again.</p>" * (6 * 2**20 // 52)
    return PageInput("https://news.example/news/2026/11/20/slow.html",
                     f"<html><body><article>{lines}</article></body></html>".encode(), "utf-8")


@pytest.mark.slow
def test_page_past_its_cpu_limit_is_counted_and_only_it_is_lost() -> None:
    pool = ExtractionPool(2, ExtractOptions(), cpu_limit=1)

    before: set[int] = set()

    async def scenario() -> tuple[list[PageResult], PageResult]:
        await asyncio.gather(pool.process(PAGE), pool.process(PAGE))  # both workers up
        before.update(pool.worker_pids())
        results = await asyncio.gather(pool.process(slow_page()),
                                       *(pool.process(PAGE) for _ in range(4)))
        return list(results), await pool.process(PAGE)

    try:
        (slow, *others), after = run(scenario())
        now = set(pool.worker_pids())
    finally:
        pool.close()
    assert slow.article is None and slow.reason == "extraction_timeout"
    assert all(r.article is not None for r in others)  # the other worker's pages survive
    assert after.article is not None  # the pool goes on
    # one worker replaced, the other the same process; the replacement may not have started
    # yet when the last page went to the surviving worker (it starts on demand)
    assert pool.replaced == 1 and len(before) == 2 and len(now & before) == 1


def test_news_spider_counts_a_timeout_as_a_failed_page() -> None:
    from scrapy.utils.test import get_crawler

    from crawler.spiders.news import NewsSpider
    from tests.conftest import project_settings

    crawler = get_crawler(NewsSpider, project_settings(CRAWLER_EXTRACT_WORKERS=0))
    spider = NewsSpider.from_crawler(crawler, url="https://news.example/")
    crawler.stats.open_spider()
    spider._count_page(PageResult(None, "extraction_timeout"), URL)
    spider._count_page(PageResult(None, "no_article_signal"), URL)
    stats = crawler.stats.get_stats()
    assert stats.get("pages/failed/extraction_timeout") == 1
    assert "pages/not_article/extraction_timeout" not in stats
    assert stats.get("pages/not_article/no_article_signal") == 1


def _main_module(spec_name: str | None, file: str | None) -> types.ModuleType:
    main = types.ModuleType("__main__")
    main.__spec__ = (None if spec_name is None  # type: ignore[assignment]
                     else importlib.machinery.ModuleSpec(spec_name, None))
    if file is not None:
        main.__file__ = file
    return main


@pytest.mark.parametrize(
    ("spec_name", "file", "first"),
    [
        # python -m scrapy.cmdline (and scrapyd's runner): not preloaded, or runpy warns in
        # every worker that the module was imported before it ran
        ("scrapy.cmdline", "/x/scrapy/cmdline.py", []),
        (None, "/x/bin/scrapy", ["__main__"]),  # the scrapy script
        ("pytest.__main__", "/x/pytest/__main__.py", []),  # never re-run by multiprocessing
        (None, None, []),  # an interactive session
    ],
)
def test_fork_server_preloads_the_main_module_and_warm_extraction(
    monkeypatch: pytest.MonkeyPatch, spec_name: str | None, file: str | None, first: list[str]
) -> None:
    monkeypatch.setitem(sys.modules, "__main__", _main_module(spec_name, file))
    assert pool_module._preload() == [*first, "crawler.pool_preload"]


def test_pool_preload_warms_extraction_on_import() -> None:
    code = ("import crawler.extraction.language as lang, crawler.pool_preload\n"
            "print(lang._identifier.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    assert out.strip() == "1"  # the language model is loaded, once
