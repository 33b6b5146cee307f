"""A page that would hold an extraction worker for long is cut off at its CPU limit: the
worker is replaced, the page counted as ``pages/failed/extraction_timeout``, and the crawl
exports everything else. (No timed assertion: only what the crawl counts and exports.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.demo.server import DEMO_SITE, serve
from tests.conftest import read_jsonl, run_scrapy
from tests.test_crawl_demo import ARTICLE_PATHS
from tests.test_pool import slow_page

SLOW_PATH = "/2026/11/25/a-page-that-takes-seconds-to-extract.html"


@pytest.mark.slow
def test_crawl_goes_on_past_a_page_over_its_cpu_limit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DEMO_SITE, site)
    slow = site / SLOW_PATH.lstrip("/")
    slow.parent.mkdir(parents=True, exist_ok=True)
    slow.write_bytes(slow_page().body)
    index = site / "index.html"
    index.write_text(index.read_text("utf-8").replace(
        "</main>", f'<a href="{SLOW_PATH}">A long page</a></main>'), "utf-8")
    out = tmp_path / "feed.jsonl"
    with serve(site) as server:
        proc = run_scrapy(
            ["crawl", "news", "-a", f"url={server.base_url}/", "-O", str(out),
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
             "-s", "CRAWLER_EXTRACT_CPU_LIMIT=1", "-s", "LOG_LEVEL=INFO"],
            tmp_path, timeout=300)
        fetched = list(server.requests)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert SLOW_PATH in fetched
    assert "'pages/failed/extraction_timeout': 1" in proc.stderr, proc.stderr[-6000:]
    paths = sorted(r["url"].removeprefix(server.base_url) for r in read_jsonl(out))
    assert paths == sorted(ARTICLE_PATHS)
